package org.hvsim.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.user.ElfImage;
import org.hvsim.core.user.GuestStreams;
import org.hvsim.core.user.ProcessConfig;
import org.hvsim.core.user.UserProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hvsim run}: runs a static Linux x86-64 executable in user mode. */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Run a static x86-64 Linux executable in user mode; exit with its exit status.",
        footer = {"", "Options after PROGRAM are passed to the guest. Exit status: the guest's, or 124 (instruction"
                + " limit), 125 (simulator error), 126 (cannot execute), 127 (not found), 128+signal (guest fault)."})
final class RunCommand implements Callable<Integer> {
    private static final int OUTPUT_BUFFER = 1 << 16;

    @Option(names = "--max-insts", paramLabel = "N",
            description = "Stop after N instructions with exit status 124 (default: no limit).")
    private Long maxInstructions;

    @Option(names = "--stats", description = "Print simulated instructions, host seconds and MIPS on stderr.")
    private boolean stats;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE",
            description = "Guest environment variable (repeatable); replaces the default PATH=/usr/bin:/bin.")
    private List<String> env;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the guest's AT_RANDOM and getrandom() bytes (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + ProcessConfig.DEFAULT_SEED)
    private long seed;

    @Option(names = "--cpu", paramLabel = "PRESET", defaultValue = CpuPresets.DEFAULT,
            description = "CPU preset (a built-in name or a preset file): CPUID identity and, with --timing, the "
                    + "microarchitecture. Default: ${DEFAULT-VALUE}.")
    String cpu;

    @picocli.CommandLine.Mixin
    TimingOptions timing = new TimingOptions();

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The static ELF64 x86-64 executable.")
    private String program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the guest.")
    private List<String> args = new ArrayList<>();

    private final Console console;

    RunCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        long limit = maxInstructions == null ? Long.MAX_VALUE : maxInstructions;
        if (limit <= 0) {
            throw new CliException(ExitCodes.USAGE, "--max-insts must be positive, got " + limit);
        }
        ElfImage image = ProgramFiles.readElf(program);
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(args);
        ProcessConfig config = new ProcessConfig(argv, env == null ? ProcessConfig.DEFAULT_ENV : env, seed);

        OutputStream guestOut = new BufferedOutputStream(console.out(), OUTPUT_BUFFER);
        OutputStream guestErr = new BufferedOutputStream(console.err(), OUTPUT_BUFFER);
        UserProcess process;
        try {
            process = UserProcess.create(image, config, new GuestStreams(console.in(), guestOut, guestErr));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.CANNOT_EXECUTE, program + ": " + e.getMessage());
        }

        CpuPresets.Preset preset = CpuPresets.resolve(cpu);
        TimingSession session = TimingSession.create(timing,
                preset.model(), new org.hvsim.core.timing.MemoryTiming(new org.hvsim.core.timing.DemandPageTables(preset.mmu())));
        long start = System.nanoTime();
        RunResult result;
        try {
            result = run(process, session, limit);
        } catch (IOException e) {
            throw new CliException(ExitCodes.SIMULATOR_ERROR, "writing guest output failed: "
                    + ProgramFiles.oneLine(e.getMessage()));
        }
        long hostNanos = System.nanoTime() - start;

        if (stats) {
            printStats(result.instructions(), hostNanos);
        }
        if (session != null) {
            session.report(console.errPrinter(), preset.model().name());
        }
        switch (result.reason()) {
            case EXITED:
                return result.exitCode();
            case INSTRUCTION_LIMIT:
                throw new CliException(ExitCodes.INSTRUCTION_LIMIT, "instruction limit " + limit + " reached");
            case GUEST_FAULT:
                throw new CliException(ExitCodes.forFault(result.fault().vector()),
                        describeFault(result.fault(), result.faultRip(), process));
            default:
                throw new CliException(ExitCodes.SIMULATOR_ERROR, result.message());
        }
    }

    /**
     * Runs the process: functionally, or after an optional fast-forward under the timing model.
     * The returned result counts every instruction of the run.
     */
    private RunResult run(UserProcess process, TimingSession session, long limit) throws IOException {
        if (session == null) {
            return process.run(limit);
        }
        long ff = Math.min(timing.fastForward, limit);
        RunResult first = null;
        if (ff > 0) {
            first = timing.warm ? process.runTimed(ff, session.model()) : process.run(ff);
            session.endWarmUp();
            if (first.reason() != org.hvsim.core.exec.StopReason.INSTRUCTION_LIMIT || ff == limit) {
                return first;
            }
        }
        RunResult rest = process.runTimed(limit - ff, session.model());
        long before = first == null ? 0 : first.instructions();
        return new RunResult(rest.reason(), before + rest.instructions(), rest.exitCode(), rest.fault(),
                rest.faultRip(), rest.message());
    }

    private void printStats(long instructions, long hostNanos) {
        PrintStream err = console.errPrinter();
        double seconds = hostNanos / 1e9;
        double mips = seconds > 0 ? instructions / seconds / 1e6 : 0;
        err.printf(Locale.ROOT, "hvsim stats: simulated instructions %d%n", instructions);
        err.printf(Locale.ROOT, "hvsim stats: host seconds %.3f%n", seconds);
        err.printf(Locale.ROOT, "hvsim stats: MIPS %.1f%n", mips);
        err.flush();
    }

    /**
     * "guest fault #PF (page fault) at linear address 0x0, error code 0x4 at rip 0x401234", or
     * for #UD "#UD (invalid opcode) at rip 0x401234: bytes 0f 0b" naming the undecodable bytes.
     */
    static String describeFault(GuestFault fault, long rip, UserProcess process) {
        if (fault.vector() == ExceptionVector.UD) {
            return String.format("%s at rip 0x%x: bytes %s", fault.getMessage(), rip, instructionBytes(rip, process));
        }
        return String.format("guest fault %s at rip 0x%x", fault.getMessage(), rip);
    }

    /** The bytes the decoder looked at for the instruction at {@code rip}. */
    private static String instructionBytes(long rip, UserProcess process) {
        ByteSource readable = address -> {
            if (process.addressSpace().protection(address) < 0) {
                throw new IndexOutOfBoundsException("unmapped");
            }
            return process.addressSpace().physical().read8(address);
        };
        try {
            DecodedInstruction d = process.interpreter().decoder().decode(rip, readable);
            return d.length > 0 ? d.hexBytes() : "(unreadable)";
        } catch (RuntimeException e) {
            return "(unreadable)";
        }
    }
}
