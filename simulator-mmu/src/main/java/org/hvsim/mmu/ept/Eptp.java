package org.hvsim.mmu.ept;

/**
 * The extended-page-table pointer (Intel SDM Vol. 3C 25.6.11, Table 25-9): bits 2:0 memory type of
 * the EPT structures, bits 5:3 walk length minus one, bit 6 enables accessed/dirty flags, bits
 * N-1:12 the address of the EPT PML4 (or PML5) table.
 */
public final class Eptp {

    private Eptp() {
    }

    /** Builds an EPTP value. */
    public static long of(long rootAddress, int levels, int memoryType, boolean accessedDirty) {
        return (rootAddress & ~0xFFFL) | memoryType | ((long) (levels - 1) << 3) | (accessedDirty ? 1L << 6 : 0);
    }

    public static int memoryType(long eptp) {
        return (int) (eptp & 7);
    }

    /** Number of EPT levels: walk length field + 1. */
    public static int levels(long eptp) {
        return (int) ((eptp >>> 3) & 7) + 1;
    }

    public static boolean accessedDirtyEnabled(long eptp) {
        return (eptp & (1L << 6)) != 0;
    }

    /** Address of the top EPT table, bits 51:12 limited to MAXPHYADDR. */
    public static long root(long eptp, int maxPhysBits) {
        return eptp & ((1L << maxPhysBits) - 1) & ~0xFFFL;
    }

    /**
     * VM-entry validity (SDM Vol. 3C 27.2.1.1): memory type UC or WB; walk length 4 (or 5 where
     * supported); bits 11:7 and bits 63:N reserved.
     */
    public static boolean isValid(long eptp, int maxPhysBits, boolean fiveLevelSupported) {
        int type = memoryType(eptp);
        int levels = levels(eptp);
        boolean reservedClear = (eptp & 0xF80L) == 0 && (eptp >>> maxPhysBits) == 0;
        return (type == EptEntry.UC || type == EptEntry.WB)
                && (levels == 4 || (levels == 5 && fiveLevelSupported))
                && reservedClear;
    }
}
