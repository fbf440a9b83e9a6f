package org.hvsim.guest;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Host tools for the guest-kernel tests: finding them, skipping or failing when they are missing. */
final class GuestTools {
    /** Where the test runs in CI: a missing tool is then a failure, not a skip. */
    static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private GuestTools() {
    }

    /** Skips the test (or fails it under CI=true) when a host tool is not on the PATH. */
    static void require(String tool, String why) {
        if (onPath(tool)) {
            return;
        }
        String reason = tool + " not found on PATH (" + why + ")";
        if (CI) {
            fail(reason + "; CI=true, so this is a failure: .ci/run installs it");
        }
        System.err.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** experiments/guest, from the module directory (Maven's working directory) or the repository root. */
    static Path guestSources() {
        for (String candidate : new String[] {System.getProperty("basedir", "."), ".", "experiments"}) {
            Path p = Path.of(candidate).resolve("guest").toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            p = Path.of(candidate).resolve("experiments/guest").toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("experiments/guest not found from " + Path.of("").toAbsolutePath());
    }

    /** The committed kernel image (the classpath resource hvsim boots by default), copied to {@code dir}. */
    static Path kernelImage(Path dir) throws IOException {
        Path k = dir.resolve("hvsim-kernel.elf");
        try (InputStream in = GuestTools.class.getResourceAsStream("/guest/hvsim-kernel.elf")) {
            if (in == null) {
                throw new IllegalStateException("/guest/hvsim-kernel.elf is not on the class path");
            }
            Files.copy(in, k);
        }
        return k;
    }

    /** Output and exit status of a finished host process. */
    record Finished(int status, String stdout, String stderr, boolean timedOut) {
    }

    /** Runs {@code command} with stdin from /dev/null, waiting at most {@code timeoutSeconds}. */
    static Finished run(List<String> command, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return new Finished(done ? p.exitValue() : -1, Files.readString(out), Files.readString(err), !done);
    }
}
