package org.hvsim.bench.mmu;

import java.util.concurrent.TimeUnit;
import org.hvsim.mmu.AccessKind;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.Privilege;
import org.hvsim.mmu.TranslationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Host cost of a translation that hits the L1 DTLB (target: under 5 ns). {@code pages} stays
 * within the 64-entry DTLB so every call is a hit; the addresses rotate so the JIT cannot hoist.
 * {@code baseline} is the loop and the Blackhole alone.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TlbHitBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TlbHitBenchmark {

    @Param({"1", "16"})
    int pages;

    @Param({"false", "true"})
    boolean underEpt;

    Mmu mmu;
    final TranslationResult result = new TranslationResult();
    int next;

    @Setup
    public void setUp() {
        mmu = underEpt ? MmuFixtures.eptMmu(MmuConfig.skylake(), pages) : MmuFixtures.nativeMmu(MmuConfig.skylake(), pages);
        for (int i = 0; i < pages; i++) {
            mmu.translate(MmuFixtures.BASE_LA + ((long) i << 12), AccessKind.READ, Privilege.USER, false, result);
        }
    }

    @Benchmark
    public void translateHit(Blackhole bh) {
        int i = next;
        next = i + 1 == pages ? 0 : i + 1;
        mmu.translate(MmuFixtures.BASE_LA + ((long) i << 12) + 0x40, AccessKind.READ, Privilege.USER, false, result);
        bh.consume(result.physicalAddress());
    }

    /** The same loop without the translation: the harness cost to subtract from {@link #translateHit}. */
    @Benchmark
    public void baseline(Blackhole bh) {
        int i = next;
        next = i + 1 == pages ? 0 : i + 1;
        bh.consume(MmuFixtures.BASE_LA + ((long) i << 12) + 0x40);
    }
}
