package org.hvsim.mmu.tlb;

/**
 * A host-side memo of recent L1 TLB hits, so that a repeated hit costs a few compares instead of a
 * probe of every L1 array of the access kind plus a rights re-check. It is not part of the modelled
 * machine: it remembers only what the modelled lookup would certainly return again, and it must
 * never change a result, a statistic or the replacement state.
 *
 * <p>A slot is direct-mapped by access kind and 4 KiB virtual page number. It is two adjacent
 * longs, so a probe touches one host cache line: the page number (-1 when empty) and a value word
 * holding the physical address of that 4 KiB page (bits 51:12), one bit per (privilege, RFLAGS.AC)
 * combination for which the owner's full check (rights, nested rights, dirty bit for writes) passed
 * (bits 10:5) and the page size of the TLB entry (bits 4:0). {@link #clear()} empties only the
 * slots filled since the previous clear, so clearing after every TLB fill stays cheap.
 *
 * <p>Why a remembered hit is exact: a slot is filled right after a modelled L1 lookup hit entry E.
 * That lookup touched E, so E was the most-recently-used way of its set. The memo is cleared
 * whenever anything could make a later lookup differ or require a replacement update:
 * <ul>
 * <li>any insert into, or removal from, an L1 array ({@link TlbArray} reports it);</li>
 * <li>any L1 hit on a way that was not already the MRU way of its set (the set's MRU changes, so a
 *     remembered entry of that set may no longer be MRU);</li>
 * <li>any context change: CR0/CR4/EFER, CR3/PCID, VPID/ASID, EPTP/nCR3, nested mode (the owner,
 *     {@code Mmu}, calls {@link #clear()}).</li>
 * </ul>
 * Between clears the arrays' contents and the lookup key are unchanged, so the modelled lookup
 * would return E again, and touching an MRU way leaves every policy's state unchanged (LRU: E
 * already has the newest stamp of its set, and stamps are only compared within a set; tree-PLRU:
 * the same bits are written again; random: no state). Skipping the touch is therefore exact.
 */
public final class TlbHitMemo {

    /** Slots per access kind; a power of two (64 x 4 KiB covers the Skylake L1 DTLB reach). */
    static final int SLOTS_PER_KIND = 64;
    private static final int KINDS = 3;
    private static final int SLOTS = KINDS * SLOTS_PER_KIND;
    private static final int PAGE_SHIFT = 12;
    private static final long OFFSET_MASK = (1L << PAGE_SHIFT) - 1;
    private static final int PERMIT_SHIFT = 5;
    private static final int SHIFT_MASK = (1 << PERMIT_SHIFT) - 1;
    private static final long EMPTY = -1L;

    /** Slot s: [2s] = 4 KiB page number or EMPTY, [2s + 1] = value word (see class comment). */
    private final long[] slots = new long[2 * SLOTS];
    /** Slots filled since the last clear (each once), so {@link #clear()} costs what was filled. */
    private final int[] filled = new int[SLOTS];
    private int filledCount;

    public TlbHitMemo() {
        java.util.Arrays.fill(slots, EMPTY);
    }

    /** The bit of one (privilege, RFLAGS.AC) combination, as the owner numbers them (ordinal 0..2). */
    public static int permitBit(int privilegeOrdinal, boolean rflagsAc) {
        return 1 << (privilegeOrdinal * 2 + (rflagsAc ? 1 : 0));
    }

    private static int slot(long la, int kindOrdinal) {
        return kindOrdinal * SLOTS_PER_KIND + ((int) (la >>> PAGE_SHIFT) & (SLOTS_PER_KIND - 1));
    }

    /**
     * Returns the value word of a remembered permitted hit for {@code la}, access kind and permit
     * bit, or 0 (a value word always has a permit bit set). A non-canonical address never matches:
     * the page number keeps every upper address bit.
     */
    public long find(long la, int kindOrdinal, int permitBit) {
        int i = 2 * slot(la, kindOrdinal);
        if (slots[i] == la >>> PAGE_SHIFT) {
            long value = slots[i + 1];
            if ((value & ((long) permitBit << PERMIT_SHIFT)) != 0) {
                return value;
            }
        }
        return 0;
    }

    /** Physical address of {@code la} through a value word returned by {@link #find}. */
    public static long physicalAddress(long value, long la) {
        return (value & ~OFFSET_MASK) | (la & OFFSET_MASK);
    }

    /** Page size (log2) of the TLB entry behind a value word. */
    public static int pageShift(long value) {
        return (int) value & SHIFT_MASK;
    }

    /**
     * Remembers that the modelled L1 lookup for {@code la} just hit an entry of page size
     * {@code pageShift} mapping it to {@code physicalAddress}, and that the access with
     * {@code permitBit} passed every check. Call only right after that lookup, with no clear between.
     */
    public void remember(long la, int kindOrdinal, int permitBit, long physicalAddress, int pageShift) {
        int s = slot(la, kindOrdinal);
        int i = 2 * s;
        long page = la >>> PAGE_SHIFT;
        long permit = (long) permitBit << PERMIT_SHIFT;
        if (slots[i] == page) {
            slots[i + 1] |= permit; // same entry, another privilege/AC combination
            return;
        }
        if (slots[i] == EMPTY) {
            filled[filledCount++] = s;
        }
        slots[i] = page;
        slots[i + 1] = (physicalAddress & ~OFFSET_MASK) | permit | pageShift;
    }

    /** Forgets every slot. */
    public void clear() {
        for (int k = 0; k < filledCount; k++) {
            slots[2 * filled[k]] = EMPTY;
        }
        filledCount = 0;
    }
}
