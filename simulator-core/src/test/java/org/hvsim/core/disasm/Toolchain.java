package org.hvsim.core.disasm;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The host's GNU toolchain (gcc, as, objdump) for the differential tests. A missing tool skips
 * the test with a visible reason, except under CI (env CI=true), where it fails.
 */
final class Toolchain {
    private Toolchain() {
    }

    static void require(String... tools) {
        for (String tool : tools) {
            if (find(tool) == null) {
                String message = tool + " not found on PATH: the GNU objdump differential test needs gcc, as and objdump";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail(message);
                }
                Assumptions.abort(message + " (skipped; set CI=true to make this a failure)");
            }
        }
    }

    private static Path find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (candidate.toFile().canExecute()) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs a command in {@code dir}; returns its stdout, failing the test on a non-zero exit. */
    static String run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            // Drain stderr in the background so a chatty tool cannot block on a full pipe.
            StringBuilder err = new StringBuilder();
            Thread drain = new Thread(() -> {
                try {
                    err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the exit code below reports the failure
                }
            });
            drain.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            drain.join();
            if (p.exitValue() != 0) {
                fail("command failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + err);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
