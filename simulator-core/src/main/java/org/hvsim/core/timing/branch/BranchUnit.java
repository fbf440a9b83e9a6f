package org.hvsim.core.timing.branch;

/**
 * One core's branch prediction: a direction predictor, a BTB, a return-address stack and an
 * indirect-target predictor, trained at retirement in program order. Timing models call
 * {@link #resolve} once per retired control transfer and charge a penalty when it returns true.
 *
 * <p>Target sources: conditional and direct transfers use the BTB; indirect jumps and calls use
 * the indirect predictor and fall back to the BTB; returns use the return-address stack (or the
 * indirect path when the stack has no entries). A missing target counts as a misprediction, as it
 * does for a front end that cannot redirect fetch before decode; {@link #targetMisses} counts
 * those among the mispredictions so a model can charge them a smaller (decode-redirect) penalty.
 */
public final class BranchUnit {

    private final DirectionPredictor direction;
    private final BranchTargetBuffer btb;
    private final ReturnAddressStack ras;
    private final IndirectTargetPredictor indirect;
    private final long[] lookups = new long[BranchKind.values().length];
    private final long[] mispredictions = new long[BranchKind.values().length];
    private final long[] targetMisses = new long[BranchKind.values().length];

    public BranchUnit(BranchPredictorConfig c) {
        direction = DirectionPredictors.create(c);
        btb = new BranchTargetBuffer(c.btbEntries(), c.btbWays());
        ras = c.rasEntries() > 0 ? new ReturnAddressStack(c.rasEntries()) : null;
        indirect = c.indirectEntries() > 0 ? new IndirectTargetPredictor(c.indirectEntries(), c.indirectHistoryBits()) : null;
    }

    /**
     * Predicts and trains on one retired control transfer; returns true if it was mispredicted
     * (wrong direction for a conditional, or wrong/missing target for a taken transfer).
     *
     * @param nextPc fall-through address (the return address of a call)
     * @param taken  the outcome of a conditional; ignored (always taken) for the other kinds
     * @param target the taken target (for a not-taken conditional, its decoded target)
     */
    public boolean resolve(BranchKind kind, long pc, long nextPc, boolean taken, long target) {
        int k = kind.ordinal();
        lookups[k]++;
        boolean directionWrong = false;
        boolean targetWrong;
        switch (kind) {
            case CONDITIONAL -> {
                boolean predicted = direction.predict(pc, target);
                direction.update(pc, taken);
                directionWrong = predicted != taken;
                targetWrong = !directionWrong && taken && !btbPredicts(pc, target);
                if (taken) {
                    btb.update(pc, target);
                }
            }
            case JUMP_DIRECT -> targetWrong = btbUpdate(pc, target);
            case CALL_DIRECT -> {
                targetWrong = btbUpdate(pc, target);
                push(nextPc);
            }
            case JUMP_INDIRECT -> targetWrong = indirectUpdate(pc, target);
            case CALL_INDIRECT -> {
                targetWrong = indirectUpdate(pc, target);
                push(nextPc);
            }
            case RETURN -> targetWrong = ras != null ? ras.pop() != target : indirectUpdate(pc, target);
            default -> throw new AssertionError(kind);
        }
        if (directionWrong || targetWrong) {
            mispredictions[k]++;
            if (targetWrong) {
                targetMisses[k]++;
            }
            return true;
        }
        return false;
    }

    private boolean btbPredicts(long pc, long target) {
        return btb.lookup(pc) && btb.lastTarget() == target;
    }

    /** Looks up and trains the BTB; returns true if the target was wrong or missing. */
    private boolean btbUpdate(long pc, long target) {
        boolean wrong = !btbPredicts(pc, target);
        btb.update(pc, target);
        return wrong;
    }

    private boolean indirectUpdate(long pc, long target) {
        boolean wrong;
        if (indirect != null && indirect.lookup(pc)) {
            wrong = indirect.lastTarget() != target;
        } else {
            wrong = !btbPredicts(pc, target);
        }
        if (indirect != null) {
            indirect.update(pc, target);
        }
        btb.update(pc, target);
        return wrong;
    }

    private void push(long returnAddress) {
        if (ras != null) {
            ras.push(returnAddress);
        }
    }

    /** Control transfers of this kind resolved so far. */
    public long lookups(BranchKind k) {
        return lookups[k.ordinal()];
    }

    /** Of {@link #lookups}, those mispredicted (direction or target). */
    public long mispredictions(BranchKind k) {
        return mispredictions[k.ordinal()];
    }

    /** Of {@link #mispredictions}, those with the right (or no) direction but a wrong or missing target. */
    public long targetMisses(BranchKind k) {
        return targetMisses[k.ordinal()];
    }

    /** The direction predictor in use (for reports). */
    public String directionPredictorName() {
        return direction.name();
    }
}
