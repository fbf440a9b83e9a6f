package org.hvsim.core.platform;

import java.util.Arrays;

/**
 * Memory-mapped device ranges in the physical address space. The CPU's memory slow path asks
 * {@link #isMmio} for every physical address it is about to touch, so the common answer ("no,
 * it is RAM") costs one comparison against the lowest device base (all PC devices live just
 * below 4 GiB). Ranges are few and kept sorted; a lookup past that comparison is a short scan.
 */
public final class MmioBus {
    private long[] bases = new long[0];
    private long[] ends = new long[0]; // exclusive
    private MmioDevice[] devices = new MmioDevice[0];
    private long lowestBase = Long.MAX_VALUE;

    /**
     * Maps {@code device} at physical {@code base .. base + length - 1}.
     *
     * @throws IllegalArgumentException on overlap with an existing range or a bad range
     */
    public void register(long base, long length, MmioDevice device) {
        if (device == null || base < 0 || length <= 0 || base + length < base) {
            throw new IllegalArgumentException(String.format("bad MMIO range 0x%x+0x%x", base, length));
        }
        long end = base + length;
        for (int i = 0; i < bases.length; i++) {
            if (base < ends[i] && bases[i] < end) {
                throw new IllegalArgumentException(String.format(
                        "MMIO range 0x%x+0x%x overlaps 0x%x..0x%x", base, length, bases[i], ends[i] - 1));
            }
        }
        int n = bases.length;
        int at = 0;
        while (at < n && bases[at] < base) {
            at++;
        }
        bases = insert(bases, at, base);
        ends = insert(ends, at, end);
        MmioDevice[] d = Arrays.copyOf(devices, n + 1);
        System.arraycopy(devices, at, d, at + 1, n - at);
        d[at] = device;
        devices = d;
        lowestBase = bases[0];
    }

    /** True if {@code physical} falls in a device range (never RAM). */
    public boolean isMmio(long physical) {
        return physical >= lowestBase && indexOf(physical) >= 0;
    }

    /** The lowest physical address any device occupies ({@link Long#MAX_VALUE} if none). */
    public long lowestBase() {
        return lowestBase;
    }

    /** Reads from the device at {@code physical}; unmapped addresses read as all ones. */
    public long read(long physical, int size) {
        int i = indexOf(physical);
        if (i < 0) {
            return size == 8 ? -1L : (1L << (size * 8)) - 1;
        }
        return devices[i].read(physical - bases[i], size);
    }

    /** Writes to the device at {@code physical}; writes to unmapped addresses are dropped. */
    public void write(long physical, int size, long value) {
        int i = indexOf(physical);
        if (i >= 0) {
            devices[i].write(physical - bases[i], size, value);
        }
    }

    private int indexOf(long physical) {
        for (int i = 0; i < bases.length; i++) {
            if (physical >= bases[i] && physical < ends[i]) {
                return i;
            }
        }
        return -1;
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] r = new long[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }
}
