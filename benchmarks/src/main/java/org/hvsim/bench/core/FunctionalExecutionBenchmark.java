package org.hvsim.bench.core;

import java.util.concurrent.TimeUnit;
import org.hvsim.core.CpuState;
import org.hvsim.core.Registers;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.core.user.UserAddressSpace;
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
 * Functional (untimed) execution speed on a compute-bound integer kernel ({@link IntegerKernel}:
 * LCG fill, insertion sort, FNV-1a hashing, a call per iteration). One JMH operation is one
 * simulated instruction, so the score in ops/us is MIPS directly.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FunctionalExecution}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FunctionalExecutionBenchmark {
    /** Outer kernel iterations per invocation. */
    static final int ITERATIONS = 20;
    /** Instructions the kernel retires for {@link #ITERATIONS}; checked in {@link #setUp}. */
    static final int INSTRUCTIONS = 252_685;

    private Interpreter cpu;

    @Setup
    public void setUp() {
        PhysicalMemory physical = new PhysicalMemory();
        UserAddressSpace space = new UserAddressSpace(physical);
        byte[] code = IntegerKernel.code();
        space.map(IntegerKernel.CODE_BASE, IntegerKernel.CODE_BASE + 0x1000,
                UserAddressSpace.PROT_READ | UserAddressSpace.PROT_EXEC);
        space.map(IntegerKernel.DATA_BASE, IntegerKernel.DATA_BASE + 0x2000,
                UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        space.map(IntegerKernel.STACK_TOP - 0x4000, IntegerKernel.STACK_TOP,
                UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        physical.writeBytes(IntegerKernel.CODE_BASE, code, 0, code.length);
        cpu = new Interpreter(new CpuState(), new LinearMemory(physical, space));
        cpu.setSystemCallHandler(c -> c.exit((int) c.state.gpr[Registers.RDI]));
        long executed = run();
        if (executed != INSTRUCTIONS) {
            throw new IllegalStateException("kernel retired " + executed + " instructions, expected " + INSTRUCTIONS);
        }
    }

    private long run() {
        CpuState s = cpu.state;
        s.rip = IntegerKernel.CODE_BASE;
        s.gpr[Registers.RSP] = IntegerKernel.STACK_TOP;
        s.gpr[Registers.RDI] = ITERATIONS;
        RunResult r = cpu.run(Long.MAX_VALUE);
        if (r.reason() != StopReason.EXITED) {
            throw new IllegalStateException("kernel stopped: " + r);
        }
        return r.instructions();
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long execute() {
        return run();
    }
}
