package org.hvsim.mmu.tlb;

/**
 * Packs the context tags of a cached translation into one long so a lookup compares two words:
 * bits 11:0 PCID (Intel SDM Vol. 3A 4.10.1), bit 12 "combined" (a guest mapping translated
 * through EPT or NPT, SDM Vol. 3C 28.4.1), bits 28:13 VPID (or AMD ASID). The EP4TA (or nCR3) of a
 * combined mapping is compared as a separate word.
 */
public final class TranslationTag {

    public static final long COMBINED = 1L << 12;
    private static final int VPID_SHIFT = 13;

    private TranslationTag() {
    }

    public static long of(int pcid, int vpid, boolean combined) {
        return ((long) vpid << VPID_SHIFT) | (combined ? COMBINED : 0) | (pcid & 0xFFF);
    }

    public static int pcid(long tag) {
        return (int) (tag & 0xFFF);
    }

    public static int vpid(long tag) {
        return (int) (tag >>> VPID_SHIFT);
    }

    public static boolean combined(long tag) {
        return (tag & COMBINED) != 0;
    }

    /** The tag without its PCID: what a global entry must match. */
    public static long withoutPcid(long tag) {
        return tag & ~0xFFFL;
    }
}
