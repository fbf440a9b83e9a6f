package org.hvsim.core.timing.ooo;

/**
 * A pool of identical execution ports with per-cycle reservation: {@link #reserve} returns the
 * first cycle at or after the requested one with a free port and takes it. The reservation table
 * is a small ring indexed by cycle (no allocation); a slot holding an older cycle is stale and is
 * reused. Requests more than {@link #HORIZON} cycles apart may alias; the table then errs towards
 * a free port, which only happens with issue times spread over thousands of cycles (long chains of
 * DRAM misses) where port contention does not matter.
 */
final class PortPool {
    static final int HORIZON = 1024;
    private static final int MASK = HORIZON - 1;

    private final int ports;
    private final long[] cycle = new long[HORIZON];
    private final int[] used = new int[HORIZON];

    PortPool(int ports) {
        this.ports = ports;
        java.util.Arrays.fill(cycle, -1);
    }

    /** Takes a port at the first cycle {@code >= t} with one free; returns that cycle. */
    long reserve(long t) {
        while (true) {
            int i = (int) (t & MASK);
            long c = cycle[i];
            if (c < t) {
                cycle[i] = t;
                used[i] = 1;
                return t;
            }
            if (c > t) {
                return t; // aliased with a far-future reservation: treat as free
            }
            if (used[i] < ports) {
                used[i]++;
                return t;
            }
            t++;
        }
    }

    void clear() {
        java.util.Arrays.fill(cycle, -1);
    }
}
