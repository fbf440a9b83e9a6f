package org.hvsim.core.timing.branch;

/**
 * Set-associative branch target buffer with LRU replacement. The set is the low bits of the
 * branch address; entries keep the full address as tag, so a hit is never a false hit (real BTBs
 * use partial tags). Only taken transfers are written: a not-taken branch needs no target.
 */
public final class BranchTargetBuffer {

    private final int ways;
    private final int setMask;
    private final long[] pc;
    private final long[] target;
    private final long[] lastUse; // 0 = invalid; otherwise the access stamp, for LRU
    private long clock;
    private long lastTarget;

    public BranchTargetBuffer(int entries, int ways) {
        this.ways = ways;
        this.setMask = entries / ways - 1;
        pc = new long[entries];
        target = new long[entries];
        lastUse = new long[entries];
    }

    /** Looks {@code branchPc} up; on a hit returns true and {@link #lastTarget()} holds its target. */
    public boolean lookup(long branchPc) {
        int slot = find(branchPc);
        if (slot < 0) {
            return false;
        }
        lastUse[slot] = ++clock;
        lastTarget = target[slot];
        return true;
    }

    /** The target found by the last successful {@link #lookup}. */
    public long lastTarget() {
        return lastTarget;
    }

    /** Records {@code branchPc -> branchTarget}, replacing the set's least recently used entry on a miss. */
    public void update(long branchPc, long branchTarget) {
        int slot = find(branchPc);
        if (slot < 0) {
            int first = ((int) branchPc & setMask) * ways;
            slot = first;
            for (int s = first + 1; s < first + ways; s++) {
                if (lastUse[s] < lastUse[slot]) {
                    slot = s;
                }
            }
            pc[slot] = branchPc;
        }
        target[slot] = branchTarget;
        lastUse[slot] = ++clock;
    }

    private int find(long branchPc) {
        int first = ((int) branchPc & setMask) * ways;
        for (int s = first; s < first + ways; s++) {
            if (lastUse[s] != 0 && pc[s] == branchPc) {
                return s;
            }
        }
        return -1;
    }
}
