package org.hvsim.core.timing;

/**
 * A timing model: consumes the retired-instruction stream of the functional core and keeps
 * simulated cycles, attributed to the accounts of a {@link CpiStack}. Implementations: the
 * textbook in-order pipeline and the out-of-order interval model.
 */
public interface TimingModel {
    /** Accounts for one retired instruction. */
    void retire(RetiredInstruction r);

    /**
     * Accounts for cycles spent outside the instruction stream (exception delivery, a halted
     * processor): the pipeline drains and {@code cycles} pass in {@code account}.
     */
    void stall(CycleAccount account, long cycles);

    /** Simulated cycles so far: always equal to {@code cpiStack().total()}. */
    long cycles();

    /** Instructions retired so far. */
    long instructions();

    CpiStack cpiStack();

    /** A short name for reports ("inorder", "ooo"). */
    String name();

    /** Records stage timings of retired instructions for a pipeline diagram; null to stop. */
    void setPipelineRecorder(PipelineRecorder recorder);
}
