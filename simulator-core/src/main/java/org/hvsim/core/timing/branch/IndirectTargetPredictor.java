package org.hvsim.core.timing.branch;

/**
 * Indirect-target predictor: a direct-mapped, tagged target cache indexed by the branch address
 * XOR a history of recent indirect targets (the "target cache" with path history of P.-Y. Chang,
 * E. Hao and Y. N. Patt, "Target Prediction for Indirect Jumps", ISCA 1997; ITTAGE, Seznec 2011,
 * refines the idea with several geometric histories). Each taken indirect jump or call shifts
 * {@value #BITS_PER_TARGET} hashed bits of its target into the history, so an
 * {@code historyBits}-bit history remembers the last {@code historyBits / 4} targets and a branch
 * whose target follows a repeating sequence gets one entry per position in the sequence.
 *
 * <p>Tags hold the full pc and history (no false hits). On a miss the branch unit falls back to
 * the BTB, which predicts the last target.
 */
public final class IndirectTargetPredictor {

    static final int BITS_PER_TARGET = 4;

    private final int mask;
    private final int historyBits;
    private final long[] keyPc;
    private final long[] keyHistory;
    private final long[] target;
    private final boolean[] valid;
    private long history;
    private long lastTarget;

    public IndirectTargetPredictor(int entries, int historyBits) {
        mask = entries - 1;
        this.historyBits = historyBits;
        keyPc = new long[entries];
        keyHistory = new long[entries];
        target = new long[entries];
        valid = new boolean[entries];
    }

    private int index(long pc) {
        return (int) (pc ^ (pc >>> 16) ^ Counters.fold(history, 64, 20)) & mask;
    }

    /** On a hit returns true and {@link #lastTarget()} holds the predicted target. */
    public boolean lookup(long pc) {
        int i = index(pc);
        if (valid[i] && keyPc[i] == pc && keyHistory[i] == history) {
            lastTarget = target[i];
            return true;
        }
        return false;
    }

    public long lastTarget() {
        return lastTarget;
    }

    /** Records the resolved target under the current history, then shifts it into the history. */
    public void update(long pc, long resolvedTarget) {
        int i = index(pc);
        valid[i] = true;
        keyPc[i] = pc;
        keyHistory[i] = history;
        target[i] = resolvedTarget;
        if (historyBits > 0) {
            long h = resolvedTarget * 0x9E3779B97F4A7C15L; // Fibonacci hashing: top bits mix all of the target
            long shifted = (history << BITS_PER_TARGET) ^ (h >>> (64 - BITS_PER_TARGET));
            history = historyBits >= 64 ? shifted : shifted & ((1L << historyBits) - 1);
        }
    }
}
