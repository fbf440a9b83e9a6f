package org.hvsim.core.timing.branch;

/**
 * Predicts the direction of conditional branches. One instance per simulated core; implementations
 * keep all state in arrays allocated by the constructor and allocate nothing per prediction.
 *
 * <p>Protocol: for each retired conditional branch, in program order, the caller calls
 * {@code predict} and then {@code update} for the same pc. A predictor that needs state from the
 * prediction (indices, the provider component) keeps it in fields between the two calls.
 */
public interface DirectionPredictor {

    /** Returns true if the conditional branch at {@code pc} is predicted taken. */
    boolean predict(long pc);

    /**
     * Predicts with the branch's decoded target known. Only static predictors that look at the
     * branch's direction in the code (backward taken, forward not taken) override this; the
     * branch unit always calls this form.
     */
    default boolean predict(long pc, long target) {
        return predict(pc);
    }

    /** Trains on the outcome of the branch just predicted. */
    void update(long pc, boolean taken);

    /** The name {@link DirectionPredictors#create} knows this predictor by. */
    String name();
}
