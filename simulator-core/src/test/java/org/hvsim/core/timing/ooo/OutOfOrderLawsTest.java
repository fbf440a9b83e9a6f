package org.hvsim.core.timing.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.cache.CacheHierarchyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The "ooo sanity laws", on real x86-64 code run by the interpreter and timed over the
 * Skylake memory system ({@link MmuConfig#skylake()}, paging off).
 */
class OutOfOrderLawsTest {
    private static final CacheHierarchyConfig CACHES = CacheHierarchyConfig.skylake();

    @Test
    void independentOperationsReachTheDispatchWidth() {
        Code c = new Code();
        for (int i = 0; i < 16; i++) {
            c.addR(i % 8, 1);
        }
        c.jmp(0);
        Machine m = new Machine(c.bytes());
        long measured = 170_000;
        long cycles = m.measure(17_000, measured);
        double ipc = (double) measured / cycles;
        System.out.printf("independent ops: IPC %.3f (dispatch width 4)%n", ipc);
        assertThat(ipc).isCloseTo(4.0, within(0.05));
        assertThat(m.interval.cycles(CycleAccount.BASE)).isEqualTo(cycles);
    }

    @Test
    void narrowerCoreReachesItsWidth() {
        Code c = new Code();
        for (int i = 0; i < 16; i++) {
            c.addR(i % 8, 1);
        }
        c.jmp(0);
        Machine m = new Machine(OutOfOrderConfig.skylake().withWidths(2, 2, 2), c.bytes(), 0);
        long cycles = m.measure(17_000, 170_000);
        assertThat(170_000.0 / cycles).isCloseTo(2.0, within(0.03));
    }

    @ParameterizedTest(name = "{0}: latency {1}")
    @CsvSource({"imul, 3", "add, 1"})
    void dependentChainRunsAtItsLatency(String op, int latency) {
        Code c = new Code();
        for (int i = 0; i < 16; i++) {
            if (op.equals("imul")) {
                c.imulRaxRax();
            } else {
                c.incRax();
            }
        }
        c.jmp(0);
        Machine m = new Machine(c.bytes());
        long iterations = 10_000;
        long cycles = m.measure(17 * 100, 17 * iterations);
        double perOp = (double) cycles / (16 * iterations);
        System.out.printf("%s chain: %.3f cycles per op%n", op, perOp);
        assertThat(perOp).isCloseTo(latency, within(0.02 * latency));
    }

    /**
     * A lat_mem_rd-style curve: a pointer chase through one pointer per 64-byte line over a
     * footprint; cycles per load are the load-to-use latency of the level that holds it.
     */
    @ParameterizedTest(name = "footprint {0} KiB")
    @CsvSource({"16", "128", "2048", "32768"})
    void pointerChaseShowsEachCacheLevelsLatency(int kib) {
        long bytes = kib * 1024L;
        int lines = (int) (bytes / 64);
        Code c = new Code().movRax(Machine.DATA);
        int loop = c.here();
        for (int i = 0; i < 8; i++) {
            c.chase();
        }
        c.jmp(loop);
        Machine m = new Machine(OutOfOrderConfig.skylake(), c.bytes(), bytes);
        for (int i = 0; i < lines; i++) {
            m.poke64(Machine.DATA + i * 64L, Machine.DATA + ((i + 1) % lines) * 64L);
        }
        long warm = 1 + lines * 9L / 8 + 9;
        long loads = Math.min(80_000, Math.max(lines, 8_000)) / 8 * 8;
        long cycles = m.measure(warm, loads * 9 / 8);
        double perLoad = (double) cycles / loads;
        int expected;
        CycleAccount account;
        if (bytes <= CACHES.l1d().sizeBytes() / 2) {
            expected = CACHES.l1d().hitLatency();
            account = CycleAccount.BASE;
        } else if (bytes <= CACHES.l2().sizeBytes() / 2) {
            expected = CACHES.l2().hitLatency();
            account = CycleAccount.DCACHE_L2;
        } else if (bytes <= CACHES.llc().sizeBytes() / 2) {
            expected = CACHES.llc().hitLatency();
            account = CycleAccount.DCACHE_LLC;
        } else {
            expected = CACHES.memoryLatency();
            account = CycleAccount.DCACHE_DRAM;
        }
        System.out.printf("pointer chase %6d KiB: %.2f cycles/load (preset %d)%n", kib, perLoad, expected);
        assertThat(perLoad).isCloseTo(expected, within(0.05 * expected + 0.1));
        CpiStack s = m.interval;
        System.out.printf("    interval stack: %s %d of %d cycles%n", account.label(), s.cycles(account), cycles);
        // The L1 hit latency is part of the base pipeline; cycles beyond it belong to the level.
        int l1 = CACHES.l1d().hitLatency();
        long beyondL1 = account == CycleAccount.BASE ? cycles : loads * (expected - l1);
        assertThat((double) s.cycles(account)).as(account.label()).isCloseTo(beyondL1, within(0.05 * beyondL1));
    }

    /**
     * Independent DRAM misses (a streaming load per iteration, padded with NOPs) overlap as far as
     * the ROB reaches: with {@code n} instructions per miss, about ROB/n misses are in flight, so a
     * miss costs about latency * n / ROB cycles, and a smaller ROB proportionally more.
     */
    @ParameterizedTest(name = "ROB {0}, {1} instructions per miss")
    @CsvSource({"224, 28", "112, 28", "56, 28", "224, 56", "224, 112"})
    void robSizeLimitsMemoryLevelParallelism(int rob, int perMiss) {
        Code c = new Code().movRsi(Machine.DATA);
        int loop = c.here();
        c.loadRsi().addRsi(64);
        for (int i = 0; i < perMiss - 3; i++) {
            c.nop();
        }
        c.jmp(loop);
        OutOfOrderConfig config = OutOfOrderConfig.skylake().withWindow(rob, 97, 72, 56);
        long misses = 4_000;
        Machine m = new Machine(config, c.bytes(), ((misses + 1000) * 64 + 4095) & ~4095L);
        long cycles = m.measure(1 + 500L * perMiss, misses * perMiss);
        double perMissCycles = (double) cycles / misses;
        double inFlight = (double) rob / perMiss;
        double expected = Math.max(CACHES.memoryLatency() / inFlight, perMiss / 4.0);
        System.out.printf("MLP: ROB %d, %d instr/miss: %.1f cycles/miss (latency/(ROB/n) = %.1f)%n",
                rob, perMiss, perMissCycles, expected);
        assertThat(perMissCycles).isCloseTo(expected, within(0.15 * expected));
        assertThat(m.model.cpiStack().cycles(CycleAccount.DCACHE_DRAM)).isPositive();
    }

    @Test
    void sameInputGivesSameCycles() {
        long[] first = runMix();
        long[] second = runMix();
        assertThat(second).containsExactly(first);
    }

    private static long[] runMix() {
        Code c = new Code().movRax(Machine.DATA);
        int loop = c.here();
        c.chase().imulRbxRbx().addR(0, 1).addR(1, 3).movRsi(Machine.DATA + 4096).loadRsi();
        c.jmp(loop);
        Machine m = new Machine(OutOfOrderConfig.skylake(), c.bytes(), 8192);
        m.poke64(Machine.DATA, Machine.DATA);
        m.poke64(Machine.DATA + 4096, Machine.DATA);
        m.run(50_000);
        CpiStack s = m.model.cpiStack();
        long[] out = new long[CycleAccount.values().length + 1];
        for (CycleAccount a : CycleAccount.values()) {
            out[a.ordinal()] = s.cycles(a);
        }
        out[out.length - 1] = m.model.cycles();
        return out;
    }
}
