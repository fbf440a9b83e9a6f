package org.hvsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.hvsim.core.platform.PcPlatform;
import org.hvsim.core.platform.ata.BlockStorage;
import org.hvsim.core.platform.ata.MemoryBlockStorage;
import org.hvsim.core.system.BootLoader;
import org.hvsim.core.system.MachineResult;
import org.hvsim.core.system.SystemMachine;
import org.hvsim.core.user.ElfFormatException;
import org.hvsim.core.user.ElfImage;
import org.hvsim.mmu.PhysicalMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hvsim boot}: boots the guest kernel (docs/guest.md) in system mode with one workload
 * selected on its command line, shows its serial console on stdout and exits with the code the
 * kernel wrote to the isa-debug-exit port.
 */
@Command(name = "boot", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Boot the hvsim guest kernel in the simulator and run one workload.",
        footer = {"", "Exit status: the kernel's exit-port code (0 ok, 1 check failed, 2 kernel panic, 3 bad command"
                + " line), or 2 (usage), 124 (instruction limit), 125 (simulator error), 126 (malformed kernel),"
                + " 127 (kernel or disk image not found), 134 (triple fault), 135 (halted for good)."})
final class BootCommand implements Callable<Integer> {
    /** The committed kernel image, packaged in the jar. */
    static final String BUILT_IN_KERNEL = "/guest/hvsim-kernel.elf";
    /** Size of the zero-filled RAM disk attached when no --disk is given (as run-qemu.sh does). */
    static final int SCRATCH_DISK_BYTES = 4 << 20;
    /** The boot protocol's command-line limit (docs/guest.md: up to 1023 characters). */
    static final int MAX_COMMAND_LINE = 1023;
    static final int MIN_MEMORY_MIB = 16;
    static final int MAX_MEMORY_MIB = 4096;

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern PARAM = Pattern.compile("([A-Za-z0-9_.-]+)=([^\\s=]+)");

    @Option(names = "--workload", required = true, paramLabel = "NAME",
            description = "Workload to run (syscall, in, cr8wr, callret, pgfault, divzero, ptemod, forkwait,"
                    + " compute, ctxswitch, memstress, io, preempt).")
    private String workload;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
            description = "Workload parameter, e.g. iters=1000 (repeatable; appended to the kernel command line).")
    private List<String> params = new ArrayList<>();

    @Option(names = "--kernel", paramLabel = "ELF",
            description = "Kernel image (default: the built-in experiments/guest kernel).")
    private String kernel;

    @Option(names = "--disk", paramLabel = "IMAGE",
            description = "Raw disk image for the primary ATA master; guest writes go to the file"
                    + " (default: a fresh 4 MiB zero-filled RAM disk).")
    private String disk;

    @Option(names = "--cpu", paramLabel = "PRESET", defaultValue = CpuPresets.DEFAULT,
            description = "CPU preset: a built-in name (prescott, merom, penryn, nehalem, westmere, sandybridge,"
                    + " haswell, skylake, sapphirerapids, zen4) or a preset file (default: ${DEFAULT-VALUE}).")
    private String cpu;

    @Option(names = "--memory", paramLabel = "MiB", defaultValue = "128",
            description = "Guest RAM reported to the kernel, in MiB (default: ${DEFAULT-VALUE}).")
    private int memoryMib;

    @Option(names = "--max-insts", paramLabel = "N",
            description = "Stop after N instructions with exit status 124 (default: no limit).")
    private Long maxInstructions;

    @picocli.CommandLine.Mixin
    TimingOptions timing = new TimingOptions();

    @Option(names = "--stats", description = "Print instruction, cycle, TLB and cache statistics and MIPS on stderr.")
    private boolean stats;

    private final Console console;

    BootCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        long limit = maxInstructions == null ? Long.MAX_VALUE : maxInstructions;
        if (limit <= 0) {
            throw new CliException(ExitCodes.USAGE, "--max-insts must be positive, got " + limit);
        }
        if (memoryMib < MIN_MEMORY_MIB || memoryMib > MAX_MEMORY_MIB) {
            throw new CliException(ExitCodes.USAGE, "--memory must be between " + MIN_MEMORY_MIB + " and "
                    + MAX_MEMORY_MIB + " MiB, got " + memoryMib);
        }
        CpuPresets.Preset preset = CpuPresets.resolve(cpu);
        String commandLine = commandLine(workload, params);
        ElfImage image = kernel == null ? builtInKernel() : ProgramFiles.readElf(kernel);
        String kernelName = kernel == null ? "built-in kernel" : kernel;

        CrLfFilter guestOut = new CrLfFilter(console.out());
        PcPlatform platform = new PcPlatform(preset.platform(), guestOut);
        SystemMachine machine = new SystemMachine(new PhysicalMemory(), platform, preset.mmu(), preset.model());
        try (DiskImage diskImage = disk == null ? null : DiskImage.open(disk)) {
            BlockStorage storage = diskImage == null ? new MemoryBlockStorage(SCRATCH_DISK_BYTES / BlockStorage.SECTOR_SIZE)
                    : diskImage.storage();
            platform.attachDisk(storage);
            try {
                BootLoader.boot(machine, image, (long) memoryMib << 20, commandLine, true);
            } catch (ElfFormatException e) {
                throw new CliException(ExitCodes.CANNOT_EXECUTE, kernelName + ": " + e.getMessage());
            }
            TimingSession session = TimingSession.create(timing, preset.model(),
                    new org.hvsim.core.timing.MemoryTiming(machine.system().mmu()));
            long start = System.nanoTime();
            MachineResult result;
            try {
                result = run(machine, session, limit);
                guestOut.finish();
            } catch (UncheckedIOException e) {
                throw new CliException(ExitCodes.SIMULATOR_ERROR, "writing the guest console failed: "
                        + ProgramFiles.oneLine(e.getCause().getMessage()));
            }
            long hostNanos = System.nanoTime() - start;
            if (stats) {
                BootStats.print(console.errPrinter(), result.instructions(), result.cycles(), hostNanos,
                        machine.system().mmu().stats(), machine.system().mmu().caches().stats());
            }
            if (session != null) {
                session.report(console.errPrinter(), preset.model().name());
            }
            if (diskImage != null) {
                diskImage.flush();
            }
            return exitStatus(result, limit);
        }
    }

    /** Runs the machine: functionally, or after an optional fast-forward under the timing model. */
    private MachineResult run(SystemMachine machine, TimingSession session, long limit) {
        if (session == null) {
            return machine.run(limit);
        }
        long ff = Math.min(timing.fastForward, limit);
        MachineResult first = null;
        if (ff > 0) {
            if (timing.warm) {
                machine.setTimingModel(session.model());
            }
            first = machine.run(ff);
            session.endWarmUp();
            if (first.reason() != MachineResult.Reason.INSTRUCTION_LIMIT || ff == limit) {
                return first;
            }
        }
        machine.setTimingModel(session.model());
        MachineResult rest = machine.run(limit - ff);
        long before = first == null ? 0 : first.instructions();
        return new MachineResult(rest.reason(), before + rest.instructions(), rest.cycles(), rest.exitStatus(),
                rest.message());
    }

    /** The hvsim exit status for how the machine stopped (docs/cli.md, "hvsim boot"). */
    static int exitStatus(MachineResult result, long limit) {
        switch (result.reason()) {
            case EXIT_DEVICE:
                return result.guestExitValue() & 0xFF;
            case INSTRUCTION_LIMIT:
                throw new CliException(ExitCodes.INSTRUCTION_LIMIT, "instruction limit " + limit + " reached");
            case TRIPLE_FAULT:
                throw new CliException(ExitCodes.TRIPLE_FAULT, ProgramFiles.oneLine(result.message()));
            case HALTED_FOREVER:
                throw new CliException(ExitCodes.HALTED, "guest halted for good: "
                        + ProgramFiles.oneLine(result.message()));
            default:
                throw new CliException(ExitCodes.SIMULATOR_ERROR, ProgramFiles.oneLine(result.message()));
        }
    }

    /** "workload=NAME KEY=VALUE ...", checked so the kernel sees exactly the words given. */
    static String commandLine(String workload, List<String> params) {
        if (!WORD.matcher(workload).matches()) {
            throw new CliException(ExitCodes.USAGE, "invalid --workload '" + ProgramFiles.oneLine(workload)
                    + "': letters, digits, '_', '.' and '-' only");
        }
        StringBuilder line = new StringBuilder("workload=").append(workload);
        for (String p : params) {
            var m = PARAM.matcher(p);
            if (!m.matches()) {
                throw new CliException(ExitCodes.USAGE, "invalid --param '" + ProgramFiles.oneLine(p)
                        + "': need KEY=VALUE without spaces, e.g. iters=1000");
            }
            if (m.group(1).equals("workload")) {
                throw new CliException(ExitCodes.USAGE, "--param workload=... is not allowed: use --workload");
            }
            line.append(' ').append(p);
        }
        if (line.length() > MAX_COMMAND_LINE) {
            throw new CliException(ExitCodes.USAGE, "kernel command line longer than " + MAX_COMMAND_LINE
                    + " characters");
        }
        return line.toString();
    }

    private static ElfImage builtInKernel() {
        try (var in = BootCommand.class.getResourceAsStream(BUILT_IN_KERNEL)) {
            if (in == null) {
                throw new CliException(ExitCodes.SIMULATOR_ERROR, "the built-in kernel " + BUILT_IN_KERNEL
                        + " is missing from the class path; use --kernel ELF");
            }
            return ElfImage.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new CliException(ExitCodes.SIMULATOR_ERROR, "cannot read the built-in kernel: "
                    + ProgramFiles.oneLine(e.getMessage()));
        } catch (ElfFormatException e) {
            throw new CliException(ExitCodes.CANNOT_EXECUTE, "built-in kernel: " + e.getMessage());
        }
    }
}
