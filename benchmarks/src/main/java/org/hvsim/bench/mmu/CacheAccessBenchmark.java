package org.hvsim.bench.mmu;

import java.util.concurrent.TimeUnit;
import org.hvsim.mmu.cache.CacheHierarchy;
import org.hvsim.mmu.cache.CacheHierarchyConfig;
import org.hvsim.mmu.cache.CacheLevel;
import org.hvsim.mmu.cache.Requester;
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
 * Host cost of one simulated cache access, for working sets that fit L1D (16 KiB), L2 (128 KiB),
 * the LLC (4 MiB) and none of them (64 MiB): a hit costs one set scan, a miss one scan per level
 * plus the fills.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CacheAccessBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheAccessBenchmark {

    @Param({"16384", "131072", "4194304", "67108864"})
    long workingSetBytes;

    CacheHierarchy caches;
    long address;

    @Setup
    public void setUp() {
        caches = new CacheHierarchy(CacheHierarchyConfig.skylake(), CacheLevel.L1D);
    }

    @Benchmark
    public void access(Blackhole bh) {
        // A fixed odd stride of lines walks the whole working set without a pattern the sets alias on.
        long a = address + 64 * 17;
        if (a >= workingSetBytes) {
            a -= workingSetBytes;
        }
        address = a;
        bh.consume(caches.access(a, Requester.DATA, false));
    }
}
