package org.hvsim.core.platform;

/** A test InterruptLine remembering its level and counting rising edges. */
public final class RecordingLine implements InterruptLine {
    public boolean level;
    public int risingEdges;

    @Override
    public void set(boolean asserted) {
        if (asserted && !level) {
            risingEdges++;
        }
        level = asserted;
    }
}
