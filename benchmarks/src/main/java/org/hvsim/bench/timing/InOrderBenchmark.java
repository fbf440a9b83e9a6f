package org.hvsim.bench.timing;

import org.hvsim.bench.core.IntegerKernel;

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
 * {@link IntegerKernel}). One
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
    static final long CODE_BASE = IntegerKernel.CODE_BASE;
    static final long DATA_BASE = IntegerKernel.DATA_BASE;
    static final long STACK_TOP = IntegerKernel.STACK_TOP;
    /** Outer kernel iterations per invocation. */
    static final int ITERATIONS = 20;
    /** Instructions the kernel retires for {@link #ITERATIONS}, its final SYSCALL included. */
    static final int INSTRUCTIONS = 252_685;

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
        byte[] code = IntegerKernel.code();
        physical.writeBytes(CODE_BASE, code, 0, code.length);
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
