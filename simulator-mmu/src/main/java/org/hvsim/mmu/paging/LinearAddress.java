package org.hvsim.mmu.paging;

/**
 * Address-field helpers for radix page tables: each level consumes 9 bits above the 12-bit page
 * offset (Intel SDM Vol. 3A 4.5, Figure 4-8/4-9; the same split is used by EPT and AMD NPT).
 */
public final class LinearAddress {

    public static final int PAGE_SHIFT = 12;
    public static final int BITS_PER_LEVEL = 9;

    private LinearAddress() {
    }

    /** Lowest address bit translated by the entry at {@code level}: 12, 21, 30, 39, 48. */
    public static int levelShift(int level) {
        return PAGE_SHIFT + BITS_PER_LEVEL * (level - 1);
    }

    /** Index (0..511) of {@code address} into the table at {@code level}. */
    public static int index(long address, int level) {
        return (int) (address >>> levelShift(level)) & 0x1FF;
    }

    /**
     * True if {@code linearAddress} is canonical for the paging depth: bits 63:47 (4-level) or
     * 63:56 (5-level) all equal (SDM Vol. 3A 3.3.7.1 and 4.5).
     */
    public static boolean isCanonical(long linearAddress, int levels) {
        int width = levels == 5 ? 57 : 48;
        return (linearAddress << (64 - width)) >> (64 - width) == linearAddress;
    }
}
