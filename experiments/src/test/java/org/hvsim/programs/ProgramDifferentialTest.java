package org.hvsim.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;
import org.hvsim.core.user.ElfImage;
import org.hvsim.core.user.GuestStreams;
import org.hvsim.core.user.ProcessConfig;
import org.hvsim.core.user.UserProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Whole-program differential tests: every C program of the corpus in {@code src/test/c/programs}
 * is compiled freestanding with the host gcc at -O0, -O1, -O2, -O3 and -Os, run natively and under
 * hvsim's user-mode runner, and must produce byte-identical stdout and the same exit status.
 *
 * <p>A missing gcc (or a host that cannot run x86-64 Linux binaries) skips the tests with a
 * visible reason, except in CI (environment variable {@code CI} set and not "false"), where it
 * fails them. See docs/testing.md, "Whole-program differential tests".
 */
class ProgramDifferentialTest {
    /** Optimisation levels every program is built at. */
    static final List<String> LEVELS = List.of("-O0", "-O1", "-O2", "-O3", "-Os");

    /** gcc flags besides the -O level: a static, freestanding, integer-only executable. */
    static final List<String> CFLAGS = List.of("-static", "-nostdlib", "-ffreestanding", "-fno-stack-protector",
            "-fno-pie", "-no-pie", "-mgeneral-regs-only", "-fno-asynchronous-unwind-tables", "-g0");

    /** Arguments after argv[0] given to every program (args.c prints them). */
    static final List<String> ARGS = List.of("alpha", "beta gamma", "", "--flag=7");

    /** A program may declare a non-zero expected exit status with this marker in its source. */
    private static final Pattern EXPECT_EXIT = Pattern.compile("expect-exit:\\s*(\\d+)");

    private static final long NATIVE_TIMEOUT_SECONDS = 30;
    /** Instruction budget per hvsim run; the largest program needs about 30 million at -O0. */
    private static final long HVSIM_MAX_INSTRUCTIONS = 500_000_000L;

    private static final Path BASEDIR = findBasedir();
    private static final Path SOURCES = BASEDIR.resolve("src/test/c/programs");
    private static final Path BUILD = BASEDIR.resolve("target/programs");

    /** What one run of a program produced. */
    record Result(byte[] stdout, int exitCode, String diagnostics) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    @TestFactory
    Stream<DynamicContainer> programsMatchNativeExecution() throws IOException {
        requireToolchain();
        List<Path> programs;
        try (Stream<Path> files = Files.list(SOURCES)) {
            programs = files.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().toList();
        }
        if (programs.isEmpty()) {
            fail("no C programs found in " + SOURCES);
        }
        return programs.stream().map(src -> {
            String name = src.getFileName().toString().replaceFirst("\\.c$", "");
            return DynamicContainer.dynamicContainer(name, LEVELS.stream().map(level ->
                    DynamicTest.dynamicTest(name + " " + level, () -> checkProgram(src, name, level))));
        });
    }

    private static void checkProgram(Path source, String name, String level) throws Exception {
        Path elf = compile(source, name, level);
        List<String> argv = new ArrayList<>();
        argv.add(elf.toString());
        argv.addAll(ARGS);

        Result nativeRun = runNatively(elf, argv);
        int expectedExit = expectedExit(source);
        // A wrong native result is a bug in the corpus, not in hvsim: say so distinctly.
        assertEquals(expectedExit, nativeRun.exitCode(),
                () -> "corpus bug: native " + name + " " + level + " exited with " + nativeRun.exitCode()
                        + ", expected " + expectedExit + "\n" + nativeRun.stdoutText() + nativeRun.diagnostics());
        if (!nativeRun.stdoutText().contains(": checks failed: 0\n")) {
            fail("corpus bug: native " + name + " " + level + " failed its own checks:\n" + nativeRun.stdoutText());
        }

        Result sim = runInHvsim(elf, argv);
        String where = name + " " + level;
        if (!Arrays.equals(nativeRun.stdout(), sim.stdout())) {
            fail(where + ": hvsim output differs from native. " + firstDifference(nativeRun.stdoutText(),
                    sim.stdoutText()) + "\nhvsim: " + sim.diagnostics());
        }
        assertEquals(nativeRun.exitCode(), sim.exitCode(),
                () -> where + ": exit status differs (native vs hvsim). hvsim: " + sim.diagnostics());
    }

    /**
     * Runs {@code elf} under hvsim's user-mode runner with {@code args} as its argv (argv[0]
     * included) and returns what it wrote to stdout and its exit status. Anything other than a
     * normal exit (fault, unsupported system call, instruction budget) becomes exit code -1 with a
     * diagnostic naming the reason and, for a fault, the faulting instruction.
     */
    static Result runInHvsim(Path elf, List<String> args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GuestStreams streams = new GuestStreams(InputStream.nullInputStream(), out, err);
        UserProcess process = UserProcess.create(ElfImage.read(elf), ProcessConfig.of(args), streams);
        long start = System.nanoTime();
        RunResult result = process.run(HVSIM_MAX_INSTRUCTIONS);
        double seconds = (System.nanoTime() - start) / 1e9;
        String stats = String.format(Locale.ROOT, "%d instructions in %.2f s", result.instructions(), seconds);
        String stderr = err.size() == 0 ? "" : "\nguest stderr: " + err.toString(StandardCharsets.UTF_8);
        if (result.reason() == StopReason.EXITED) {
            return new Result(out.toByteArray(), result.exitCode(), stats + stderr);
        }
        String why = switch (result.reason()) {
            case GUEST_FAULT -> "guest fault " + result.fault().vector() + " at rip=0x"
                    + Long.toHexString(result.faultRip()) + " (error code " + result.fault().errorCode()
                    + ", address 0x" + Long.toHexString(result.fault().faultAddress()) + ")\n  "
                    + disassembleAt(elf, result.faultRip());
            case INSTRUCTION_LIMIT -> "instruction budget of " + HVSIM_MAX_INSTRUCTIONS + " used up at rip=0x"
                    + Long.toHexString(process.state().rip);
            default -> "stopped: " + result.message() + " at rip=0x" + Long.toHexString(process.state().rip);
        };
        return new Result(out.toByteArray(), -1, why + "\n  (" + stats + ")" + stderr);
    }

    static Result runNatively(Path elf, List<String> argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.redirectErrorStream(false);
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] stdout;
        try (InputStream in = p.getInputStream()) {
            stdout = in.readAllBytes();   // the programs print a few KiB at most
        }
        if (!p.waitFor(NATIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("native run of " + elf + " timed out after " + NATIVE_TIMEOUT_SECONDS + " s");
        }
        return new Result(stdout, p.exitValue(), "");
    }

    private static Path compile(Path source, String name, String level) throws IOException, InterruptedException {
        Path dir = BUILD.resolve(level.substring(1));
        Files.createDirectories(dir);
        Path elf = dir.resolve(name);
        List<String> cmd = new ArrayList<>();
        cmd.add("gcc");
        cmd.add(level);
        cmd.addAll(CFLAGS);
        cmd.add("-I" + SOURCES.resolve("rt"));
        cmd.add("-o");
        cmd.add(elf.toString());
        cmd.add(SOURCES.resolve("rt/rt.c").toString());
        cmd.add(source.toString());
        cmd.add("-lgcc");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("gcc failed for " + name + " " + level + ": " + String.join(" ", cmd) + "\n" + output);
        }
        return elf;
    }

    private static int expectedExit(Path source) throws IOException {
        Matcher m = EXPECT_EXIT.matcher(Files.readString(source));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Describes the first differing line of two outputs (1-based line number). */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int n = Math.min(e.length, a.length);
        for (int i = 0; i < n; i++) {
            if (!e[i].equals(a[i])) {
                return "First difference at line " + (i + 1) + ":\n  native: " + e[i] + "\n  hvsim:  " + a[i];
            }
        }
        return "Outputs agree for " + n + " lines, then native has " + e.length + " lines and hvsim "
                + a.length + (a.length < e.length ? "; next native line: " + e[n] : "; next hvsim line: " + a[n]);
    }

    /** Best effort: the objdump line of the instruction at {@code rip}, for precise bug reports. */
    private static String disassembleAt(Path elf, long rip) {
        try {
            Process p = new ProcessBuilder("objdump", "-d", "--start-address=0x" + Long.toHexString(rip),
                    "--stop-address=0x" + Long.toHexString(rip + 16), elf.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.trim().startsWith(Long.toHexString(rip) + ":")).findFirst()
                    .orElse("(objdump found no instruction at 0x" + Long.toHexString(rip) + ")").trim();
        } catch (IOException | InterruptedException e) {
            return "(objdump unavailable: " + e.getMessage() + ")";
        }
    }

    /** Skips (locally) or fails (in CI) unless gcc is present and the host runs x86-64 Linux binaries. */
    private static void requireToolchain() {
        String problem = null;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            problem = "host is " + os + "/" + arch + ", not x86-64 Linux: native runs are impossible";
        } else if (!gccWorks()) {
            problem = "gcc not found on PATH (or it cannot run)";
        }
        if (problem == null) {
            return;
        }
        String ci = System.getenv("CI");
        boolean inCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
        if (inCi) {
            fail("whole-program differential tests cannot run in CI: " + problem);
        }
        Assumptions.abort("whole-program differential tests skipped: " + problem
                + " (set CI=true to turn this into a failure)");
    }

    private static boolean gccWorks() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path findBasedir() {
        String basedir = System.getProperty("basedir");
        Path dir = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("src/test/c/programs")) && Files.isDirectory(dir.resolve("experiments"))) {
            dir = dir.resolve("experiments");
        }
        return dir.toAbsolutePath();
    }
}
