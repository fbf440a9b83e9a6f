package org.hvsim.mmu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Sparse, little-endian physical memory, allocated one 4 KiB frame at a time on first touch.
 *
 * <p>Frames are found through a three-level radix table indexed by the page-frame number
 * (PFN), so a lookup is three array loads, never a hash or an allocation. Physical addresses are
 * limited to {@link #MAX_PHYSICAL_ADDRESS_BITS} bits, the architectural maximum (MAXPHYADDR) of
 * x86-64 (Intel SDM Vol. 3A 4.1.4).
 *
 * <p>Callers on hot paths (the CPU's software TLB) hold on to the {@code byte[]} frame returned
 * by {@link #frame(long)} and access it with the static {@code get/put} helpers, which compile to
 * single unaligned loads and stores. Accesses through this class itself may cross frame
 * boundaries; they are split byte-wise.
 */
public final class PhysicalMemory {

    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final long PAGE_OFFSET_MASK = PAGE_SIZE - 1;
    public static final int MAX_PHYSICAL_ADDRESS_BITS = 52;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // 40 PFN bits = 14 (top) + 13 (middle) + 13 (leaf).
    private static final int LEAF_BITS = 13;
    private static final int MID_BITS = 13;
    private static final int TOP_BITS = MAX_PHYSICAL_ADDRESS_BITS - PAGE_SHIFT - LEAF_BITS - MID_BITS;

    private final byte[][][][] top = new byte[1 << TOP_BITS][][][];
    private long allocatedFrames;

    /** Returns the frame holding {@code physicalAddress}, allocating a zeroed frame on first touch. */
    public byte[] frame(long physicalAddress) {
        checkAddress(physicalAddress);
        long pfn = physicalAddress >>> PAGE_SHIFT;
        int t = (int) (pfn >>> (LEAF_BITS + MID_BITS));
        int m = (int) (pfn >>> LEAF_BITS) & ((1 << MID_BITS) - 1);
        int l = (int) pfn & ((1 << LEAF_BITS) - 1);
        byte[][][] mid = top[t];
        if (mid == null) {
            mid = top[t] = new byte[1 << MID_BITS][][];
        }
        byte[][] leaf = mid[m];
        if (leaf == null) {
            leaf = mid[m] = new byte[1 << LEAF_BITS][];
        }
        byte[] frame = leaf[l];
        if (frame == null) {
            frame = leaf[l] = new byte[PAGE_SIZE];
            allocatedFrames++;
        }
        return frame;
    }

    /** Returns the frame holding {@code physicalAddress}, or null if it was never touched. */
    public byte[] frameIfPresent(long physicalAddress) {
        if (physicalAddress < 0 || physicalAddress >>> MAX_PHYSICAL_ADDRESS_BITS != 0) {
            return null;
        }
        long pfn = physicalAddress >>> PAGE_SHIFT;
        byte[][][] mid = top[(int) (pfn >>> (LEAF_BITS + MID_BITS))];
        if (mid == null) {
            return null;
        }
        byte[][] leaf = mid[(int) (pfn >>> LEAF_BITS) & ((1 << MID_BITS) - 1)];
        return leaf == null ? null : leaf[(int) pfn & ((1 << LEAF_BITS) - 1)];
    }

    /** Number of 4 KiB frames that have been touched (allocated). */
    public long allocatedFrames() {
        return allocatedFrames;
    }

    public int read8(long pa) {
        return frame(pa)[(int) (pa & PAGE_OFFSET_MASK)] & 0xFF;
    }

    public int read16(long pa) {
        int off = (int) (pa & PAGE_OFFSET_MASK);
        return off <= PAGE_SIZE - 2 ? getShort(frame(pa), off) & 0xFFFF : (int) readSplit(pa, 2);
    }

    public int read32(long pa) {
        int off = (int) (pa & PAGE_OFFSET_MASK);
        return off <= PAGE_SIZE - 4 ? getInt(frame(pa), off) : (int) readSplit(pa, 4);
    }

    public long read64(long pa) {
        int off = (int) (pa & PAGE_OFFSET_MASK);
        return off <= PAGE_SIZE - 8 ? getLong(frame(pa), off) : readSplit(pa, 8);
    }

    public void write8(long pa, int value) {
        frame(pa)[(int) (pa & PAGE_OFFSET_MASK)] = (byte) value;
    }

    public void write16(long pa, int value) {
        int off = (int) (pa & PAGE_OFFSET_MASK);
        if (off <= PAGE_SIZE - 2) {
            putShort(frame(pa), off, (short) value);
        } else {
            writeSplit(pa, value, 2);
        }
    }

    public void write32(long pa, int value) {
        int off = (int) (pa & PAGE_OFFSET_MASK);
        if (off <= PAGE_SIZE - 4) {
            putInt(frame(pa), off, value);
        } else {
            writeSplit(pa, value, 4);
        }
    }

    public void write64(long pa, long value) {
        int off = (int) (pa & PAGE_OFFSET_MASK);
        if (off <= PAGE_SIZE - 8) {
            putLong(frame(pa), off, value);
        } else {
            writeSplit(pa, value, 8);
        }
    }

    /** Copies {@code length} bytes starting at {@code pa} into {@code dst[dstOffset..]}. */
    public void readBytes(long pa, byte[] dst, int dstOffset, int length) {
        int done = 0;
        while (done < length) {
            long a = pa + done;
            int off = (int) (a & PAGE_OFFSET_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            System.arraycopy(frame(a), off, dst, dstOffset + done, n);
            done += n;
        }
    }

    /** Copies {@code length} bytes from {@code src[srcOffset..]} to physical memory at {@code pa}. */
    public void writeBytes(long pa, byte[] src, int srcOffset, int length) {
        int done = 0;
        while (done < length) {
            long a = pa + done;
            int off = (int) (a & PAGE_OFFSET_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            System.arraycopy(src, srcOffset + done, frame(a), off, n);
            done += n;
        }
    }

    private long readSplit(long pa, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | read8(pa + i);
        }
        return v;
    }

    private void writeSplit(long pa, long value, int size) {
        for (int i = 0; i < size; i++) {
            write8(pa + i, (int) (value >>> (8 * i)));
        }
    }

    private static void checkAddress(long pa) {
        if (pa < 0 || pa >>> MAX_PHYSICAL_ADDRESS_BITS != 0) {
            throw new IllegalArgumentException("physical address beyond MAXPHYADDR: 0x" + Long.toHexString(pa));
        }
    }

    // Little-endian views of a frame (or any byte array) for hot paths that cache frames.

    public static short getShort(byte[] frame, int offset) {
        return (short) SHORT.get(frame, offset);
    }

    public static int getInt(byte[] frame, int offset) {
        return (int) INT.get(frame, offset);
    }

    public static long getLong(byte[] frame, int offset) {
        return (long) LONG.get(frame, offset);
    }

    public static void putShort(byte[] frame, int offset, short value) {
        SHORT.set(frame, offset, value);
    }

    public static void putInt(byte[] frame, int offset, int value) {
        INT.set(frame, offset, value);
    }

    public static void putLong(byte[] frame, int offset, long value) {
        LONG.set(frame, offset, value);
    }
}
