package org.hvsim.core.mem;

/**
 * The data accesses of the instruction being executed, recorded by {@link LinearMemory} while a
 * timing model runs: linear address, size and direction of each. Preallocated; an instruction
 * that makes more accesses than the log holds (a long REP string) keeps the first ones and
 * counts the rest.
 */
public final class AccessLog {
    public static final int CAPACITY = 64;

    public final long[] address = new long[CAPACITY];
    public final int[] size = new int[CAPACITY];
    public final boolean[] write = new boolean[CAPACITY];
    private int count;
    private long overflow;

    public void reset() {
        count = 0;
        overflow = 0;
    }

    void record(long la, int bytes, boolean isWrite) {
        if (count < CAPACITY) {
            address[count] = la;
            size[count] = bytes;
            write[count] = isWrite;
            count++;
        } else {
            overflow++;
        }
    }

    /** Accesses recorded in the arrays. */
    public int count() {
        return count;
    }

    /** Accesses beyond {@link #CAPACITY}, not recorded individually. */
    public long overflow() {
        return overflow;
    }
}
