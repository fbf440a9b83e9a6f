package org.hvsim.bench.mmu;

import java.util.concurrent.TimeUnit;
import org.hvsim.mmu.AccessKind;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.Privilege;
import org.hvsim.mmu.TranslationResult;
import org.hvsim.mmu.tlb.TlbHierarchyConfig;
import org.hvsim.mmu.walk.PagingStructureCacheConfig;
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
 * Host cost of a native 4-level page walk: TLBs are configured away so every translation walks,
 * with the paging-structure caches on (1 reference) or off (4 references). Each reference also
 * goes through the simulated cache hierarchy.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar NativeWalkBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NativeWalkBenchmark {

    @Param({"false", "true"})
    boolean pagingStructureCaches;

    static final int PAGES = 64;
    Mmu mmu;
    final TranslationResult result = new TranslationResult();
    int next;

    @Setup
    public void setUp() {
        MmuConfig config = MmuConfig.skylake().withTlbs(TlbHierarchyConfig.none(9));
        if (!pagingStructureCaches) {
            config = config.withPsc(PagingStructureCacheConfig.NONE);
        }
        mmu = MmuFixtures.nativeMmu(config, PAGES);
    }

    @Benchmark
    public void walk(Blackhole bh) {
        int i = next;
        next = (i + 1) & (PAGES - 1);
        mmu.translate(MmuFixtures.BASE_LA + ((long) i << 12), AccessKind.READ, Privilege.USER, false, result);
        bh.consume(result.latency());
    }
}
