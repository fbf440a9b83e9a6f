package org.hvsim.core.timing;

import org.hvsim.mmu.AccessKind;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.Privilege;
import org.hvsim.mmu.TranslationResult;
import org.hvsim.mmu.cache.CacheHierarchy;
import org.hvsim.mmu.cache.CacheLevel;
import org.hvsim.mmu.cache.Requester;

/**
 * The timing side of memory accesses for the timing models: each instruction fetch and data
 * access goes through the modelled TLBs and page walker (simulator-mmu) and then the cache
 * hierarchy, and returns its latency; {@link #lastLevel()} and {@link #lastTranslationCycles()}
 * tell the model which CPI account the cycles belong to. Allocation-free.
 *
 * <p>The functional core has already performed the access through its own software TLB, so a
 * fault here cannot happen architecturally; if the modelled translation disagrees (for example
 * a page the model has not seen mapped), the linear address is used as the physical one.
 */
public final class MemoryTiming {
    private final Mmu mmu;
    private final CacheHierarchy caches;
    /** For user-mode processes: tables built on first touch; null in system mode (the guest's own). */
    private final DemandPageTables demand;
    private final TranslationResult translation = new TranslationResult();
    private CacheLevel lastLevel = CacheLevel.L1D;
    private int lastTranslationCycles;

    /** Timing through {@code mmu}, which walks the guest's own page tables (system mode). */
    public MemoryTiming(Mmu mmu) {
        this.mmu = mmu;
        this.caches = mmu.caches();
        this.demand = null;
    }

    /** Timing for a user-mode process, through page tables built on demand (see {@link DemandPageTables}). */
    public MemoryTiming(DemandPageTables demand) {
        this.mmu = demand.mmu();
        this.caches = mmu.caches();
        this.demand = demand;
    }

    public Mmu mmu() {
        return mmu;
    }

    /** Latency of a data access of one cache line at linear address {@code la}. */
    public int data(long la, boolean write, boolean user) {
        long pa = translate(la, write ? AccessKind.WRITE : AccessKind.READ, user);
        int cycles = caches.access(pa, Requester.DATA, write);
        lastLevel = caches.lastSource();
        return lastTranslationCycles + cycles;
    }

    /** Latency of fetching the instruction-cache line holding {@code la}. */
    public int fetch(long la, boolean user) {
        long pa = translate(la, AccessKind.EXECUTE, user);
        int cycles = caches.access(pa, Requester.INSTRUCTION_FETCH, false);
        lastLevel = caches.lastSource();
        return lastTranslationCycles + cycles;
    }

    private long translate(long la, AccessKind kind, boolean user) {
        if (demand != null) {
            demand.ensureMapped(la);
        }
        mmu.translate(la, kind, user ? Privilege.USER : Privilege.SUPERVISOR, false, translation);
        lastTranslationCycles = translation.latency();
        return translation.ok() ? translation.physicalAddress() : la;
    }

    /** The level that supplied the last access. */
    public CacheLevel lastLevel() {
        return lastLevel;
    }

    /** Cycles the last access spent in TLB lookups and page walks. */
    public int lastTranslationCycles() {
        return lastTranslationCycles;
    }

    /** Cycles of an L1 hit at the level an access of this kind enters: part of the base pipeline. */
    public int l1Latency(boolean fetch) {
        return caches.config().level(fetch ? CacheLevel.L1I : CacheLevel.L1D).hitLatency();
    }

    public int lineBytes() {
        return caches.config().level(CacheLevel.L1D).lineBytes();
    }
}
