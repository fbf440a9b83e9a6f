package org.hvsim.mmu.ept;

import org.hvsim.mmu.paging.X86Pte;

/** Bit fields of EPT paging-structure entries (Intel SDM Vol. 3C 28.2.2, Tables 28-1 to 28-6). */
public final class EptEntry {

    public static final long READ = 1L;            // bit 0
    public static final long WRITE = 1L << 1;      // bit 1
    public static final long EXECUTE = 1L << 2;    // bit 2 (supervisor-execute with mode-based control)
    public static final long RWX = READ | WRITE | EXECUTE;
    public static final int MEMORY_TYPE_SHIFT = 3; // bits 5:3 on leaves
    public static final long MEMORY_TYPE_MASK = 7L << MEMORY_TYPE_SHIFT;
    public static final long IGNORE_PAT = 1L << 6; // bit 6 on leaves
    public static final long LARGE = 1L << 7;      // bit 7: maps a 1 GiB / 2 MiB page
    public static final long ACCESSED = 1L << 8;   // bit 8 (when EPTP bit 6 = 1)
    public static final long DIRTY = 1L << 9;      // bit 9, leaves only
    public static final long USER_EXECUTE = 1L << 10; // bit 10 with mode-based execute control (not modelled)

    /** EPT memory types (SDM Vol. 3C 28.2.7): 0 UC, 1 WC, 4 WT, 5 WP, 6 WB; 2, 3, 7 reserved. */
    public static final int UC = 0;
    public static final int WB = 6;

    private EptEntry() {
    }

    /** An entry is present if any of bits 2:0 is set (SDM 28.2.2). */
    public static boolean isPresent(long entry) {
        return (entry & RWX) != 0;
    }

    /** Leaf entry bits with a memory type. */
    public static long leaf(long permissions, int memoryType) {
        return permissions | ((long) memoryType << MEMORY_TYPE_SHIFT);
    }

    public static boolean isReservedMemoryType(int type) {
        return type == 2 || type == 3 || type == 7;
    }

    /**
     * True if a present entry is an EPT misconfiguration (SDM 28.2.3.1): write without read
     * (bits 2:0 = 010b or 110b); execute-only (100b) when the CPU does not support it; a reserved
     * bit set (51:MAXPHYADDR; bits 7:3 of a PML5E/PML4E; bits 6:3 of a non-leaf PDPTE/PDE; bits
     * 29:12 of a 1 GiB leaf, 20:12 of a 2 MiB leaf); or a reserved memory type on a leaf.
     */
    public static boolean isMisconfigured(long entry, int level, boolean leaf, int maxPhysBits,
                                          boolean executeOnlySupported) {
        long perms = entry & RWX;
        if ((perms & WRITE) != 0 && (perms & READ) == 0) {
            return true;
        }
        if (perms == EXECUTE && !executeOnlySupported) {
            return true;
        }
        long reserved = X86Pte.ADDRESS_MASK_52 & ~((1L << maxPhysBits) - 1);
        if (level >= 4) {
            reserved |= X86Pte.bits(7, 3);
        } else if (!leaf) {
            reserved |= X86Pte.bits(6, 3);
        } else if (level == 3) {
            reserved |= X86Pte.bits(29, 12);
        } else if (level == 2) {
            reserved |= X86Pte.bits(20, 12);
        }
        if ((entry & reserved) != 0) {
            return true;
        }
        return leaf && isReservedMemoryType((int) ((entry & MEMORY_TYPE_MASK) >>> MEMORY_TYPE_SHIFT));
    }

    /** EPT leaves: level 1 always, levels 2 and 3 when bit 7 is set. */
    public static boolean isLeaf(long entry, int level) {
        return level == 1 || ((level == 2 || level == 3) && (entry & LARGE) != 0);
    }
}
