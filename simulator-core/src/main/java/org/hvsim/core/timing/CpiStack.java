package org.hvsim.core.timing;

/**
 * Cycles per account. A plain {@code long[]} indexed by {@link CycleAccount#ordinal()}: hot
 * counters stay primitive; ratios are computed only when reporting.
 */
public final class CpiStack {
    private final long[] cycles = new long[CycleAccount.values().length];

    public void add(CycleAccount account, long n) {
        cycles[account.ordinal()] += n;
    }

    public long cycles(CycleAccount account) {
        return cycles[account.ordinal()];
    }

    /** The sum of all accounts: by construction the model's total cycles. */
    public long total() {
        long t = 0;
        for (long c : cycles) {
            t += c;
        }
        return t;
    }

    /** A copy, for snapshot-and-subtract warm-up handling. */
    public CpiStack copy() {
        CpiStack c = new CpiStack();
        System.arraycopy(cycles, 0, c.cycles, 0, cycles.length);
        return c;
    }

    /** This stack minus {@code earlier} (statistics of a measured interval after warm-up). */
    public CpiStack minus(CpiStack earlier) {
        CpiStack c = new CpiStack();
        for (int i = 0; i < cycles.length; i++) {
            c.cycles[i] = cycles[i] - earlier.cycles[i];
        }
        return c;
    }
}
