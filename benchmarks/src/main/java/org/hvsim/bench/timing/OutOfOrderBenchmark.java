package org.hvsim.bench.timing;

import java.util.concurrent.TimeUnit;
import org.hvsim.core.CpuState;
import org.hvsim.core.Registers;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.MemoryTiming;
import org.hvsim.core.timing.PipelineRecorder;
import org.hvsim.core.timing.RetiredInstruction;
import org.hvsim.core.timing.TimingModel;
import org.hvsim.core.timing.ooo.OutOfOrderConfig;
import org.hvsim.core.timing.ooo.OutOfOrderModel;
import org.hvsim.core.user.UserAddressSpace;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PhysicalMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end speed of the {@code ooo} timing model: the interpreter runs a compute-bound integer
 * loop (a load, a dependent add and IMUL, a store, pointer and counter updates, a loop branch;
 * every data access goes through the modelled caches, every new code line through the I-cache)
 * one instruction at a time and hands each retired instruction to an {@link OutOfOrderModel}
 * ({@link OutOfOrderConfig#skylake()}). One JMH operation is one simulated instruction, so the
 * score in ops/us is MIPS. {@link #functional} runs the same code untimed, for reference.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OutOfOrderBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OutOfOrderBenchmark {
    static final int INSTRUCTIONS = 100_000;
    private static final long CODE = 0x40_0000L;
    private static final long DATA = 0x60_0000L;
    private static final long STACK_TOP = 0x80_0000L;

    /** Outer: reset pointer and count; inner loop of 9 instructions over 16 KiB of data. */
    private static final int[] KERNEL = {
        0x48, 0xBE, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00, 0x00, // top: mov $DATA, %rsi
        0xB9, 0x00, 0x04, 0x00, 0x00,                               //      mov $1024, %ecx
        0x48, 0x8B, 0x06,                                           // loop: mov (%rsi), %rax
        0x4C, 0x01, 0xC0,                                           //      add %r8, %rax
        0x48, 0x0F, 0xAF, 0xC0,                                     //      imul %rax, %rax
        0x48, 0x89, 0x46, 0x08,                                     //      mov %rax, 8(%rsi)
        0x49, 0x83, 0xC0, 0x01,                                     //      add $1, %r8
        0x48, 0x83, 0xC6, 0x10,                                     //      add $16, %rsi
        0x49, 0x31, 0xC1,                                           //      xor %rax, %r9
        0xFF, 0xC9,                                                 //      dec %ecx
        0x75, 0xE3,                                                 //      jnz loop
        0xEB, 0xD2,                                                 //      jmp top
    };

    private Interpreter cpu;
    private OutOfOrderModel model;
    private final CountingModel counting = new CountingModel();

    /** One cycle per instruction, all BASE: measures the interpreter's per-instruction timed path. */
    static final class CountingModel implements TimingModel {
        private final CpiStack stack = new CpiStack();
        private long n;

        @Override
        public void retire(RetiredInstruction r) {
            n++;
        }

        @Override
        public void stall(CycleAccount account, long cycles) {
            stack.add(account, cycles);
        }

        @Override
        public long cycles() {
            return n;
        }

        @Override
        public long instructions() {
            return n;
        }

        @Override
        public CpiStack cpiStack() {
            stack.add(CycleAccount.BASE, n - stack.total());
            return stack;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void setPipelineRecorder(PipelineRecorder recorder) {
        }
    }

    @Setup
    public void setUp() {
        PhysicalMemory physical = new PhysicalMemory();
        UserAddressSpace space = new UserAddressSpace(physical);
        space.map(CODE, CODE + 0x1000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_EXEC);
        space.map(DATA, DATA + 0x5000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        space.map(STACK_TOP - 0x1000, STACK_TOP, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        for (int i = 0; i < KERNEL.length; i++) {
            physical.write8(CODE + i, KERNEL[i]);
        }
        cpu = new Interpreter(new CpuState(), new LinearMemory(physical, space));
        cpu.state.rip = CODE;
        cpu.gpr[Registers.RSP] = STACK_TOP;
        Mmu mmu = new Mmu(MmuConfig.skylake(), new PhysicalMemory());
        mmu.setControlRegisters(0, 0, 0); // paging off: the cache hierarchy alone times accesses
        model = new OutOfOrderModel(OutOfOrderConfig.skylake(), new MemoryTiming(mmu));
        timed();
        if (model.instructions() != INSTRUCTIONS || model.cycles() != model.cpiStack().total()) {
            throw new IllegalStateException("unexpected model state after the first run");
        }
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long timed() {
        RunResult r = cpu.runTimed(INSTRUCTIONS, model, Long.MAX_VALUE);
        if (r.reason() != StopReason.INSTRUCTION_LIMIT) {
            throw new IllegalStateException("kernel stopped: " + r);
        }
        return model.cycles();
    }

    /** The floor of timed execution: runTimed with a model that only counts (one cycle each). */
    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long timedCountingOnly() {
        RunResult r = cpu.runTimed(INSTRUCTIONS, counting, Long.MAX_VALUE);
        if (r.reason() != StopReason.INSTRUCTION_LIMIT) {
            throw new IllegalStateException("kernel stopped: " + r);
        }
        return counting.cycles();
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long functional() {
        RunResult r = cpu.run(INSTRUCTIONS);
        if (r.reason() != StopReason.INSTRUCTION_LIMIT) {
            throw new IllegalStateException("kernel stopped: " + r);
        }
        return r.instructions();
    }
}
