package org.hvsim.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.disasm.Disassembler;
import org.hvsim.core.timing.PipelineRecorder;

/**
 * Records the pipeline stage timings of the retired instructions numbered
 * {@code [from, from + count)}, for a pipeline diagram ({@code --pipeview FROM:COUNT}).
 *
 * <p>Usage: {@code PipelineWindow w = PipelineWindow.parse("1000:20"); model.setPipelineRecorder(w);}
 * run, then {@code w.render()} for the terminal and {@code w.writePng(path)} for an image.
 * Only recorded instructions allocate (their stage arrays are copied and their AT&T disassembly
 * kept); {@link #wants(long)} is a range check.
 */
public final class PipelineWindow implements PipelineRecorder {
    /** The largest window {@link #parse(String)} and the constructor accept. */
    public static final int MAX_COUNT = 10_000;

    private final long from;
    private final int count;
    private final List<Entry> entries = new ArrayList<>();
    private Disassembler disassembler;
    private String[] lastStageNames;

    /**
     * One recorded instruction.
     *
     * @param sequence    its position in the retired stream
     * @param address     its address
     * @param text        its AT&T disassembly, blanks collapsed ({@code "mov %rsp,%rbp"})
     * @param stageNames  the model's stage names, in pipeline order
     * @param stageCycles the cycle each stage began (parallel to {@code stageNames})
     * @param endCycle    the cycle after the last stage ended
     */
    public record Entry(long sequence, long address, String text, String[] stageNames, long[] stageCycles,
                        long endCycle) {
        /** Number of stages. */
        public int stages() {
            return stageNames.length;
        }

        /** The cycle the instruction entered the pipeline (its first stage). */
        public long firstCycle() {
            return stageNames.length == 0 ? endCycle : stageCycles[0];
        }

        /** The cycle after the instruction left the pipeline (never before its last stage's cycle + 1). */
        public long lastCycleExclusive() {
            return stageNames.length == 0 ? endCycle : Math.max(endCycle, stageCycles[stageNames.length - 1] + 1);
        }

        /** The cycle stage {@code k} ended: the next stage's start, or the end for the last stage. */
        public long stageEnd(int k) {
            return k + 1 < stageNames.length ? stageCycles[k + 1] : lastCycleExclusive();
        }

        /** {@code address} in hex and the disassembly: the row label of the diagrams. */
        public String label() {
            return Long.toHexString(address) + " " + text;
        }
    }

    /** A window of {@code count} instructions starting at retired-instruction number {@code from}. */
    public PipelineWindow(long from, int count) {
        if (from < 0) {
            throw new IllegalArgumentException("pipeline window: FROM must be >= 0, got " + from);
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "pipeline window: COUNT must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        this.from = from;
        this.count = count;
    }

    /**
     * Parses {@code FROM:COUNT} (decimal; {@code FROM} is the number of the first retired
     * instruction to show, counting from 0), as {@code --pipeview} takes it.
     *
     * @throws IllegalArgumentException with a message fit for the user if malformed
     */
    public static PipelineWindow parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1 || s.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("pipeline window must be FROM:COUNT (e.g. 1000:20), got '" + spec + "'");
        }
        long first;
        long n;
        try {
            first = Long.parseLong(s.substring(0, colon).trim());
            n = Long.parseLong(s.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "pipeline window must be FROM:COUNT with decimal numbers (e.g. 1000:20), got '" + spec + "'");
        }
        if (n < 1 || n > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "pipeline window: COUNT must be between 1 and " + MAX_COUNT + ", got '" + spec + "'");
        }
        return new PipelineWindow(first, (int) n);
    }

    public long from() {
        return from;
    }

    public int count() {
        return count;
    }

    @Override
    public boolean wants(long sequence) {
        return sequence >= from && sequence - from < count;
    }

    @Override
    public void record(long sequence, DecodedInstruction instruction, String[] stageNames, long[] stageCycles,
                       long endCycle) {
        if (!wants(sequence)) {
            return;
        }
        if (disassembler == null) {
            disassembler = new Disassembler();
        }
        String text;
        try {
            text = disassembler.format(instruction, Disassembler.Syntax.ATT);
        } catch (RuntimeException e) {
            text = "(" + instruction.mnemonic + ")"; // a diagram must not kill the run
        }
        record(sequence, instruction.address, text, stageNames, stageCycles, endCycle);
    }

    /**
     * Records an instruction given by address and text (the decoded-instruction variant
     * disassembles and calls this); also for building recordings by hand.
     */
    public void record(long sequence, long address, String text, String[] stageNames, long[] stageCycles,
                       long endCycle) {
        if (!wants(sequence)) {
            return;
        }
        int n = stageNames.length;
        if (stageCycles.length < n) {
            throw new IllegalArgumentException("stageCycles has " + stageCycles.length + " entries for " + n + " stages");
        }
        String[] names = lastStageNames != null && Arrays.equals(lastStageNames, stageNames)
                ? lastStageNames : stageNames.clone();
        lastStageNames = names;
        entries.add(new Entry(sequence, address, collapseBlanks(text), names, Arrays.copyOf(stageCycles, n),
                endCycle));
    }

    /** The recorded instructions in retirement order. */
    public List<Entry> entries() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::sequence));
        return Collections.unmodifiableList(sorted);
    }

    /** Whether every instruction of the window has been recorded (the run may stop recording). */
    public boolean complete() {
        return entries.size() >= count;
    }

    /** The text diagram with the default layout (100 columns, wrapped). */
    public String render() {
        return PipelineTextChart.render(this, PipelineTextChart.Options.DEFAULT);
    }

    /** The text diagram with the given layout. */
    public String render(PipelineTextChart.Options options) {
        return PipelineTextChart.render(this, options);
    }

    /** Writes the diagram as a PNG Gantt chart sized to the window. */
    public void writePng(Path file) throws IOException {
        PipelineImageChart.writePng(this, file);
    }

    @Override
    public String toString() {
        return from + ":" + count;
    }

    private static String collapseBlanks(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean blank = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                blank = true;
                continue;
            }
            if (blank && sb.length() > 0) {
                sb.append(' ');
            }
            blank = false;
            sb.append(c);
        }
        return sb.toString();
    }
}
