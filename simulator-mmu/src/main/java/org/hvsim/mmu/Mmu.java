package org.hvsim.mmu;

import org.hvsim.mmu.cache.CacheHierarchy;
import org.hvsim.mmu.ept.Eptp;
import org.hvsim.mmu.ept.InveptType;
import org.hvsim.mmu.ept.InvvpidType;
import org.hvsim.mmu.paging.AccessRights;
import org.hvsim.mmu.paging.InvpcidType;
import org.hvsim.mmu.paging.LinearAddress;
import org.hvsim.mmu.paging.X86Pte;
import org.hvsim.mmu.tlb.InvalidationScope;
import org.hvsim.mmu.tlb.TlbArray;
import org.hvsim.mmu.tlb.TlbHierarchy;
import org.hvsim.mmu.tlb.TlbHitMemo;
import org.hvsim.mmu.walk.NestedMode;
import org.hvsim.mmu.walk.NestedWalker;
import org.hvsim.mmu.walk.PageWalker;
import org.hvsim.mmu.walk.PagingStructureCache;
import org.hvsim.mmu.walk.WalkContext;
import org.hvsim.mmu.walk.WalkRecord;

/**
 * The memory-management unit of one logical processor: TLBs, paging-structure caches, the page
 * walker (native, EPT, NPT) and the cache hierarchy the walker's references go through. This is
 * the API the CPU core and the VMX/SVM layer call:
 * <ul>
 * <li>{@link #translate} per memory access (allocation-free; fills a caller-owned result);</li>
 * <li>context switches: {@link #setControlRegisters}, {@link #writeCr3}, {@link #setVpid},
 *     {@link #enableEpt}, {@link #enableNpt}, {@link #disableNestedPaging};</li>
 * <li>invalidations: {@link #invlpg}, {@link #invpcid}, {@link #invvpid}, {@link #invept},
 *     {@link #invlpga}, {@link #flushAsid}, {@link #flushVpid}, {@link #flushAll}.</li>
 * </ul>
 * The data access itself (after translation) goes through {@link #caches()}.
 */
public final class Mmu {

    // Counter indices of the hit path as compile-time-known constants (no enum load per access).
    private static final int TRANSLATIONS = MmuEvent.TRANSLATIONS.ordinal();
    private static final int L1_TLB_HITS = MmuEvent.L1_TLB_HITS.ordinal();
    private static final int TRANSLATION_CYCLES = MmuEvent.TRANSLATION_CYCLES.ordinal();

    private final MmuConfig config;
    private final PhysicalMemory memory;
    private final CacheHierarchy caches;
    private final TlbHierarchy tlbs;
    private final TlbHitMemo memo;
    private final PagingStructureCache psc;
    private final PagingStructureCache nestedPwc;
    private final TlbArray nestedTlb;
    private final PageWalker walker;
    private final WalkContext context = new WalkContext();
    private final MmuStats stats = new MmuStats();
    private final long[] counters = stats.counters;
    private final long rootMask;
    private final int l1HitLatency;
    private final int stlbHitLatency;

    // Hot copies of the context, refreshed on every context switch.
    private PagingControls controls;
    private long tag;
    private long ep4ta;

    public Mmu(MmuConfig config, PhysicalMemory memory) {
        this.config = config;
        this.memory = memory;
        this.caches = new CacheHierarchy(config.caches(), config.walkerEntryLevel());
        this.tlbs = new TlbHierarchy(config.tlbs(), config.seed());
        this.memo = tlbs.memo();
        this.psc = new PagingStructureCache(config.psc(), config.seed() + 11);
        this.nestedPwc = new PagingStructureCache(config.nestedPwc(), config.seed() + 23);
        this.nestedTlb = config.nestedTlb().present() ? new TlbArray(config.nestedTlb(), config.seed() + 37) : null;
        NestedWalker nested = new NestedWalker(memory, caches, nestedTlb, config.nestedTlbLatency(), nestedPwc,
                config.maxPhysicalAddressBits(), config.eptExecuteOnly());
        this.walker = new PageWalker(memory, caches, psc, nested, config.maxPhysicalAddressBits());
        this.rootMask = X86Pte.addressMask(config.maxPhysicalAddressBits());
        this.l1HitLatency = config.tlbs().l1HitLatency();
        this.stlbHitLatency = config.tlbs().stlbHitLatency();
        refresh();
    }

    // ------------------------------------------------------------------ translation

    /**
     * Translates {@code linearAddress} for an access of {@code kind} at {@code privilege}, with
     * RFLAGS.AC for SMAP. Fills {@code out} with the physical address and the translation latency
     * or with a fault value. Never throws for architectural faults and allocates nothing.
     */
    public void translate(long linearAddress, AccessKind kind, Privilege privilege, boolean rflagsAc,
                          TranslationResult out) {
        counters[TRANSLATIONS]++;
        int kindOrdinal = kind.ordinal();
        int permit = TlbHitMemo.permitBit(privilege.ordinal(), rflagsAc);
        // Fast path: a repeat of an L1 TLB hit that passed the same checks, with nothing changed
        // since (exactly what the full path below would do; see TlbHitMemo). It comes before the
        // paging and canonical checks because the memo is empty with paging off and a memoised
        // page number is canonical under the current controls (changing them clears the memo).
        long remembered = memo.find(linearAddress, kindOrdinal, permit);
        if (remembered != 0) {
            out.setOk(TlbHitMemo.physicalAddress(remembered, linearAddress), TlbHitMemo.pageShift(remembered));
            out.setLatency(l1HitLatency);
            counters[L1_TLB_HITS]++;
            counters[TRANSLATION_CYCLES] += l1HitLatency;
            return;
        }
        translateFully(linearAddress, kind, privilege, rflagsAc, out, kindOrdinal, permit);
    }

    /**
     * Everything but a memoised hit, kept out of {@link #translate} so that the hit path stays
     * small enough for the JIT to inline into the caller.
     */
    private void translateFully(long linearAddress, AccessKind kind, Privilege privilege, boolean rflagsAc,
                                TranslationResult out, int kindOrdinal, int permit) {
        PagingControls c = controls;
        if (!c.paging() && context.nestedMode() == NestedMode.NONE) {
            out.setOk(linearAddress, 12);
            out.setLatency(0);
            return;
        }
        if (c.paging() && !LinearAddress.isCanonical(linearAddress, c.levels())) {
            counters[MmuEvent.NON_CANONICAL.ordinal()]++;
            out.setNonCanonical(linearAddress);
            out.setLatency(0);
            return;
        }
        int hit = tlbs.lookup(linearAddress, kind, tag, ep4ta);
        if (hit != TlbHierarchy.MISS) {
            TlbArray a = tlbs.hitArray();
            int i = tlbs.hitIndex();
            int attrs = a.attrs(i);
            if (AccessRights.allows(attrs & 7, kind, privilege, rflagsAc, c)
                    && (attrs & nestedRequirement(kind)) != 0
                    && (kind != AccessKind.WRITE || (attrs & TlbArray.DIRTY) != 0)) {
                int shift = a.pageShift(i);
                long pa = a.frame(i) | (linearAddress & ((1L << shift) - 1));
                out.setOk(pa, shift);
                int latency = hit == TlbHierarchy.L1_HIT ? l1HitLatency : stlbHitLatency;
                out.setLatency(latency);
                counters[hit == TlbHierarchy.L1_HIT ? L1_TLB_HITS : MmuEvent.STLB_HITS.ordinal()]++;
                counters[TRANSLATION_CYCLES] += latency;
                if (hit == TlbHierarchy.L1_HIT) {
                    memo.remember(linearAddress, kindOrdinal, permit, pa, shift);
                }
                return;
            }
            // The cached rights refuse the access, or a write needs D set: walk again so the fault
            // (or the D update) is exactly what the architecture produces.
        }
        walk(linearAddress, kind, privilege, rflagsAc, out);
    }

    private static int nestedRequirement(AccessKind kind) {
        return switch (kind) {
            case READ -> TlbArray.NESTED_READ;
            case WRITE -> TlbArray.NESTED_WRITE;
            case EXECUTE -> TlbArray.NESTED_EXECUTE;
        };
    }

    private void walk(long la, AccessKind kind, Privilege privilege, boolean rflagsAc, TranslationResult out) {
        boolean ok = walker.walk(la, kind, privilege, rflagsAc, context, out);
        WalkRecord r = walker.record();
        int latency = (int) (stlbHitLatency + r.cycles());
        out.setLatency(latency);
        record(r, latency);
        if (ok) {
            int shift = walker.pageShift();
            long pa = walker.physicalAddress();
            int attrs = walker.rights() | (walker.nestedRights() << TlbArray.NESTED_SHIFT)
                    | (walker.dirty() ? TlbArray.DIRTY : 0) | (walker.global() ? TlbArray.GLOBAL : 0);
            tlbs.insert(la, kind, shift, tag, ep4ta, pa & ~((1L << shift) - 1), attrs);
            out.setOk(pa, shift);
            return;
        }
        counters[MmuEvent.FAULTING_WALKS.ordinal()]++;
        switch (out.status()) {
            case PAGE_FAULT -> {
                counters[MmuEvent.PAGE_FAULTS.ordinal()]++;
                // A #PF invalidates the TLB entries for the faulting address (SDM Vol. 3A 4.10.4.1).
                tlbs.invalidate(InvalidationScope.invlpg(la, context.pcid(), context.vpid()));
            }
            case EPT_VIOLATION -> counters[MmuEvent.EPT_VIOLATIONS.ordinal()]++;
            case EPT_MISCONFIGURATION -> counters[MmuEvent.EPT_MISCONFIGURATIONS.ordinal()]++;
            case NESTED_PAGE_FAULT -> counters[MmuEvent.NESTED_PAGE_FAULTS.ordinal()]++;
            default -> { }
        }
    }

    private void record(WalkRecord r, int latency) {
        counters[MmuEvent.WALKS.ordinal()]++;
        counters[MmuEvent.TRANSLATION_CYCLES.ordinal()] += latency;
        counters[MmuEvent.WALK_REFERENCES.ordinal()] += r.references();
        counters[MmuEvent.GUEST_REFERENCES.ordinal()] += r.guestReferences();
        counters[MmuEvent.NESTED_REFERENCES.ordinal()] += r.nestedReferences();
        counters[MmuEvent.WALK_CYCLES.ordinal()] += r.cycles();
        counters[MmuEvent.GUEST_WALK_CYCLES.ordinal()] += r.guestCycles();
        counters[MmuEvent.NESTED_WALK_CYCLES.ordinal()] += r.nestedCycles();
        counters[MmuEvent.GUEST_AD_WRITES.ordinal()] += r.guestAdWrites();
        counters[MmuEvent.NESTED_AD_WRITES.ordinal()] += r.nestedAdWrites();
        counters[MmuEvent.PSC_PROBES.ordinal()] += r.pscProbes();
        counters[MmuEvent.PSC_HITS.ordinal()] += r.pscHitLevel() > 0 ? 1 : 0;
        counters[MmuEvent.NESTED_TLB_HITS.ordinal()] += r.nestedTlbHits();
        counters[MmuEvent.NESTED_TLB_MISSES.ordinal()] += r.nestedTlbMisses();
        counters[MmuEvent.NESTED_PWC_PROBES.ordinal()] += r.nestedPwcProbes();
        counters[MmuEvent.NESTED_PWC_HITS.ordinal()] += r.nestedPwcHits();
        stats.referencesPerWalk[Math.min(r.references(), MmuStats.HISTOGRAM_BUCKETS - 1)]++;
    }

    // ------------------------------------------------------------------ context switches

    /**
     * MOV to CR0/CR4 or WRMSR to IA32_EFER: decodes the paging controls. Changing CR0.PG or
     * CR4.PGE, or clearing CR4.PCIDE, invalidates every TLB and paging-structure-cache entry of
     * the current VPID, global ones included (SDM Vol. 3A 4.10.4.1). CR0.WP, SMEP, SMAP and NXE
     * need no flush here: TLB entries hold rights and the check is redone on every hit.
     */
    public void setControlRegisters(long cr0, long cr4, long efer) {
        PagingControls next = PagingControls.fromRegisters(cr0, cr4, efer);
        PagingControls prev = context.controls();
        context.setControls(next);
        boolean flush = prev.paging() != next.paging() || prev.pge() != next.pge()
                || (prev.pcide() && !next.pcide()) || prev.la57() != next.la57();
        if (!next.pcide()) {
            context.setTag(0, context.vpid());
        }
        refresh();
        if (flush) {
            invalidate(InvalidationScope.vpidAll(context.vpid()), false);
        }
    }

    /** Sets the paging controls from a decoded record (same flush rules as {@link #setControlRegisters}). */
    public void setControls(PagingControls next) {
        long cr0 = (next.paging() ? PagingControls.CR0_PG : 0) | (next.wp() ? PagingControls.CR0_WP : 0);
        long cr4 = (next.pge() ? PagingControls.CR4_PGE : 0) | (next.la57() ? PagingControls.CR4_LA57 : 0)
                | (next.pcide() ? PagingControls.CR4_PCIDE : 0) | (next.smep() ? PagingControls.CR4_SMEP : 0)
                | (next.smap() ? PagingControls.CR4_SMAP : 0);
        setControlRegisters(cr0, cr4, next.nxe() ? PagingControls.EFER_NXE : 0);
    }

    /**
     * MOV to CR3 (SDM Vol. 3A 4.10.4.1). With CR4.PCIDE = 0 it invalidates the non-global entries
     * of PCID 000H. With CR4.PCIDE = 1 the PCID is CR3[11:0]; if bit 63 is 0 the non-global entries
     * of that PCID are invalidated, if bit 63 is 1 nothing is. Paging-structure-cache entries of the
     * PCID go with them. All within the current VPID.
     */
    public void writeCr3(long value) {
        PagingControls c = context.controls();
        int pcid = c.pcide() ? (int) (value & 0xFFF) : 0;
        boolean noFlush = c.pcide() && value < 0;
        context.setGuestRoot(value & rootMask);
        context.setTag(pcid, context.vpid());
        refresh();
        if (!noFlush) {
            invalidate(InvalidationScope.movCr3(pcid, context.vpid()), false);
        }
    }

    /** Current CR3 root (table address) as the walker uses it. */
    public long cr3Root() {
        return context.guestRoot();
    }

    /**
     * Sets the VPID tag of subsequent translations (0 = the host, or VPIDs disabled; SDM Vol. 3C
     * 28.1). Does not invalidate: entries of other VPIDs simply stop matching.
     */
    public void setVpid(int vpid) {
        if (vpid < 0 || vpid > 0xFFFF) {
            throw new IllegalArgumentException("VPID is 16 bits");
        }
        context.setTag(context.pcid(), vpid);
        refresh();
    }

    /**
     * Enables EPT with the given EPTP (VM entry with "enable EPT"). The EPTP's walk length and A/D
     * bit are decoded here; validity of the EPTP is the VM-entry checks' job ({@link Eptp#isValid}).
     */
    public void enableEpt(long eptp) {
        context.setNested(NestedMode.EPT, Eptp.root(eptp, config.maxPhysicalAddressBits()), Eptp.levels(eptp),
                Eptp.accessedDirtyEnabled(eptp));
        refresh();
    }

    /**
     * Enables AMD nested paging (VMRUN with NP_ENABLE): tables in x86-64 format rooted at nCR3,
     * {@code nestedLevels} deep (4, or 5 with host LA57), translations tagged with {@code asid}.
     */
    public void enableNpt(long nCr3, int nestedLevels, int asid) {
        context.setNested(NestedMode.NPT, nCr3 & rootMask, nestedLevels, true);
        context.setTag(context.pcid(), asid);
        refresh();
    }

    /** Leaves nested paging (VM exit to the host, or a guest run with shadow paging). */
    public void disableNestedPaging() {
        context.setNested(NestedMode.NONE, 0, 4, false);
        refresh();
    }

    /** Every context change lands here, and each one can change hit results: forget memoised hits. */
    private void refresh() {
        memo.clear();
        controls = context.controls();
        tag = context.tag();
        ep4ta = context.ep4ta();
    }

    // ------------------------------------------------------------------ invalidation

    /** INVLPG: the page of {@code la} (global entries included) for the current PCID and VPID, plus the PCID's PSC entries. */
    public void invlpg(long la) {
        invalidate(InvalidationScope.invlpg(la, context.pcid(), context.vpid()), false);
    }

    /** INVPCID of {@code type} in the current VPID (SDM Vol. 2A INVPCID). */
    public void invpcid(InvpcidType type, int pcid, long la) {
        invalidate(InvalidationScope.invpcid(type, pcid & 0xFFF, la, context.vpid()), false);
    }

    /** INVVPID of {@code type}: linear and combined mappings of the VPID(s), all PCIDs and EP4TAs. */
    public void invvpid(InvvpidType type, int vpid, long la) {
        invalidate(InvalidationScope.invvpid(type, vpid, la), false);
    }

    /**
     * INVEPT of {@code type}: combined mappings (and guest-physical mappings: nested TLB and nested
     * PWC) of the EP4TA of {@code eptp} (type 1) or of every EP4TA (type 2).
     */
    public void invept(InveptType type, long eptp) {
        invalidate(InvalidationScope.invept(type, Eptp.root(eptp, config.maxPhysicalAddressBits())), true);
    }

    /** AMD INVLPGA: the page of {@code la} in {@code asid}, global entries included. */
    public void invlpga(long la, int asid) {
        invalidate(InvalidationScope.invvpid(InvvpidType.INDIVIDUAL_ADDRESS, asid, la), false);
    }

    /** AMD VMCB TLB_CONTROL "flush this guest's TLB": every translation of {@code asid}, including its nested ones. */
    public void flushAsid(int asid) {
        invalidate(InvalidationScope.invvpid(InvvpidType.SINGLE_CONTEXT, asid, 0), false);
        if (nestedTlb != null) {
            counters[MmuEvent.ENTRIES_INVALIDATED.ordinal()] += nestedTlb.invalidate(InvalidationScope.everything());
        }
        counters[MmuEvent.ENTRIES_INVALIDATED.ordinal()] += nestedPwc.invalidate(InvalidationScope.everything());
    }

    /**
     * Every translation tagged with {@code vpid}, globals included: what VM entry and VM exit do
     * to VPID 0000H when "enable VPID" is 0 (SDM Vol. 3C 28.4.3.3).
     */
    public void flushVpid(int vpid) {
        invalidate(InvalidationScope.vpidAll(vpid), false);
    }

    /** Empties every TLB, paging-structure cache, nested TLB and nested PWC. */
    public void flushAll() {
        invalidate(InvalidationScope.everything(), true);
    }

    private void invalidate(InvalidationScope scope, boolean nestedStructures) {
        long n = tlbs.invalidate(scope) + psc.invalidate(scope);
        if (nestedStructures) {
            n += nestedPwc.invalidate(scope);
            if (nestedTlb != null) {
                n += nestedTlb.invalidate(scope);
            }
        }
        counters[MmuEvent.ENTRIES_INVALIDATED.ordinal()] += n;
    }

    // ------------------------------------------------------------------ accessors

    public MmuConfig config() {
        return config;
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public CacheHierarchy caches() {
        return caches;
    }

    public TlbHierarchy tlbs() {
        return tlbs;
    }

    public PagingStructureCache pagingStructureCache() {
        return psc;
    }

    public PagingStructureCache nestedPagingStructureCache() {
        return nestedPwc;
    }

    public MmuStats stats() {
        return stats;
    }

    /** Details of the most recent page walk. */
    public WalkRecord lastWalk() {
        return walker.record();
    }

    public PagingControls controls() {
        return context.controls();
    }

    public int pcid() {
        return context.pcid();
    }

    public int vpid() {
        return context.vpid();
    }

    public NestedMode nestedMode() {
        return context.nestedMode();
    }
}
