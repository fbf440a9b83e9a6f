package org.hvsim.core.diff;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The host-CPU side: compiles harness.c (a test resource) with the system gcc once per JVM and
 * runs whole batches of cases in one harness process, exchanging binary files.
 */
final class NativeHarness {
    /** What the host CPU did with one case. */
    record Outcome(int signal, boolean strayWrite, long faultRip, long[] gpr, long rflags, byte[] scratch) {
    }

    private final Path dir;
    private final Path binary;
    private final HostFeatures features;

    private NativeHarness(Path dir, Path binary, HostFeatures features) {
        this.dir = dir;
        this.binary = binary;
        this.features = features;
    }

    HostFeatures features() {
        return features;
    }

    Path dir() {
        return dir;
    }

    /** Compiles the harness into {@code dir} and queries the host CPU features. */
    static NativeHarness build(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path src = dir.resolve("harness.c");
        try (InputStream in = NativeHarness.class.getResourceAsStream("/diff/harness.c")) {
            if (in == null) {
                throw new IllegalStateException("test resource /diff/harness.c is missing");
            }
            Files.write(src, in.readAllBytes());
        }
        Path bin = dir.resolve("harness");
        String out = run(List.of("gcc", "-O2", "-Wall", "-Werror", "-o", bin.toString(), src.toString()), 120);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("gcc did not build the harness:\n" + out);
        }
        String info = run(List.of(bin.toString(), "--info"), 30);
        Map<String, String> kv = new HashMap<>();
        for (String line : info.split("\n")) {
            String[] p = line.trim().split("=");
            if (p.length == 2) {
                kv.put(p[0], p[1]);
            }
        }
        return new NativeHarness(dir, bin, HostFeatures.parse(kv));
    }

    /** True if the given tool can be started (e.g. "gcc", "as"). */
    static boolean toolAvailable(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    /** Runs all cases (already assembled) in one harness process. */
    List<Outcome> runBatch(List<DiffCase> cases) throws IOException, InterruptedException {
        Path in = dir.resolve("cases.bin");
        Path out = dir.resolve("results.bin");
        int scratch = DiffLayout.SCRATCH_SIZE;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(in), 1 << 16)) {
            ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            h.put("HVDIFF01".getBytes(StandardCharsets.US_ASCII)).putInt(cases.size()).putInt(scratch);
            os.write(h.array());
            ByteBuffer c = ByteBuffer.allocate(4 + 17 * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (DiffCase dc : cases) {
                c.clear();
                c.putInt(dc.code.length);
                for (long g : dc.gpr) {
                    c.putLong(g);
                }
                c.putLong(dc.rflags);
                os.write(c.array(), 0, c.position());
                os.write(dc.scratch);
                os.write(dc.code);
            }
        }
        Files.deleteIfExists(out);
        run(List.of(binary.toString(), in.toString(), out.toString()), 300);
        List<Outcome> results = new ArrayList<>(cases.size());
        try (DataInputStream is = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(out), 1 << 16))) {
            byte[] head = new byte[16];
            is.readFully(head);
            ByteBuffer hb = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            if (!new String(head, 0, 8, StandardCharsets.US_ASCII).equals("HVDIFFR1") || hb.getInt(8) != cases.size()) {
                throw new IllegalStateException("bad harness output header");
            }
            byte[] rec = new byte[16 + 17 * 8];
            for (int i = 0; i < cases.size(); i++) {
                is.readFully(rec);
                ByteBuffer r = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
                int sig = r.getInt();
                boolean stray = r.getInt() != 0;
                long rip = r.getLong();
                long[] gpr = new long[16];
                for (int k = 0; k < 16; k++) {
                    gpr[k] = r.getLong();
                }
                long flags = r.getLong();
                byte[] scr = new byte[scratch];
                is.readFully(scr);
                results.add(new Outcome(sig, stray, rip, gpr, flags, scr));
            }
        }
        return results;
    }
}
