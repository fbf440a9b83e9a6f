package org.hvsim.core.timing.inorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.core.CpuState;
import org.hvsim.core.Registers;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.MemoryTiming;
import org.hvsim.core.timing.branch.BranchPredictorConfig;
import org.hvsim.core.timing.branch.BranchUnit;
import org.hvsim.core.user.UserAddressSpace;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PhysicalMemory;
import org.hvsim.mmu.cache.CacheConfig;
import org.hvsim.mmu.cache.CacheHierarchyConfig;
import org.hvsim.mmu.cache.ReplacementKind;

/**
 * Test fixture: real machine code (hand-assembled bytes) executed by the interpreter in user
 * mode and timed by an {@link InOrderPipeline} over a real {@link Mmu} (paging off in the modelled
 * MMU, so translation costs nothing) with round-number cache latencies: L1 {@value #L1} cycles
 * (a hit is the pipeline's one-cycle M or F stage), L2 {@value #L2}, LLC {@value #LLC}, memory
 * {@value #MEM}. {@link #warmCode} and {@link #warmData} pre-load lines so the golden tests hit.
 */
final class Harness {
    static final long CODE = 0x40_0000L;
    static final long DATA = 0x60_0000L;
    static final long STACK_TOP = 0x80_0000L;
    static final int L1 = 2;
    static final int L2 = 10;
    static final int LLC = 30;
    static final int MEM = 100;

    final PhysicalMemory physical = new PhysicalMemory();
    final UserAddressSpace space = new UserAddressSpace(physical);
    final Interpreter cpu;
    final Mmu mmu;
    final MemoryTiming memory;
    final InOrderPipeline model;
    private int codeLength;

    Harness(InOrderConfig config, ExecutionLatencies latencies, String predictor) {
        space.map(CODE, CODE + 0x2000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE | UserAddressSpace.PROT_EXEC);
        space.map(DATA, DATA + 0x4000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        space.map(STACK_TOP - 0x1000, STACK_TOP, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        cpu = new Interpreter(new CpuState(), new LinearMemory(physical, space));
        cpu.setSystemCallHandler(c -> c.exit((int) c.gpr[Registers.RAX]));
        cpu.state.rip = CODE;
        cpu.gpr[Registers.RSP] = STACK_TOP;
        CacheHierarchyConfig caches = new CacheHierarchyConfig(
                new CacheConfig(32 * 1024, 8, 64, L1, ReplacementKind.LRU),
                new CacheConfig(32 * 1024, 8, 64, L1, ReplacementKind.LRU),
                new CacheConfig(256 * 1024, 4, 64, L2, ReplacementKind.LRU),
                new CacheConfig(1024 * 1024, 16, 64, LLC, ReplacementKind.LRU),
                MEM, 1);
        mmu = new Mmu(MmuConfig.skylake().withCaches(caches), physical);
        mmu.setControlRegisters(0, 0, 0); // paging off: linear = physical, no translation cycles
        memory = new MemoryTiming(mmu);
        BranchUnit branches = predictor == null ? null : new BranchUnit(BranchPredictorConfig.defaults(predictor));
        model = new InOrderPipeline(config, latencies, branches, memory);
    }

    Harness(InOrderConfig config) {
        this(config, ExecutionLatencies.defaults(), "static");
    }

    Harness code(int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            physical.write8(CODE + i, bytes[i]);
        }
        codeLength = bytes.length;
        return this;
    }

    Harness reg(int r, long value) {
        cpu.gpr[r] = value;
        return this;
    }

    /** Brings the code's lines into the L1I. */
    Harness warmCode() {
        for (long a = CODE; a < CODE + codeLength; a += 64) {
            memory.fetch(a, true);
        }
        return this;
    }

    /** Brings the lines of {@code addresses} into the L1D. */
    Harness warmData(long... addresses) {
        for (long a : addresses) {
            memory.data(a, false, true);
        }
        return this;
    }

    /** Runs exactly {@code n} instructions through the timing model. */
    Harness run(long n) {
        RunResult r = cpu.runTimed(n, model, Long.MAX_VALUE);
        assertThat(r.reason()).isEqualTo(StopReason.INSTRUCTION_LIMIT);
        assertThat(r.instructions()).isEqualTo(n);
        return this;
    }

    long cycles() {
        assertStackSums(model);
        return model.cycles();
    }

    long account(CycleAccount a) {
        return model.cpiStack().cycles(a);
    }

    static void assertStackSums(InOrderPipeline m) {
        assertThat(m.cpiStack().total()).as("CPI stack total == cycles").isEqualTo(m.cycles());
        for (CycleAccount a : CycleAccount.values()) {
            assertThat(m.cpiStack().cycles(a)).as("account %s", a).isNotNegative();
        }
    }
}
