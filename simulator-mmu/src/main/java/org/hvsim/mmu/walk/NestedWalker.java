package org.hvsim.mmu.walk;

import org.hvsim.mmu.AccessKind;
import org.hvsim.mmu.PhysicalMemory;
import org.hvsim.mmu.TranslationResult;
import org.hvsim.mmu.cache.CacheHierarchy;
import org.hvsim.mmu.cache.Requester;
import org.hvsim.mmu.ept.EptEntry;
import org.hvsim.mmu.ept.EptExitQualification;
import org.hvsim.mmu.ept.NptExitInfo;
import org.hvsim.mmu.paging.AccessRights;
import org.hvsim.mmu.paging.LinearAddress;
import org.hvsim.mmu.paging.PageFaultErrorCode;
import org.hvsim.mmu.paging.X86Pte;
import org.hvsim.mmu.tlb.TlbArray;
import org.hvsim.mmu.tlb.TranslationTag;

/**
 * The nested dimension: translates a guest-physical address to a host-physical one through EPT
 * (Intel SDM Vol. 3C 28.2) or AMD NPT tables (AMD APM Vol. 2 15.25), one explicit step per level.
 * Each entry read is a timed reference through the cache hierarchy, after probing the optional
 * Bhargava accelerators: a nested TLB (whole gPA->hPA translations) and the nested half of a 2D
 * page-walk cache (upper-level nested entries by gPA prefix).
 *
 * <p>Nested rights are reported in EPT form (bit 0 read, bit 1 write, bit 2 execute); NPT rights
 * are converted: nested accesses are user accesses (APM 15.25.5), so R = U/S, W = U/S and R/W,
 * X = U/S and not XD.
 */
public final class NestedWalker {

    /** Tag of nested-TLB and nested-PWC entries: only the EP4TA / nCR3 distinguishes them. */
    private static final long NESTED_TAG = TranslationTag.of(0, 0, true);
    private static final int MAX_LEVELS = 5;

    private final PhysicalMemory memory;
    private final CacheHierarchy caches;
    private final TlbArray nestedTlb;
    private final int nestedTlbLatency;
    private final PagingStructureCache nestedPwc;
    private final int maxPhysBits;
    private final long addressMask;
    private final boolean executeOnlySupported;

    private final long[] entryAddress = new long[MAX_LEVELS + 1];
    private final long[] entryValue = new long[MAX_LEVELS + 1];
    private final int[] rightsThrough = new int[MAX_LEVELS + 1];

    private int lastRights;
    private int lastPageShift;
    private boolean lastDirty;

    public NestedWalker(PhysicalMemory memory, CacheHierarchy caches, TlbArray nestedTlb, int nestedTlbLatency,
                        PagingStructureCache nestedPwc, int maxPhysBits, boolean executeOnlySupported) {
        this.memory = memory;
        this.caches = caches;
        this.nestedTlb = nestedTlb;
        this.nestedTlbLatency = nestedTlbLatency;
        this.nestedPwc = nestedPwc;
        this.maxPhysBits = maxPhysBits;
        this.addressMask = X86Pte.addressMask(maxPhysBits);
        this.executeOnlySupported = executeOnlySupported;
    }

    /** Nested rights (EPT R/W/X form) of the last successful translation. */
    public int lastRights() {
        return lastRights;
    }

    /** Size (log2) of the nested page of the last successful translation. */
    public int lastPageShift() {
        return lastPageShift;
    }

    /** True if the nested leaf of the last translation is dirty, or A/D are not tracked. */
    public boolean lastDirty() {
        return lastDirty;
    }

    /**
     * Translates {@code gpa}. {@code guestPaging} marks an access to a guest paging-structure
     * entry (as opposed to the final access). Returns the host-physical address, or -1 after
     * writing an EPT violation, EPT misconfiguration or NPF into {@code out}.
     */
    public long translate(long gpa, AccessKind kind, boolean guestPaging, long guestLinear, WalkContext ctx,
                          WalkRecord rec, TranslationResult out) {
        boolean ept = ctx.nestedMode() == NestedMode.EPT;
        // Guest paging-structure accesses count as writes for EPT when EPT A/D is on (SDM 28.2.3.2)
        // and for NPT always (APM 15.25.5: guest table accesses are treated as user writes).
        boolean writeLike = kind == AccessKind.WRITE || (guestPaging && (!ept || ctx.nestedAccessedDirty()));
        int required = requiredRights(kind, writeLike);
        long ep4ta = ctx.ep4ta();

        if (nestedTlb != null) {
            rec.nestedCycles += nestedTlbLatency;
            int i = nestedTlb.lookup(gpa, 12, NESTED_TAG, ep4ta);
            int attrs = i >= 0 ? nestedTlb.attrs(i) : 0;
            boolean dirtyOk = !writeLike || !ctx.nestedAccessedDirty() || (attrs & TlbArray.DIRTY) != 0;
            if (i >= 0 && ((attrs >>> TlbArray.NESTED_SHIFT) & required) == required && dirtyOk) {
                rec.nestedTlbHits++;
                lastRights = (attrs >>> TlbArray.NESTED_SHIFT) & 7;
                lastPageShift = 12;
                lastDirty = (attrs & TlbArray.DIRTY) != 0;
                return nestedTlb.frame(i) | (gpa & 0xFFF);
            }
            rec.nestedTlbMisses++;
        }

        int levels = ctx.nestedLevels();
        int level = levels;
        long table = ctx.nestedRoot();
        int rights = ept ? (int) EptEntry.RWX : AccessRights.INITIAL;
        int top = levels;
        if (nestedPwc != null && nestedPwc.present()) {
            rec.nestedCycles += nestedPwc.config().lookupLatency();
            rec.nestedPwcProbes++;
            int hit = nestedPwc.lookup(gpa, levels, NESTED_TAG, ep4ta);
            if (hit > 0) {
                rec.nestedPwcHits++;
                table = nestedPwc.hitNextTable();
                rights = nestedPwc.hitAttrs() & 7;
                level = hit - 1;
                top = level;
            }
        }

        long hpa;
        int pageShift;
        while (true) {
            long slot = table + 8L * LinearAddress.index(gpa, level);
            rec.nestedReferences++;
            rec.nestedCycles += caches.access(slot, Requester.PAGE_WALK_NESTED, false);
            long e = memory.read64(slot);
            entryAddress[level] = slot;
            entryValue[level] = e;
            if (ept) {
                if (!EptEntry.isPresent(e)) {
                    out.setEptViolation(gpa, guestLinear, eptQualification(kind, writeLike, 0, guestPaging));
                    return -1;
                }
                boolean leaf = EptEntry.isLeaf(e, level);
                if (EptEntry.isMisconfigured(e, level, leaf, maxPhysBits, executeOnlySupported)) {
                    out.setEptMisconfiguration(gpa);
                    return -1;
                }
                rights &= (int) (e & EptEntry.RWX);
                rightsThrough[level] = rights;
                if (leaf) {
                    pageShift = LinearAddress.levelShift(level);
                    hpa = (e & addressMask & ~((1L << pageShift) - 1)) | (gpa & ((1L << pageShift) - 1));
                    break;
                }
            } else {
                if ((e & X86Pte.P) == 0) {
                    out.setNestedPageFault(gpa, nptExitInfo(kind, writeLike, 0, guestPaging));
                    return -1;
                }
                boolean leaf = X86Pte.isLeaf(e, level);
                // Host EFER.NXE is assumed 1 for the nested tables (every 64-bit host OS sets it).
                if ((e & X86Pte.reservedMask(level, leaf, maxPhysBits, true)) != 0) {
                    out.setNestedPageFault(gpa, nptExitInfo(kind, writeLike,
                            PageFaultErrorCode.P | PageFaultErrorCode.RSVD, guestPaging));
                    return -1;
                }
                rights = AccessRights.combine(rights, e);
                rightsThrough[level] = rights;
                if (leaf) {
                    pageShift = LinearAddress.levelShift(level);
                    hpa = (e & addressMask & ~((1L << pageShift) - 1)) | (gpa & ((1L << pageShift) - 1));
                    break;
                }
            }
            table = e & addressMask;
            level--;
        }
        int leafLevel = level;
        int rwx = ept ? rights : nptToRwx(rights);
        if ((rwx & required) != required) {
            if (ept) {
                out.setEptViolation(gpa, guestLinear, eptQualification(kind, writeLike, rwx, guestPaging));
            } else {
                out.setNestedPageFault(gpa, nptExitInfo(kind, writeLike, PageFaultErrorCode.P, guestPaging));
            }
            return -1;
        }

        boolean dirty = true;
        if (ctx.nestedAccessedDirty()) {
            long accessed = ept ? EptEntry.ACCESSED : X86Pte.A;
            long dirtyBit = ept ? EptEntry.DIRTY : X86Pte.D;
            for (int l = top; l >= leafLevel; l--) {
                long e = entryValue[l];
                long updated = e | accessed;
                if (l == leafLevel && writeLike) {
                    updated |= dirtyBit;
                }
                if (updated != e) {
                    memory.write64(entryAddress[l], updated);
                    entryValue[l] = updated;
                    rec.nestedAdWrites++;
                    rec.nestedCycles += caches.access(entryAddress[l], Requester.PAGE_WALK_NESTED, true);
                }
            }
            dirty = (entryValue[leafLevel] & dirtyBit) != 0;
        }

        if (nestedPwc != null) {
            for (int l = top; l > leafLevel; l--) {
                nestedPwc.insert(l, gpa, NESTED_TAG, ep4ta, entryAddress[l - 1] & ~0xFFFL, rightsThrough[l] & 7);
            }
        }
        if (nestedTlb != null) {
            nestedTlb.insert(gpa, 12, NESTED_TAG, ep4ta, hpa & ~0xFFFL,
                    (rwx << TlbArray.NESTED_SHIFT) | (dirty ? TlbArray.DIRTY : 0));
        }
        lastRights = rwx;
        lastPageShift = pageShift;
        lastDirty = dirty;
        return hpa;
    }

    private static int requiredRights(AccessKind kind, boolean writeLike) {
        return switch (kind) {
            case EXECUTE -> (int) EptEntry.EXECUTE;
            case WRITE -> (int) EptEntry.WRITE;
            case READ -> writeLike ? (int) (EptEntry.READ | EptEntry.WRITE) : (int) EptEntry.READ;
        };
    }

    /** Converts combined x86 rights of a nested NPT walk (all user accesses) to R/W/X form. */
    static int nptToRwx(int x86Rights) {
        if ((x86Rights & AccessRights.USER) == 0) {
            return 0;
        }
        int rwx = (int) EptEntry.READ;
        if ((x86Rights & AccessRights.WRITABLE) != 0) {
            rwx |= (int) EptEntry.WRITE;
        }
        if ((x86Rights & AccessRights.NO_EXECUTE) == 0) {
            rwx |= (int) EptEntry.EXECUTE;
        }
        return rwx;
    }

    /**
     * SDM Vol. 3C Table 28-7: bits 2:0 the access (a guest paging-structure access treated as a
     * write sets both bits 0 and 1), bits 5:3 the AND of R/W/X over the entries used, bit 7
     * guest-linear address valid (always: PAE PDPTE loads are not modelled), bit 8 final access.
     */
    static long eptQualification(AccessKind kind, boolean writeLike, int rwx, boolean guestPaging) {
        long q = switch (kind) {
            case READ -> EptExitQualification.READ | (writeLike ? EptExitQualification.WRITE : 0);
            case WRITE -> EptExitQualification.WRITE;
            case EXECUTE -> EptExitQualification.FETCH;
        };
        q |= (long) rwx << EptExitQualification.PERMISSIONS_SHIFT;
        q |= EptExitQualification.GLA_VALID;
        if (!guestPaging) {
            q |= EptExitQualification.FINAL_TRANSLATION;
        }
        return q;
    }

    /** AMD APM 15.25.6: #PF-style error code (U/S always 1 for nested accesses) plus bit 32 or 33. */
    static long nptExitInfo(AccessKind kind, boolean writeLike, int faultBits, boolean guestPaging) {
        long info = faultBits | PageFaultErrorCode.US;
        if (writeLike) {
            info |= PageFaultErrorCode.WR;
        }
        if (kind == AccessKind.EXECUTE) {
            info |= PageFaultErrorCode.ID;
        }
        return info | (guestPaging ? NptExitInfo.GUEST_PAGE_TABLE : NptExitInfo.FINAL_TRANSLATION);
    }

    /** Exposed for the guest walker: the EPT qualification of a guest A/D write refused by EPT. */
    static long guestAdWriteQualification(int tableRights) {
        return eptQualification(AccessKind.WRITE, true, tableRights, true);
    }
}
