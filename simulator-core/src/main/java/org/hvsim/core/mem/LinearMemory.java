package org.hvsim.core.mem;

import org.hvsim.core.GuestFault;
import org.hvsim.mmu.PhysicalMemory;

/**
 * The CPU's view of linear memory: every data access and instruction fetch of the interpreter
 * goes through here.
 *
 * <p>For speed it keeps a direct-mapped software TLB per access kind that maps a linear page
 * straight to the host array holding its physical frame, so a hit costs a tag compare and one
 * array access. This is a host-side device (QEMU's softmmu TLB plays the same role); the
 * architectural TLBs whose behaviour and timing the simulator studies live in simulator-mmu and
 * are consulted through the {@link AddressTranslator} on a miss here.
 *
 * <p>Self-modifying code: frames from which instructions were decoded are remembered; such a
 * frame never enters the write TLB, so a store to it takes the slow path, which tells the
 * {@link CodeWriteListener} to drop the decoded instructions before the store lands.
 */
public final class LinearMemory {
    private static final int TLB_BITS = 10;
    private static final int TLB_SIZE = 1 << TLB_BITS;
    private static final int TLB_MASK = TLB_SIZE - 1;
    private static final long INVALID = -1L;
    private static final int OFFSET_MASK = PhysicalMemory.PAGE_SIZE - 1;

    private final PhysicalMemory physical;
    private AddressTranslator translator;
    private CodeWriteListener codeWriteListener = frame -> { };

    /**
     * One set of software-TLB arrays per privilege class (user, supervisor): a translation that
     * is allowed for the kernel must not be reused by user code, so a change of CPL between 3
     * and 0-2 swaps sets instead of flushing.
     */
    private static final class TlbSet {
        final long[] readTag = new long[TLB_SIZE];
        final byte[][] readFrame = new byte[TLB_SIZE][];
        final long[] writeTag = new long[TLB_SIZE];
        final byte[][] writeFrame = new byte[TLB_SIZE][];
        final long[] fetchTag = new long[TLB_SIZE];
        final byte[][] fetchFrame = new byte[TLB_SIZE][];
        final long[] fetchPhysicalPage = new long[TLB_SIZE];

        void flushPage(long vpn) {
            int i = (int) vpn & TLB_MASK;
            if (readTag[i] == vpn) {
                readTag[i] = INVALID;
                readFrame[i] = null;
            }
            if (writeTag[i] == vpn) {
                writeTag[i] = INVALID;
                writeFrame[i] = null;
            }
            if (fetchTag[i] == vpn) {
                fetchTag[i] = INVALID;
                fetchFrame[i] = null;
            }
        }

        void evictWritable(byte[] frame) {
            for (int k = 0; k < TLB_SIZE; k++) {
                if (writeFrame[k] == frame) {
                    writeTag[k] = INVALID;
                    writeFrame[k] = null;
                }
            }
        }

        void flush() {
            java.util.Arrays.fill(readTag, INVALID);
            java.util.Arrays.fill(writeTag, INVALID);
            java.util.Arrays.fill(fetchTag, INVALID);
            java.util.Arrays.fill(readFrame, null);
            java.util.Arrays.fill(writeFrame, null);
            java.util.Arrays.fill(fetchFrame, null);
        }
    }

    private final TlbSet userSet = new TlbSet();
    private final TlbSet supervisorSet = new TlbSet();
    private boolean userMode = true;

    // The active set's arrays, copied into fields so the hot path is one load from this.
    private long[] readTag;
    private byte[][] readFrame;
    private long[] writeTag;
    private byte[][] writeFrame;
    private long[] fetchTag;
    private byte[][] fetchFrame;
    private long[] fetchPhysicalPage;
    private final SparseBitmap codeFrames = new SparseBitmap();
    private MmioSpace mmio;
    /** Records data accesses for a timing model; null when no timing model runs. */
    private AccessLog log;

    /** Starts ({@code log} non-null) or stops recording data accesses. */
    public void setAccessLog(AccessLog log) {
        this.log = log;
    }

    public AccessLog accessLog() {
        return log;
    }

    public LinearMemory(PhysicalMemory physical, AddressTranslator translator) {
        this.physical = physical;
        this.translator = translator;
        activate(userSet);
        flushTlb();
    }

    private void activate(TlbSet set) {
        readTag = set.readTag;
        readFrame = set.readFrame;
        writeTag = set.writeTag;
        writeFrame = set.writeFrame;
        fetchTag = set.fetchTag;
        fetchFrame = set.fetchFrame;
        fetchPhysicalPage = set.fetchPhysicalPage;
    }

    /** Selects the software TLB of user (CPL 3) or supervisor (CPL 0-2) accesses. */
    public void setUserMode(boolean user) {
        if (user != userMode) {
            userMode = user;
            activate(user ? userSet : supervisorSet);
        }
    }

    public boolean userMode() {
        return userMode;
    }

    /** Routes physical addresses claimed by {@code space} to devices instead of RAM. */
    public void setMmio(MmioSpace space) {
        this.mmio = space;
        flushTlb();
    }

    public PhysicalMemory physical() {
        return physical;
    }

    public void setTranslator(AddressTranslator translator) {
        this.translator = translator;
        flushTlb();
    }

    public void setCodeWriteListener(CodeWriteListener listener) {
        this.codeWriteListener = listener;
    }

    /** Forgets every cached translation, e.g. after a change of mappings or permissions. */
    public void flushTlb() {
        userSet.flush();
        supervisorSet.flush();
    }

    /** Forgets the cached translations of the page holding {@code la} (INVLPG). */
    public void flushPage(long la) {
        userSet.flushPage(la >>> 12);
        supervisorSet.flushPage(la >>> 12);
    }

    // ---- uncached accesses (implicit supervisor accesses, devices) ---------------------------

    /**
     * Reads through the translator without using or filling the software TLB: for accesses whose
     * privilege differs from the current mode (descriptor tables, the TSS) and that are rare.
     */
    public long readUncached(long la, int size) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | (physicalRead(translator.translate(la + k, AccessKind.READ), 1) & 0xFF);
        }
        return v;
    }

    /** Writes through the translator without using or filling the software TLB. */
    public void writeUncached(long la, long value, int size) {
        for (int k = 0; k < size; k++) {
            translator.translate(la + k, AccessKind.WRITE); // all bytes checked before any write
        }
        for (int k = 0; k < size; k++) {
            long pa = translator.translate(la + k, AccessKind.WRITE);
            if (codeFrames.get(pa >>> 12)) {
                codeWriteListener.codeWritten(pa >>> 12);
            }
            physicalWrite(pa, value >>> (8 * k), 1);
        }
    }

    private long physicalRead(long pa, int size) {
        if (mmio != null && mmio.isMmio(pa)) {
            return mmio.read(pa, size);
        }
        switch (size) {
            case 1: return physical.read8(pa);
            case 2: return physical.read16(pa);
            case 4: return physical.read32(pa) & 0xFFFF_FFFFL;
            default: return physical.read64(pa);
        }
    }

    private void physicalWrite(long pa, long value, int size) {
        if (mmio != null && mmio.isMmio(pa)) {
            mmio.write(pa, size, value);
            return;
        }
        switch (size) {
            case 1: physical.write8(pa, (int) value); break;
            case 2: physical.write16(pa, (int) value); break;
            case 4: physical.write32(pa, (int) value); break;
            default: physical.write64(pa, value); break;
        }
    }

    // ---- data reads -------------------------------------------------------------------------

    public int read8(long la) {
        if (log != null) {
            log.record(la, 1, false);
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        if (readTag[i] == la >>> 12) {
            return readFrame[i][(int) la & OFFSET_MASK] & 0xFF;
        }
        return (int) readSlow(la, 1);
    }

    public int read16(long la) {
        if (log != null) {
            log.record(la, 2, false);
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        int off = (int) la & OFFSET_MASK;
        if (readTag[i] == la >>> 12 && off <= OFFSET_MASK - 1) {
            return PhysicalMemory.getShort(readFrame[i], off) & 0xFFFF;
        }
        return (int) readSlow(la, 2);
    }

    public int read32(long la) {
        if (log != null) {
            log.record(la, 4, false);
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        int off = (int) la & OFFSET_MASK;
        if (readTag[i] == la >>> 12 && off <= OFFSET_MASK - 3) {
            return PhysicalMemory.getInt(readFrame[i], off);
        }
        return (int) readSlow(la, 4);
    }

    public long read64(long la) {
        if (log != null) {
            log.record(la, 8, false);
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        int off = (int) la & OFFSET_MASK;
        if (readTag[i] == la >>> 12 && off <= OFFSET_MASK - 7) {
            return PhysicalMemory.getLong(readFrame[i], off);
        }
        return readSlow(la, 8);
    }

    /** Reads {@code size} (1, 2, 4 or 8) bytes, zero-extended. */
    public long read(long la, int size) {
        switch (size) {
            case 1: return read8(la);
            case 2: return read16(la);
            case 4: return read32(la) & 0xFFFF_FFFFL;
            default: return read64(la);
        }
    }

    // ---- data writes ------------------------------------------------------------------------

    public void write8(long la, int value) {
        if (log != null) {
            log.record(la, 1, true);
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        if (writeTag[i] == la >>> 12) {
            writeFrame[i][(int) la & OFFSET_MASK] = (byte) value;
        } else {
            writeSlow(la, value, 1);
        }
    }

    public void write16(long la, int value) {
        if (log != null) {
            log.record(la, 2, true);
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        int off = (int) la & OFFSET_MASK;
        if (writeTag[i] == la >>> 12 && off <= OFFSET_MASK - 1) {
            PhysicalMemory.putShort(writeFrame[i], off, (short) value);
        } else {
            writeSlow(la, value, 2);
        }
    }

    public void write32(long la, int value) {
        if (log != null) {
            log.record(la, 4, true);
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        int off = (int) la & OFFSET_MASK;
        if (writeTag[i] == la >>> 12 && off <= OFFSET_MASK - 3) {
            PhysicalMemory.putInt(writeFrame[i], off, value);
        } else {
            writeSlow(la, value, 4);
        }
    }

    public void write64(long la, long value) {
        if (log != null) {
            log.record(la, 8, true);
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        int off = (int) la & OFFSET_MASK;
        if (writeTag[i] == la >>> 12 && off <= OFFSET_MASK - 7) {
            PhysicalMemory.putLong(writeFrame[i], off, value);
        } else {
            writeSlow(la, value, 8);
        }
    }

    /** Writes the low {@code size} (1, 2, 4 or 8) bytes of {@code value}. */
    public void write(long la, long value, int size) {
        switch (size) {
            case 1: write8(la, (int) value); break;
            case 2: write16(la, (int) value); break;
            case 4: write32(la, (int) value); break;
            default: write64(la, value); break;
        }
    }

    /**
     * Checks that {@code size} bytes at {@code la} are writable without writing them, so a
     * read-modify-write instruction faults before it changes any state.
     */
    public void probeWrite(long la, int size) {
        writeFrameSlowIfMiss(la);
        long last = la + size - 1;
        if ((last ^ la) >>> 12 != 0) {
            writeFrameSlowIfMiss(last);
        }
    }

    // ---- instruction fetch ------------------------------------------------------------------

    /** Fetches one instruction byte and marks its frame as holding code. */
    public int fetch8(long la) {
        int i = (int) (la >>> 12) & TLB_MASK;
        if (fetchTag[i] != la >>> 12) {
            fillFetch(la, i);
        }
        return fetchFrame[i][(int) la & OFFSET_MASK] & 0xFF;
    }

    /** The physical page number that the last fetch from {@code la}'s page used. */
    public long fetchPhysicalPage(long la) {
        int i = (int) (la >>> 12) & TLB_MASK;
        if (fetchTag[i] != la >>> 12) {
            fillFetch(la, i);
        }
        return fetchPhysicalPage[i];
    }

    /** Called once the decoded instructions of a frame are gone: stores may take the fast path. */
    public void forgetCodeFrame(long physicalPage) {
        codeFrames.set(physicalPage, false);
    }

    // ---- bulk helpers (loaders, system calls) -------------------------------------------------

    public void readBytes(long la, byte[] dst, int offset, int length) {
        for (int k = 0; k < length; k++) {
            dst[offset + k] = (byte) read8(la + k);
        }
    }

    public void writeBytes(long la, byte[] src, int offset, int length) {
        for (int k = 0; k < length; k++) {
            write8(la + k, src[offset + k]);
        }
    }

    // ---- slow paths -------------------------------------------------------------------------

    /**
     * One byte of a page-crossing access: the access was already recorded in the log as a
     * whole by the public method, so its bytes are not recorded again.
     */
    private int byteRead(long la) {
        AccessLog saved = log;
        log = null;
        try {
            return read8(la);
        } finally {
            log = saved;
        }
    }

    private void byteWrite(long la, int value) {
        AccessLog saved = log;
        log = null;
        try {
            write8(la, value);
        } finally {
            log = saved;
        }
    }

    private long readSlow(long la, int size) {
        int off = (int) la & OFFSET_MASK;
        if (off + size <= PhysicalMemory.PAGE_SIZE) {
            byte[] f = readFrameSlow(la);
            if (f == null) {
                return mmio.read(lastMmioAddress, size);
            }
            switch (size) {
                case 1: return f[off] & 0xFF;
                case 2: return PhysicalMemory.getShort(f, off) & 0xFFFF;
                case 4: return PhysicalMemory.getInt(f, off) & 0xFFFF_FFFFL;
                default: return PhysicalMemory.getLong(f, off);
            }
        }
        // Page-crossing access: both pages must be readable before any byte counts.
        readFrameSlow(la + size - 1);
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | byteRead(la + k);
        }
        return v;
    }

    private void writeSlow(long la, long value, int size) {
        int off = (int) la & OFFSET_MASK;
        if (off + size <= PhysicalMemory.PAGE_SIZE) {
            byte[] f = writeFrameSlow(la);
            if (f == null) {
                mmio.write(lastMmioAddress, size, value);
                return;
            }
            switch (size) {
                case 1: f[off] = (byte) value; break;
                case 2: PhysicalMemory.putShort(f, off, (short) value); break;
                case 4: PhysicalMemory.putInt(f, off, (int) value); break;
                default: PhysicalMemory.putLong(f, off, value); break;
            }
            return;
        }
        // Page-crossing store: check both pages before writing anything.
        probeWrite(la, size);
        for (int k = 0; k < size; k++) {
            byteWrite(la + k, (int) (value >>> (8 * k)));
        }
    }

    /** Physical address of the last slow-path access that hit MMIO (frame lookup returned null). */
    private long lastMmioAddress;

    /** Translates and fills the read TLB; returns null (and sets lastMmioAddress) for MMIO. */
    private byte[] readFrameSlow(long la) {
        long pa = translator.translate(la, AccessKind.READ);
        if (mmio != null && mmio.isMmio(pa)) {
            lastMmioAddress = pa;
            return null;
        }
        byte[] frame = physical.frame(pa);
        int i = (int) (la >>> 12) & TLB_MASK;
        readTag[i] = la >>> 12;
        readFrame[i] = frame;
        return frame;
    }

    private void writeFrameSlowIfMiss(long la) {
        int i = (int) (la >>> 12) & TLB_MASK;
        if (writeTag[i] != la >>> 12) {
            writeFrameSlow(la);
        }
    }

    /** Translates and fills the write TLB; returns null (and sets lastMmioAddress) for MMIO. */
    private byte[] writeFrameSlow(long la) {
        long pa = translator.translate(la, AccessKind.WRITE);
        if (mmio != null && mmio.isMmio(pa)) {
            lastMmioAddress = pa;
            return null;
        }
        long ppn = pa >>> 12;
        byte[] frame = physical.frame(pa);
        if (codeFrames.get(ppn)) {
            // A store into decoded code: drop the decoded instructions first. The frame stays out
            // of the write TLB until the listener reports it free of code.
            codeWriteListener.codeWritten(ppn);
            if (codeFrames.get(ppn)) {
                return frame;
            }
        }
        int i = (int) (la >>> 12) & TLB_MASK;
        writeTag[i] = la >>> 12;
        writeFrame[i] = frame;
        return frame;
    }

    private void fillFetch(long la, int i) {
        long pa = translator.translate(la, AccessKind.EXECUTE);
        long ppn = pa >>> 12;
        byte[] frame = physical.frame(pa);
        if (!codeFrames.get(ppn)) {
            codeFrames.set(ppn, true);
            evictFromWriteTlb(frame);
        }
        fetchTag[i] = la >>> 12;
        fetchFrame[i] = frame;
        fetchPhysicalPage[i] = ppn;
    }

    private void evictFromWriteTlb(byte[] frame) {
        userSet.evictWritable(frame);
        supervisorSet.evictWritable(frame);
    }

    /** Raised to the engine when a store hits a frame that holds decoded instructions. */
    @FunctionalInterface
    public interface CodeWriteListener {
        void codeWritten(long physicalPage);
    }

    /** Convenience for callers that need a fault for an address outside every mapping. */
    public static GuestFault notMapped(long la, int access, boolean user) {
        int code = (access == AccessKind.WRITE ? GuestFault.PF_WRITE : 0)
                | (access == AccessKind.EXECUTE ? GuestFault.PF_FETCH : 0)
                | (user ? GuestFault.PF_USER : 0);
        return GuestFault.pageFault(la, code);
    }
}
