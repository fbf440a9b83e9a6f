package org.hvsim.mmu.paging;

/**
 * Bit fields of 4-level and 5-level paging-structure entries (Intel SDM Vol. 3A 4.5, Tables 4-15
 * to 4-20; AMD APM Vol. 2 5.3.3 uses the same layout, which is why AMD nested tables reuse it).
 */
public final class X86Pte {

    public static final long P = 1L;          // bit 0 present
    public static final long RW = 1L << 1;    // bit 1 read/write
    public static final long US = 1L << 2;    // bit 2 user/supervisor
    public static final long PWT = 1L << 3;
    public static final long PCD = 1L << 4;
    public static final long A = 1L << 5;     // bit 5 accessed
    public static final long D = 1L << 6;     // bit 6 dirty (leaf only)
    public static final long PS = 1L << 7;    // bit 7 page size (PDPTE, PDE); PAT in a PTE
    public static final long G = 1L << 8;     // bit 8 global (leaf only)
    public static final long XD = 1L << 63;   // bit 63 execute-disable (needs IA32_EFER.NXE)

    /** Bits 51:12 of an entry: the address field before the MAXPHYADDR restriction. */
    public static final long ADDRESS_MASK_52 = 0x000F_FFFF_FFFF_F000L;

    private X86Pte() {
    }

    /** Address bits 51:12 limited to {@code maxPhysBits}: the physical address held by the entry. */
    public static long addressMask(int maxPhysBits) {
        return ((1L << maxPhysBits) - 1) & ~0xFFFL;
    }

    /**
     * Reserved bits of a present entry at {@code level} (1 = PTE ... 5 = PML5E), for a leaf
     * ({@code large} = PS set at level 2 or 3) or a non-leaf entry (SDM Vol. 3A 4.5, Table 4-20
     * "reserved bit" rows and 4.13 RSVD):
     * <ul>
     * <li>bits 51:MAXPHYADDR in every entry;</li>
     * <li>bit 63 (XD) when IA32_EFER.NXE = 0;</li>
     * <li>PS (bit 7) in a PML5E or PML4E;</li>
     * <li>bits 29:13 of a PDPTE that maps a 1-GByte page; bits 20:13 of a PDE that maps a 2-MByte
     *     page (bit 12 is the PAT bit of those entries).</li>
     * </ul>
     */
    public static long reservedMask(int level, boolean large, int maxPhysBits, boolean nxe) {
        long mask = ADDRESS_MASK_52 & ~((1L << maxPhysBits) - 1);
        if (!nxe) {
            mask |= XD;
        }
        if (level >= 4) {
            mask |= PS;
        } else if (large && level == 3) {
            mask |= bits(29, 13);
        } else if (large && level == 2) {
            mask |= bits(20, 13);
        }
        return mask;
    }

    /** Mask with bits {@code hi..lo} set (inclusive). */
    public static long bits(int hi, int lo) {
        return ((hi == 63 ? -1L : (1L << (hi + 1)) - 1)) & ~((1L << lo) - 1);
    }

    /** True if the entry maps a page at {@code level} (always at level 1; PS at levels 2 and 3). */
    public static boolean isLeaf(long entry, int level) {
        return level == 1 || ((level == 2 || level == 3) && (entry & PS) != 0);
    }
}
