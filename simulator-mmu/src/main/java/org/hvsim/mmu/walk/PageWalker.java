package org.hvsim.mmu.walk;

import org.hvsim.mmu.AccessKind;
import org.hvsim.mmu.PagingControls;
import org.hvsim.mmu.PhysicalMemory;
import org.hvsim.mmu.Privilege;
import org.hvsim.mmu.TranslationResult;
import org.hvsim.mmu.cache.CacheHierarchy;
import org.hvsim.mmu.cache.Requester;
import org.hvsim.mmu.ept.EptEntry;
import org.hvsim.mmu.paging.AccessRights;
import org.hvsim.mmu.paging.LinearAddress;
import org.hvsim.mmu.paging.PageFaultErrorCode;
import org.hvsim.mmu.paging.X86Pte;

/**
 * The x86-64 page walker (Intel SDM Vol. 3A 4.5) for native walks and for the guest dimension of
 * two-dimensional walks. It is an explicit per-level state machine: each iteration of the walk
 * loop is one level and runs the same steps:
 * <ol>
 * <li>TABLE: the address of the entry is table + 8 * index(address, level). Under EPT/NPT the
 *     table address is guest-physical and is first translated by the {@link NestedWalker}
 *     (m references), unless it came host-physical out of the paging-structure cache.</li>
 * <li>READ: one timed reference through the cache hierarchy (requester PAGE_WALK).</li>
 * <li>CHECK: not present -> #PF (P=0); reserved bit -> #PF (P=1, RSVD=1); combine R/W, U/S, XD.</li>
 * <li>LEAF?: PS at level 2/3, or level 1, ends the loop; otherwise descend.</li>
 * </ol>
 * Then the access-rights check (4.6), the nested translation of the final guest-physical address,
 * the A/D updates (4.8: each a timed write), and the fills of the paging-structure caches.
 *
 * <p>Reference count of a cold 2D walk with n guest levels and m nested levels and no large
 * pages: n guest entries, each preceded by an m-reference nested walk of its table, plus the
 * m-reference nested walk of the final address: n*m + n + m (Bhargava et al., ASPLOS 2008).
 */
public final class PageWalker {

    private static final int MAX_LEVELS = 5;

    private final PhysicalMemory memory;
    private final CacheHierarchy caches;
    private final PagingStructureCache psc;
    private final NestedWalker nested;
    private final long addressMask;
    private final int maxPhysBits;
    private final WalkRecord record = new WalkRecord();

    // Per-level state of the current walk (index = level).
    private final long[] entryGpa = new long[MAX_LEVELS + 1];
    private final long[] entryHpa = new long[MAX_LEVELS + 1];
    private final long[] entryValue = new long[MAX_LEVELS + 1];
    private final int[] rightsThrough = new int[MAX_LEVELS + 1];
    private final int[] tableNestedRights = new int[MAX_LEVELS + 1];

    // Outputs of the last successful walk.
    private long physicalAddress;
    private int pageShift;
    private int rights;
    private int nestedRights;
    private boolean dirty;
    private boolean global;

    public PageWalker(PhysicalMemory memory, CacheHierarchy caches, PagingStructureCache psc, NestedWalker nested,
                      int maxPhysBits) {
        this.memory = memory;
        this.caches = caches;
        this.psc = psc;
        this.nested = nested;
        this.maxPhysBits = maxPhysBits;
        this.addressMask = X86Pte.addressMask(maxPhysBits);
    }

    public WalkRecord record() {
        return record;
    }

    public long physicalAddress() {
        return physicalAddress;
    }

    /** Size of the TLB entry to create: the smaller of the guest and nested page sizes. */
    public int pageShift() {
        return pageShift;
    }

    /** Combined guest rights ({@link AccessRights} bits). */
    public int rights() {
        return rights;
    }

    /** Nested rights of the final translation in R/W/X form (all set when not nested). */
    public int nestedRights() {
        return nestedRights;
    }

    /** The translation may be written without another walk: guest D and nested D (if tracked) set. */
    public boolean dirty() {
        return dirty;
    }

    /** The guest leaf had G = 1 and CR4.PGE = 1. */
    public boolean global() {
        return global;
    }

    /**
     * Walks {@code la}. Returns true on success (outputs in the accessors); on failure the fault
     * has been written to {@code out}. The walk's references and cycles are in {@link #record()}.
     */
    public boolean walk(long la, AccessKind kind, Privilege privilege, boolean rflagsAc, WalkContext ctx,
                        TranslationResult out) {
        record.reset();
        PagingControls controls = ctx.controls();
        boolean isNested = ctx.nested();
        nestedRights = (int) EptEntry.RWX;
        global = false;

        if (!controls.paging()) {
            // CR0.PG = 0: the linear address is the guest-physical address (SDM 28.2.1).
            return finish(la, 12, AccessRights.INITIAL, true, kind, la, isNested, ctx, out);
        }

        int levels = controls.levels();
        int level = levels;
        int top = levels;
        long table = ctx.guestRoot();
        boolean tableIsHost = !isNested;
        int combined = AccessRights.INITIAL;
        int tableRights = (int) EptEntry.RWX;

        if (psc != null && psc.present()) {
            record.guestCycles += psc.config().lookupLatency();
            record.pscProbes++;
            int hit = psc.lookup(la, levels, ctx.tag(), ctx.ep4ta());
            if (hit > 0) {
                record.pscHitLevel = hit;
                table = psc.hitNextTable();
                combined = psc.hitAttrs() & 7;
                tableRights = (psc.hitAttrs() >>> org.hvsim.mmu.tlb.TlbArray.NESTED_SHIFT) & 7;
                tableIsHost = true;
                level = hit - 1;
                top = level;
            }
        }

        int guestShift;
        long gpa;
        while (true) {
            // TABLE
            long slotGpa = table + 8L * LinearAddress.index(la, level);
            long slotHpa;
            if (tableIsHost) {
                slotHpa = slotGpa;
            } else {
                slotHpa = nested.translate(slotGpa, AccessKind.READ, true, la, ctx, record, out);
                if (slotHpa < 0) {
                    return false;
                }
                tableRights = nested.lastRights();
            }
            // READ
            record.guestReferences++;
            record.guestCycles += caches.access(slotHpa, Requester.PAGE_WALK, false);
            long e = memory.read64(slotHpa);
            entryGpa[level] = slotGpa;
            entryHpa[level] = slotHpa;
            entryValue[level] = e;
            tableNestedRights[level] = tableRights;
            // CHECK
            if ((e & X86Pte.P) == 0) {
                out.setPageFault(la, PageFaultErrorCode.accessBits(kind, privilege, controls));
                return false;
            }
            boolean leaf = X86Pte.isLeaf(e, level);
            if ((e & X86Pte.reservedMask(level, leaf, maxPhysBits, controls.nxe())) != 0) {
                out.setPageFault(la, PageFaultErrorCode.P | PageFaultErrorCode.RSVD
                        | PageFaultErrorCode.accessBits(kind, privilege, controls));
                return false;
            }
            combined = AccessRights.combine(combined, e);
            rightsThrough[level] = combined;
            // LEAF?
            if (leaf) {
                guestShift = LinearAddress.levelShift(level);
                long offsetMask = (1L << guestShift) - 1;
                gpa = (e & addressMask & ~offsetMask) | (la & offsetMask);
                global = (e & X86Pte.G) != 0 && controls.pge();
                break;
            }
            table = e & addressMask;
            tableIsHost = !isNested;
            level--;
        }
        int leafLevel = level;

        if (!AccessRights.allows(combined, kind, privilege, rflagsAc, controls)) {
            out.setPageFault(la, PageFaultErrorCode.P | PageFaultErrorCode.accessBits(kind, privilege, controls));
            return false;
        }
        if (!finish(gpa, guestShift, combined, false, kind, la, isNested, ctx, out)) {
            return false;
        }
        if (!updateAccessedDirty(top, leafLevel, kind, la, ctx, out)) {
            return false;
        }
        if (psc != null) {
            for (int l = top; l > leafLevel; l--) {
                psc.insert(l, la, ctx.tag(), ctx.ep4ta(), entryHpa[l - 1] & ~0xFFFL,
                        (rightsThrough[l] & 7) | (tableNestedRights[l - 1] << org.hvsim.mmu.tlb.TlbArray.NESTED_SHIFT));
            }
        }
        dirty = dirty && (entryValue[leafLevel] & X86Pte.D) != 0;
        return true;
    }

    /** Translates the final guest-physical address (if nested) and records the outputs. */
    private boolean finish(long gpa, int guestShift, int combined, boolean pagingOff, AccessKind kind, long la,
                           boolean isNested, WalkContext ctx, TranslationResult out) {
        long hpa = gpa;
        int shift = guestShift;
        boolean nestedDirty = true;
        if (isNested) {
            hpa = nested.translate(gpa, kind, false, la, ctx, record, out);
            if (hpa < 0) {
                return false;
            }
            nestedRights = nested.lastRights();
            shift = Math.min(guestShift, nested.lastPageShift());
            nestedDirty = nested.lastDirty();
        }
        physicalAddress = hpa;
        pageShift = shift;
        rights = combined;
        dirty = nestedDirty;
        return true;
    }

    /**
     * Sets A in every entry walked and D in the leaf for writes (SDM Vol. 3A 4.8), each a timed
     * locked write. Done only after every check passed, so a faulting access changes nothing
     * (ASSUMPTION: the SDM permits but does not require setting A on faulting walks). Under EPT
     * without EPT A/D, the write to a guest paging-structure entry is a data write for EPT and
     * needs write permission on the page holding the table (SDM Vol. 3C 28.2.3.2).
     */
    private boolean updateAccessedDirty(int top, int leafLevel, AccessKind kind, long la, WalkContext ctx,
                                        TranslationResult out) {
        boolean eptWithoutAd = ctx.nestedMode() == NestedMode.EPT && !ctx.nestedAccessedDirty();
        for (int l = top; l >= leafLevel; l--) {
            long e = entryValue[l];
            long updated = e | X86Pte.A;
            if (l == leafLevel && kind == AccessKind.WRITE) {
                updated |= X86Pte.D;
            }
            if (updated == e) {
                continue;
            }
            if (eptWithoutAd && (tableNestedRights[l] & EptEntry.WRITE) == 0) {
                out.setEptViolation(entryGpa[l], la, NestedWalker.guestAdWriteQualification(tableNestedRights[l]));
                return false;
            }
            memory.write64(entryHpa[l], updated);
            entryValue[l] = updated;
            record.guestAdWrites++;
            record.guestCycles += caches.access(entryHpa[l], Requester.PAGE_WALK, true);
        }
        return true;
    }
}
