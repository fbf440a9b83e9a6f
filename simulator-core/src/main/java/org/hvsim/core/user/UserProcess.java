package org.hvsim.core.user;

import java.io.IOException;
import org.hvsim.core.CpuState;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.mmu.PhysicalMemory;

/**
 * A static Linux x86-64 executable set up to run in user mode: memory, the loaded image, the
 * initial stack, the register state at entry and the system-call personality.
 *
 * <p>Register state at entry (as Linux's start_thread and the psABI 3.4.1 define it): RIP =
 * e_entry, RSP = the initial stack (argc, 16-byte aligned), RDX = 0 (no function for atexit:
 * there is no dynamic linker), every other general-purpose register 0, RFLAGS = 0x202 (IF and
 * the reserved bit 1), FS.base = GS.base = 0.
 *
 * <pre>{@code
 *   UserProcess p = UserProcess.create(ElfImage.read(path), ProcessConfig.of(List.of("prog")), streams);
 *   RunResult r = p.run(Long.MAX_VALUE);
 * }</pre>
 */
public final class UserProcess {
    /** RFLAGS at process entry: IF set, reserved bit 1 set, all status flags clear. */
    public static final long INITIAL_RFLAGS = 0x202;

    private final UserAddressSpace space;
    private final LinearMemory memory;
    private final Interpreter interpreter;
    private final LinuxSyscalls syscalls;
    private final LoadedProgram program;
    private final long initialRsp;

    private UserProcess(UserAddressSpace space, LinearMemory memory, Interpreter interpreter,
                        LinuxSyscalls syscalls, LoadedProgram program, long initialRsp) {
        this.space = space;
        this.memory = memory;
        this.interpreter = interpreter;
        this.syscalls = syscalls;
        this.program = program;
        this.initialRsp = initialRsp;
    }

    /**
     * Loads {@code image}, builds its stack for {@code config} and prepares the CPU at the entry.
     *
     * @throws IllegalArgumentException if the arguments and environment are too large (E2BIG)
     */
    public static UserProcess create(ElfImage image, ProcessConfig config, GuestStreams streams) {
        PhysicalMemory physical = new PhysicalMemory();
        UserAddressSpace space = new UserAddressSpace(physical);
        LoadedProgram program = ElfLoader.load(image, space);

        InitialStack.Image stack = InitialStack.build(config, program);
        space.map(InitialStack.STACK_TOP - InitialStack.STACK_SIZE, InitialStack.STACK_TOP,
                UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        physical.writeBytes(stack.rsp(), stack.bytes(), 0, stack.bytes().length);

        LinearMemory memory = new LinearMemory(physical, space);
        CpuState state = new CpuState();
        Interpreter interpreter = new Interpreter(state, memory);
        space.setChangeListener(() -> {
            memory.flushTlb();
            interpreter.flushCodeCache();
        });
        LinuxSyscalls syscalls = new LinuxSyscalls(space, memory, streams, program.brkStart(), config.randomSeed());
        interpreter.setSystemCallHandler(syscalls);

        state.rip = program.entry();
        state.gpr[org.hvsim.core.Registers.RSP] = stack.rsp();
        state.setRflags(INITIAL_RFLAGS);
        return new UserProcess(space, memory, interpreter, syscalls, program, stack.rsp());
    }

    /**
     * Runs until the guest exits, faults, makes an unsupported system call, or {@code maxInstructions}
     * retire; may be called again to continue after an instruction limit. Guest output is flushed
     * to the host streams before this returns.
     *
     * @throws IOException if flushing the guest's output to the host fails
     */
    /**
     * Like {@link #run} but under a timing model: every retired instruction, with its memory
     * accesses, is handed to {@code model} (see {@link org.hvsim.core.exec.Interpreter#runTimed}).
     *
     * @throws IOException if flushing the guest's output to the host fails
     */
    public RunResult runTimed(long maxInstructions, org.hvsim.core.timing.TimingModel model) throws IOException {
        try {
            return interpreter.runTimed(maxInstructions, model, Long.MAX_VALUE);
        } finally {
            syscalls.flush();
        }
    }

    public RunResult run(long maxInstructions) throws IOException {
        try {
            return interpreter.run(maxInstructions);
        } finally {
            syscalls.flush();
        }
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    public CpuState state() {
        return interpreter.state;
    }

    public LinearMemory memory() {
        return memory;
    }

    public UserAddressSpace addressSpace() {
        return space;
    }

    public LoadedProgram program() {
        return program;
    }

    /** RSP at entry: the address of argc. */
    public long initialStackPointer() {
        return initialRsp;
    }

    LinuxSyscalls syscalls() {
        return syscalls;
    }

    /** The current program break (end of the heap). */
    public long currentBrk() {
        return syscalls.currentBrk();
    }
}
