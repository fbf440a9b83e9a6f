package org.hvsim.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.hvsim.mmu.MmuEvent;
import org.hvsim.mmu.MmuStats;
import org.hvsim.mmu.cache.CacheLevel;
import org.hvsim.mmu.cache.CacheStats;

/**
 * The {@code hvsim boot --stats} report on stderr: an aligned table of raw counters, with the
 * derived figures (MIPS, hit ratios, averages) computed here and nowhere else. Every line starts
 * with "hvsim stats: " so it can be grepped out of a mixed stream.
 */
final class BootStats {
    private static final String P = "hvsim stats: ";

    private BootStats() {
    }

    static void print(PrintStream err, long instructions, long cycles, long hostNanos, MmuStats mmu, CacheStats caches) {
        double seconds = hostNanos / 1e9;
        row(err, "simulated instructions", Long.toString(instructions));
        row(err, "simulated cycles", Long.toString(cycles));
        row(err, "host seconds", String.format(Locale.ROOT, "%.3f", seconds));
        row(err, "MIPS", String.format(Locale.ROOT, "%.1f", seconds > 0 ? instructions / seconds / 1e6 : 0.0));

        long translations = mmu.get(MmuEvent.TRANSLATIONS);
        long l1Lookups = translations - mmu.get(MmuEvent.NON_CANONICAL);
        long l1Hits = mmu.get(MmuEvent.L1_TLB_HITS);
        long stlbLookups = l1Lookups - l1Hits;
        long stlbHits = mmu.get(MmuEvent.STLB_HITS);
        row(err, "MMU translations", Long.toString(translations));
        err.printf(Locale.ROOT, "%s%-24s%14s%14s%14s%8s%n", P, "TLB", "lookups", "hits", "misses", "hit%");
        hitRow(err, "L1 TLB", l1Lookups, l1Hits);
        hitRow(err, "STLB", stlbLookups, stlbHits);

        long walks = mmu.get(MmuEvent.WALKS);
        row(err, "page walks", Long.toString(walks));
        row(err, "  faulting walks", Long.toString(mmu.get(MmuEvent.FAULTING_WALKS)));
        row(err, "  walk references", Long.toString(mmu.get(MmuEvent.WALK_REFERENCES)));
        row(err, "  walk cycles", Long.toString(mmu.get(MmuEvent.WALK_CYCLES)));
        row(err, "  references/walk", String.format(Locale.ROOT, "%.2f", mmu.averageReferencesPerWalk()));
        row(err, "  cycles/walk", String.format(Locale.ROOT, "%.2f", mmu.averageWalkCycles()));
        row(err, "  PSC probes", Long.toString(mmu.get(MmuEvent.PSC_PROBES)));
        row(err, "  PSC hits", Long.toString(mmu.get(MmuEvent.PSC_HITS)));
        row(err, "page faults (walker)", Long.toString(mmu.get(MmuEvent.PAGE_FAULTS)));
        row(err, "TLB/PSC invalidations", Long.toString(mmu.get(MmuEvent.ENTRIES_INVALIDATED)));

        err.printf(Locale.ROOT, "%s%-24s%14s%14s%14s%8s%n", P, "cache", "accesses", "hits", "misses", "hit%");
        for (CacheLevel level : new CacheLevel[] {CacheLevel.L1I, CacheLevel.L1D, CacheLevel.L2, CacheLevel.LLC}) {
            hitRow(err, level.name(), caches.accesses(level), caches.hits(level));
        }
        row(err, "DRAM accesses", Long.toString(caches.accesses(CacheLevel.MEMORY)));
        err.flush();
    }

    private static void row(PrintStream err, String name, String value) {
        err.printf(Locale.ROOT, "%s%-24s%14s%n", P, name, value);
    }

    private static void hitRow(PrintStream err, String name, long lookups, long hits) {
        String ratio = lookups == 0 ? "-" : String.format(Locale.ROOT, "%.2f", 100.0 * hits / lookups);
        err.printf(Locale.ROOT, "%s%-24s%14d%14d%14d%8s%n", P, name, lookups, hits, lookups - hits, ratio);
    }
}
