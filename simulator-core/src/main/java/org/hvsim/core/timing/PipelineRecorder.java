package org.hvsim.core.timing;

import org.hvsim.core.decode.DecodedInstruction;

/**
 * Receives, for a window of retired instructions, the cycle at which each pipeline stage
 * handled it, to draw a pipeline diagram. Stage names are the model's own (e.g. F D X M W for
 * the in-order pipeline; F D I C R - fetch, dispatch, issue, complete, retire - out of order).
 */
public interface PipelineRecorder {
    /** Whether instruction number {@code sequence} is inside the window to record. */
    boolean wants(long sequence);

    /**
     * @param sequence     the instruction's position in the retired stream
     * @param instruction  the instruction (address, bytes, for disassembly)
     * @param stageNames   names of the stages, in order
     * @param stageCycles  the cycle each stage began (parallel to {@code stageNames}); the array
     *                     is reused by the caller, so copy it
     * @param endCycle     the cycle after the last stage ended
     */
    void record(long sequence, DecodedInstruction instruction, String[] stageNames, long[] stageCycles, long endCycle);
}
