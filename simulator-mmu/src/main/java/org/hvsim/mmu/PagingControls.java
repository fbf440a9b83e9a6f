package org.hvsim.mmu;

/**
 * The control-register bits that govern paging, decoded once when CR0/CR4/EFER are written so
 * the hot path tests booleans (docs/architecture.md, "decode controls once").
 *
 * @param paging CR0.PG (bit 31)
 * @param wp     CR0.WP (bit 16): supervisor writes honour R/W
 * @param pge    CR4.PGE (bit 7): global pages
 * @param la57   CR4.LA57 (bit 12): 5-level paging
 * @param pcide  CR4.PCIDE (bit 17): CR3[11:0] is a PCID
 * @param smep   CR4.SMEP (bit 20)
 * @param smap   CR4.SMAP (bit 21)
 * @param nxe    IA32_EFER.NXE (bit 11): XD bit honoured, otherwise reserved
 */
public record PagingControls(boolean paging, boolean wp, boolean pge, boolean la57, boolean pcide,
                             boolean smep, boolean smap, boolean nxe) {

    public static final long CR0_WP = 1L << 16;
    public static final long CR0_PG = 1L << 31;
    public static final long CR4_PGE = 1L << 7;
    public static final long CR4_LA57 = 1L << 12;
    public static final long CR4_PCIDE = 1L << 17;
    public static final long CR4_SMEP = 1L << 20;
    public static final long CR4_SMAP = 1L << 21;
    public static final long EFER_NXE = 1L << 11;

    /** Decodes raw register values (IA-32e mode is assumed: CR4.PAE and EFER.LME/LMA are not checked). */
    public static PagingControls fromRegisters(long cr0, long cr4, long efer) {
        return new PagingControls((cr0 & CR0_PG) != 0, (cr0 & CR0_WP) != 0, (cr4 & CR4_PGE) != 0,
                (cr4 & CR4_LA57) != 0, (cr4 & CR4_PCIDE) != 0, (cr4 & CR4_SMEP) != 0,
                (cr4 & CR4_SMAP) != 0, (efer & EFER_NXE) != 0);
    }

    /** A typical 64-bit OS: paging, WP, PGE, NXE; no PCID, SMEP, SMAP; 4-level. */
    public static PagingControls typical64() {
        return new PagingControls(true, true, true, false, false, false, false, true);
    }

    /** Number of paging levels (4 or 5). */
    public int levels() {
        return la57 ? 5 : 4;
    }
}
