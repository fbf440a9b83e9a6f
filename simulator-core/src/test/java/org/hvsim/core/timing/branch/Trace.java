package org.hvsim.core.timing.branch;

/** Test helper: drives a direction predictor directly and counts its mispredictions per call site. */
final class Trace {

    private final DirectionPredictor p;
    long misses;

    Trace(DirectionPredictor p) {
        this.p = p;
    }

    static Trace of(String direction) {
        return new Trace(DirectionPredictors.create(BranchPredictorConfig.defaults(direction)));
    }

    static Trace of(String direction, int tableBits, int historyBits) {
        return new Trace(DirectionPredictors.create(
                BranchPredictorConfig.defaults().withDirection(direction, tableBits, historyBits)));
    }

    /** Predicts and trains one conditional; returns 1 if it was mispredicted, else 0. */
    int branch(long pc, long target, boolean taken) {
        boolean predicted = p.predict(pc, target);
        p.update(pc, taken);
        int miss = predicted != taken ? 1 : 0;
        misses += miss;
        return miss;
    }

    /** A backward branch (loop-closing). */
    int backward(long pc, boolean taken) {
        return branch(pc, pc - 0x40, taken);
    }
}
