package org.hvsim.mmu.walk;

import org.hvsim.mmu.PagingControls;
import org.hvsim.mmu.tlb.TranslationTag;

/**
 * The translation context a walk runs in, kept by the MMU and updated only on context switches:
 * paging controls, the guest (or native) root from CR3, the TLB tag (PCID, VPID/ASID, combined),
 * and the nested dimension (mode, root from the EPTP or nCR3, levels, EPT A/D enable).
 */
public final class WalkContext {

    private PagingControls controls = PagingControls.typical64();
    private long guestRoot;
    private long tag;
    private long ep4ta;
    private NestedMode nestedMode = NestedMode.NONE;
    private long nestedRoot;
    private int nestedLevels = 4;
    private boolean nestedAccessedDirty;

    public PagingControls controls() {
        return controls;
    }

    public long guestRoot() {
        return guestRoot;
    }

    public long tag() {
        return tag;
    }

    /** EP4TA of the current EPTP (or the nCR3 for NPT); 0 when not nested. */
    public long ep4ta() {
        return ep4ta;
    }

    public NestedMode nestedMode() {
        return nestedMode;
    }

    public boolean nested() {
        return nestedMode != NestedMode.NONE;
    }

    public long nestedRoot() {
        return nestedRoot;
    }

    public int nestedLevels() {
        return nestedLevels;
    }

    /** EPTP bit 6 for EPT; always true for NPT, whose tables carry x86 A/D bits. */
    public boolean nestedAccessedDirty() {
        return nestedAccessedDirty;
    }

    public int pcid() {
        return TranslationTag.pcid(tag);
    }

    public int vpid() {
        return TranslationTag.vpid(tag);
    }

    public void setControls(PagingControls controls) {
        this.controls = controls;
    }

    public void setGuestRoot(long guestRoot) {
        this.guestRoot = guestRoot;
    }

    public void setTag(int pcid, int vpid) {
        this.tag = TranslationTag.of(pcid, vpid, nested());
    }

    public void setNested(NestedMode mode, long root, int levels, boolean accessedDirty) {
        this.nestedMode = mode;
        this.nestedRoot = root;
        this.nestedLevels = levels;
        this.nestedAccessedDirty = accessedDirty;
        this.ep4ta = mode == NestedMode.NONE ? 0 : root;
        this.tag = TranslationTag.of(pcid(), vpid(), mode != NestedMode.NONE);
    }
}
