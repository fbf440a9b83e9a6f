package org.hvsim.core.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hvsim.core.platform.PcPlatform;
import org.hvsim.core.platform.PlatformConfig;
import org.hvsim.core.user.ElfImage;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PhysicalMemory;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds the assembly test kernels of src/test/resources/system-kernels with the host's GNU as
 * and ld, boots them in a {@link SystemMachine}, and captures their COM1 output.
 */
final class KernelHarness {
    static final Path SOURCES = Path.of("src/test/resources/system-kernels");
    static final Path BUILD = Path.of("target/system-kernels");

    /** What a kernel run produced. */
    record Run(MachineResult result, String console) {
        List<String> lines() {
            List<String> out = new ArrayList<>();
            for (String l : console.split("\r?\n")) {
                if (!l.isEmpty()) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    private KernelHarness() {
    }

    /** Skips (locally) or fails (CI=true) unless GNU as and ld are available. */
    static void requireToolchain() {
        String problem = null;
        for (String tool : new String[] {"as", "ld"}) {
            if (!works(tool, "--version")) {
                problem = "GNU " + tool + " not found on PATH";
                break;
            }
        }
        if (problem == null) {
            return;
        }
        String ci = System.getenv("CI");
        if (ci != null && ci.equalsIgnoreCase("true")) {
            fail("system-semantics test kernels cannot be built in CI: " + problem);
        }
        Assumptions.abort("system-semantics test kernels skipped: " + problem
                + " (set CI=true to turn this into a failure)");
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Assembles and links {@code name}.S into target/system-kernels/{@code name}.elf. */
    static Path build(String name) throws IOException, InterruptedException {
        Files.createDirectories(BUILD);
        Path src = SOURCES.resolve(name + ".S");
        Path obj = BUILD.resolve(name + ".o");
        Path elf = BUILD.resolve(name + ".elf");
        exec("as", "--64", "-I", SOURCES.toString(), "-o", obj.toString(), src.toString());
        exec("ld", "-m", "elf_x86_64", "-static", "-nostdlib", "-z", "max-page-size=4096",
                "-T", SOURCES.resolve("kernel.ld").toString(), "-o", elf.toString(), obj.toString());
        return elf;
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + out);
        }
    }

    /** Builds and boots kernel {@code name}; runs at most {@code maxInstructions}. */
    static Run boot(String name, long maxInstructions) throws Exception {
        Path elf = build(name);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PcPlatform p = new PcPlatform(PlatformConfig.defaults(), console);
        SystemMachine m = new SystemMachine(new PhysicalMemory(), p, MmuConfig.skylake());
        BootLoader.boot(m, ElfImage.read(elf), 128L << 20, "", false);
        MachineResult r = m.run(maxInstructions);
        return new Run(r, console.toString(StandardCharsets.US_ASCII));
    }
}
