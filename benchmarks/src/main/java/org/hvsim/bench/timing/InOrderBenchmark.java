package org.hvsim.bench.timing;

import java.util.concurrent.TimeUnit;
import org.hvsim.core.CpuState;
import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;
import org.hvsim.core.mem.AccessLog;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.InstructionProfile;
import org.hvsim.core.timing.MemoryTiming;
import org.hvsim.core.timing.PipelineRecorder;
import org.hvsim.core.timing.RetiredInstruction;
import org.hvsim.core.timing.TimingModel;
import org.hvsim.core.timing.branch.BranchPredictorConfig;
import org.hvsim.core.timing.branch.BranchUnit;
import org.hvsim.core.timing.inorder.ExecutionLatencies;
import org.hvsim.core.timing.inorder.InOrderConfig;
import org.hvsim.core.timing.inorder.InOrderPipeline;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of the in-order pipeline model on the compute-bound integer kernel of the functional
 * benchmark (LCG fill, insertion sort, FNV-1a hashing, a call per iteration; the same bytes as
 * {@code org.hvsim.bench.core.IntegerKernel}, copied because that class is package-private). One
 * JMH operation is one retired instruction, so ops/us is MIPS.
 * <ul>
 * <li>{@code pipelineOnly}: the model alone, replaying the recorded retired stream with perfect
 *     memory (no TLB or cache lookups): scoreboard, stage times, branch unit, CPI accounting.</li>
 * <li>{@code pipelineWithMemory}: the same replay with fetch and data accesses timed through a
 *     real {@link Mmu} (I/D TLBs, caches); the data accesses are re-recorded into an
 *     {@link AccessLog} through a {@link LinearMemory} as the interpreter does.</li>
 * <li>{@code timedRun}: the whole timed simulation, {@link Interpreter#runTimed} with the model.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar InOrder}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InOrderBenchmark {
    static final long CODE_BASE = 0x40_0000L;
    static final long DATA_BASE = 0x60_0000L;
    static final long STACK_TOP = 0x80_0000L;
    /** Outer kernel iterations per invocation. */
    static final int ITERATIONS = 20;
    /** Instructions the kernel retires for {@link #ITERATIONS}, its final SYSCALL included. */
    static final int INSTRUCTIONS = 252_685;

    private static final int[] CODE = {
        0x49, 0xc7, 0xc7, 0x00, 0x00, 0x60, 0x00, 0x45, 0x31, 0xf6, 0xb9, 0x40,
        0x00, 0x00, 0x00, 0x48, 0xb8, 0x1d, 0xdd, 0x6c, 0x4f, 0x91, 0xf4, 0x45,
        0x25, 0x31, 0xd2, 0x49, 0xbc, 0x2d, 0x7f, 0x95, 0x4c, 0x2d, 0xf4, 0x51,
        0x58, 0x49, 0xbd, 0x4f, 0x81, 0x67, 0xf7, 0x7e, 0x7b, 0x05, 0x14, 0x49,
        0x0f, 0xaf, 0xc4, 0x4c, 0x01, 0xe8, 0x49, 0x89, 0x04, 0xd7, 0x48, 0xff,
        0xc2, 0x48, 0x39, 0xca, 0x75, 0xed, 0xbe, 0x01, 0x00, 0x00, 0x00, 0x4d,
        0x8b, 0x04, 0xf7, 0x49, 0x89, 0xf1, 0x4d, 0x85, 0xc9, 0x74, 0x13, 0x4f,
        0x8b, 0x54, 0xcf, 0xf8, 0x4d, 0x39, 0xc2, 0x7e, 0x09, 0x4f, 0x89, 0x14,
        0xcf, 0x49, 0xff, 0xc9, 0xeb, 0xe8, 0x4f, 0x89, 0x04, 0xcf, 0x48, 0xff,
        0xc6, 0x48, 0x83, 0xfe, 0x40, 0x75, 0xd4, 0x48, 0xb8, 0x25, 0x23, 0x22,
        0x84, 0xe4, 0x9c, 0xf2, 0xcb, 0x49, 0xbb, 0xb3, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x00, 0x31, 0xd2, 0x45, 0x0f, 0xb6, 0x04, 0x17, 0x4c, 0x31,
        0xc0, 0x49, 0x0f, 0xaf, 0xc3, 0xff, 0xc2, 0x81, 0xfa, 0x00, 0x02, 0x00,
        0x00, 0x75, 0xea, 0x48, 0x89, 0xc3, 0xe8, 0x16, 0x00, 0x00, 0x00, 0x49,
        0x01, 0xc6, 0x48, 0xff, 0xcf, 0x0f, 0x85, 0x57, 0xff, 0xff, 0xff, 0x4c,
        0x89, 0xf7, 0xb8, 0x3c, 0x00, 0x00, 0x00, 0x0f, 0x05, 0x48, 0x89, 0xd8,
        0x48, 0xc1, 0xe8, 0x21, 0x48, 0x31, 0xd8, 0x48, 0xc1, 0xc0, 0x11, 0x48,
        0x8d, 0x04, 0x80, 0xc3,
    };

    /** Pipeline depth (5: the textbook F D X M W). */
    @Param({"5"})
    public int depth;

    /** Direction predictor of the branch unit (the defaults otherwise), or "perfect" for none. */
    @Param({"tage"})
    public String predictor;

    // The recorded stream, one slot per retired instruction.
    private long[] pc;
    private long[] nextPc;
    private DecodedInstruction[] decoded;
    private InstructionProfile[] profile;
    private boolean[] taken;
    private int[] accessStart;
    private long[] accessAddress;
    private int[] accessSize;
    private boolean[] accessWrite;

    private final RetiredInstruction r = new RetiredInstruction();
    private LinearMemory replayMemory;
    private Interpreter cpu;

    @Setup
    public void setUp() {
        cpu = kernel();
        Recorder rec = new Recorder(INSTRUCTIONS);
        long n = runKernel(cpu, rec);
        if (n != INSTRUCTIONS || rec.count != INSTRUCTIONS) {
            throw new IllegalStateException("kernel retired " + n + " instructions, expected " + INSTRUCTIONS);
        }
        pc = rec.pc;
        nextPc = rec.nextPc;
        decoded = rec.decoded;
        profile = rec.profile;
        taken = rec.taken;
        accessStart = rec.accessStart;
        accessAddress = java.util.Arrays.copyOf(rec.accessAddress, rec.accesses);
        accessSize = java.util.Arrays.copyOf(rec.accessSize, rec.accesses);
        accessWrite = java.util.Arrays.copyOf(rec.accessWrite, rec.accesses);
        replayMemory = new LinearMemory(new PhysicalMemory(), (la, access) -> la);
        replayMemory.setAccessLog(new AccessLog());
    }

    private static Interpreter kernel() {
        PhysicalMemory physical = new PhysicalMemory();
        UserAddressSpace space = new UserAddressSpace(physical);
        space.map(CODE_BASE, CODE_BASE + 0x1000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_EXEC);
        space.map(DATA_BASE, DATA_BASE + 0x2000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        space.map(STACK_TOP - 0x4000, STACK_TOP, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        for (int i = 0; i < CODE.length; i++) {
            physical.write8(CODE_BASE + i, CODE[i]);
        }
        Interpreter cpu = new Interpreter(new CpuState(), new LinearMemory(physical, space));
        cpu.setSystemCallHandler(c -> c.exit((int) c.state.gpr[Registers.RDI]));
        return cpu;
    }

    private static long runKernel(Interpreter cpu, TimingModel model) {
        CpuState s = cpu.state;
        s.rip = CODE_BASE;
        s.gpr[Registers.RSP] = STACK_TOP;
        s.gpr[Registers.RDI] = ITERATIONS;
        RunResult res = cpu.runTimed(Long.MAX_VALUE, model, Long.MAX_VALUE);
        if (res.reason() != StopReason.EXITED) {
            throw new IllegalStateException("kernel stopped: " + res);
        }
        return res.instructions();
    }

    private InOrderPipeline model(boolean withMemory) {
        MemoryTiming memory = null;
        if (withMemory) {
            Mmu mmu = new Mmu(MmuConfig.skylake(), new PhysicalMemory());
            mmu.setControlRegisters(0, 0, 0); // user-mode run: no modelled paging
            memory = new MemoryTiming(mmu);
        }
        return new InOrderPipeline(new InOrderConfig(depth, true), ExecutionLatencies.defaults(),
                predictor.equals("perfect") ? null : new BranchUnit(BranchPredictorConfig.defaults(predictor)), memory);
    }

    private long replay(InOrderPipeline m, boolean withAccesses) {
        RetiredInstruction ri = r;
        AccessLog log = replayMemory.accessLog();
        ri.accesses = withAccesses ? log : null;
        for (int i = 0; i < INSTRUCTIONS; i++) {
            ri.sequence = i;
            ri.pc = pc[i];
            ri.nextPc = nextPc[i];
            ri.decoded = decoded[i];
            ri.profile = profile[i];
            ri.taken = taken[i];
            ri.user = true;
            if (withAccesses) {
                log.reset();
                for (int a = accessStart[i]; a < accessStart[i + 1]; a++) {
                    if (accessWrite[a]) {
                        replayMemory.write(accessAddress[a], 0, accessSize[a]);
                    } else {
                        replayMemory.read(accessAddress[a], accessSize[a]);
                    }
                }
            }
            m.retire(ri);
        }
        return m.cycles();
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long pipelineOnly() {
        return replay(model(false), false);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long pipelineWithMemory() {
        return replay(model(true), true);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long timedRun() {
        InOrderPipeline m = model(true);
        runKernel(cpu, m);
        return m.cycles();
    }

    /** Prints cycles, IPC and the CPI stack of one timed run (a sanity check of the benchmark's workload). */
    public static void main(String[] args) {
        InOrderBenchmark b = new InOrderBenchmark();
        b.depth = 5;
        b.predictor = "tage";
        b.setUp();
        InOrderPipeline m = b.model(true);
        runKernel(kernel(), m);
        CpiStack s = m.cpiStack();
        System.out.printf("instructions %d cycles %d IPC %.3f%n", m.instructions(), m.cycles(),
                (double) m.instructions() / m.cycles());
        for (CycleAccount a : CycleAccount.values()) {
            if (s.cycles(a) != 0) {
                System.out.printf("  %-16s %10d%n", a.label(), s.cycles(a));
            }
        }
    }

    /** Copies the retired stream of one run into arrays. */
    private static final class Recorder implements TimingModel {
        final long[] pc;
        final long[] nextPc;
        final DecodedInstruction[] decoded;
        final InstructionProfile[] profile;
        final boolean[] taken;
        final int[] accessStart;
        long[] accessAddress = new long[1 << 16];
        int[] accessSize = new int[1 << 16];
        boolean[] accessWrite = new boolean[1 << 16];
        int count;
        int accesses;
        private final CpiStack stack = new CpiStack();

        Recorder(int capacity) {
            pc = new long[capacity];
            nextPc = new long[capacity];
            decoded = new DecodedInstruction[capacity];
            profile = new InstructionProfile[capacity];
            taken = new boolean[capacity];
            accessStart = new int[capacity + 1];
        }

        @Override
        public void retire(RetiredInstruction ri) {
            int i = count++;
            pc[i] = ri.pc;
            nextPc[i] = ri.nextPc;
            decoded[i] = ri.decoded;
            profile[i] = ri.profile;
            taken[i] = ri.taken;
            AccessLog log = ri.accesses;
            for (int a = 0; a < log.count(); a++) {
                if (accesses == accessAddress.length) {
                    accessAddress = java.util.Arrays.copyOf(accessAddress, accesses * 2);
                    accessSize = java.util.Arrays.copyOf(accessSize, accesses * 2);
                    accessWrite = java.util.Arrays.copyOf(accessWrite, accesses * 2);
                }
                accessAddress[accesses] = log.address[a];
                accessSize[accesses] = log.size[a];
                accessWrite[accesses] = log.write[a];
                accesses++;
            }
            accessStart[i + 1] = accesses;
            stack.add(CycleAccount.BASE, 1);
        }

        @Override
        public void stall(CycleAccount account, long cycles) {
            stack.add(account, cycles);
        }

        @Override
        public long cycles() {
            return stack.total();
        }

        @Override
        public long instructions() {
            return count;
        }

        @Override
        public CpiStack cpiStack() {
            return stack;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void setPipelineRecorder(PipelineRecorder recorder) {
        }
    }
}
