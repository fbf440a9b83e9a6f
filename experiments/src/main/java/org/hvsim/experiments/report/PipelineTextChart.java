package org.hvsim.experiments.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The textbook pipeline diagram as text: one row per instruction (address and disassembly),
 * one column per cycle counted from the first recorded fetch. In each cell:
 * <ul>
 *   <li>a stage's letter (its name's first letter, e.g. F D X M W) in the cycle the stage began;</li>
 *   <li>{@code -} in each further cycle before the next stage began (a stall, or a stage taking
 *       more than one cycle);</li>
 *   <li>{@code .} before the instruction was fetched and after it left the pipeline.</li>
 * </ul>
 * If two stages begin in the same cycle the later one's letter is shown. A row with waiting
 * cycles ends with a note such as {@code <- D+1} (one extra cycle after D). Windows wider
 * than the layout either wrap into blocks of cycles (each with its own header; rows with
 * nothing in a block are left out of it) or are cut with a note.
 */
public final class PipelineTextChart {
    /** Column where legend items start (after {@code "Legend:"} and two blanks). */
    private static final int LEGEND_INDENT = 9;

    /** What to do with cycles that do not fit {@link Options#maxWidth()}. */
    public enum Overflow {
        /** Continue in further blocks of cycles below. */
        WRAP,
        /** Show the first block only and say how many cycles were left out. */
        TRUNCATE
    }

    /**
     * Layout of the text diagram.
     *
     * @param labelWidth width of the instruction column (longer labels end in {@code ~})
     * @param maxWidth   width of a chart line (label, blank, cycles), not counting row notes
     * @param overflow   wrap or cut windows wider than {@code maxWidth}
     * @param annotate   whether rows with waiting cycles end with a {@code <- D+1} note
     */
    public record Options(int labelWidth, int maxWidth, Overflow overflow, boolean annotate) {
        /** 30-character labels, 100-column lines, wrapped, annotated. */
        public static final Options DEFAULT = new Options(30, 100, Overflow.WRAP, true);

        public Options {
            if (labelWidth < 8) {
                throw new IllegalArgumentException("labelWidth must be >= 8");
            }
            if (maxWidth < labelWidth + 1 + 10) {
                throw new IllegalArgumentException("maxWidth must leave at least 10 cycle columns");
            }
        }

        public Options withLabelWidth(int w) {
            return new Options(w, maxWidth, overflow, annotate);
        }

        public Options withMaxWidth(int w) {
            return new Options(labelWidth, w, overflow, annotate);
        }

        public Options withOverflow(Overflow o) {
            return new Options(labelWidth, maxWidth, o, annotate);
        }

        public Options withAnnotate(boolean a) {
            return new Options(labelWidth, maxWidth, overflow, a);
        }
    }

    private PipelineTextChart() {
    }

    /** Renders the recording of {@code window}; lines end in {@code \n}. */
    public static String render(PipelineWindow window, Options options) {
        List<PipelineWindow.Entry> entries = window.entries();
        StringBuilder out = new StringBuilder();
        long last = window.from() + window.count() - 1;
        if (entries.isEmpty()) {
            out.append("Pipeline diagram: no instruction of window ").append(window.from()).append('-').append(last)
                    .append(" was recorded (did the run retire that many with a timing model?)\n");
            return out.toString();
        }
        long origin = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (PipelineWindow.Entry e : entries) {
            origin = Math.min(origin, e.firstCycle());
            end = Math.max(end, e.lastCycleExclusive());
        }
        long span = end - origin;
        out.append("Pipeline diagram: instructions ").append(window.from()).append('-').append(last);
        if (entries.size() < window.count()) {
            out.append(" (").append(entries.size()).append(" recorded)");
        }
        out.append(", ").append(span).append(" cycles; cycle 0 = cycle ").append(origin).append(" of the run\n");

        int room = options.maxWidth() - options.labelWidth() - 1;
        int block = room >= 20 ? room - room % 10 : room - room % 5;
        if (span <= room) {
            block = (int) span;
        }
        long shownEnd = options.overflow() == Overflow.TRUNCATE ? Math.min(span, block) : span;
        for (long b0 = 0; b0 < shownEnd; b0 += block) {
            long b1 = Math.min(shownEnd, b0 + block);
            out.append('\n');
            appendBlock(out, entries, origin, b0, b1, options);
        }
        if (shownEnd < span) {
            out.append("... cycles ").append(shownEnd).append('-').append(span - 1)
                    .append(" not shown (chart limited to ").append(options.maxWidth())
                    .append(" columns; wrap it or choose a smaller window)\n");
        }
        out.append('\n');
        appendLegend(out, entries, options);
        return out.toString();
    }

    private static void appendBlock(StringBuilder out, List<PipelineWindow.Entry> entries, long origin,
                                    long b0, long b1, Options options) {
        int width = (int) (b1 - b0);
        out.append(pad("cycle", options.labelWidth())).append(' ').append(header(b0, b1)).append('\n');
        char[] cells = new char[width];
        for (PipelineWindow.Entry e : entries) {
            long first = e.firstCycle() - origin;
            long stop = e.lastCycleExclusive() - origin;
            if (first >= b1 || stop <= b0) {
                continue;
            }
            Arrays.fill(cells, '.');
            for (int k = 0; k < e.stages(); k++) {
                long start = e.stageCycles()[k] - origin;
                long next = e.stageEnd(k) - origin;
                for (long c = start + 1; c < next; c++) {
                    put(cells, c - b0, '-');
                }
                put(cells, start - b0, StageNames.letter(e.stageNames()[k]));
            }
            String line = pad(truncate(e.label(), options.labelWidth()), options.labelWidth()) + ' ' + new String(cells);
            // The note goes where the row ends: in the block holding its last cycle (or the last shown).
            boolean endsHere = stop <= b1 || options.overflow() == Overflow.TRUNCATE;
            String note = options.annotate() && endsHere ? waits(e) : "";
            out.append(line);
            if (!note.isEmpty()) {
                out.append("  <- ").append(note);
            }
            out.append('\n');
        }
    }

    /** The waiting cycles of a row, e.g. {@code "D+1"} or {@code "D+4 I+2"}; empty if none. */
    static String waits(PipelineWindow.Entry e) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < e.stages(); k++) {
            long extra = e.stageEnd(k) - e.stageCycles()[k] - 1;
            if (extra > 0) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(StageNames.letter(e.stageNames()[k])).append('+').append(extra);
            }
        }
        return sb.toString();
    }

    /** Cycle numbers every 5 columns (every 10 once they reach five digits), left-aligned on their column. */
    static String header(long b0, long b1) {
        int width = (int) (b1 - b0);
        char[] h = new char[width];
        Arrays.fill(h, ' ');
        int step = b1 - 1 >= 10_000 ? 10 : 5;
        int free = 0;
        for (long c = b0; c < b1; c++) {
            if (c % step != 0) {
                continue;
            }
            String n = Long.toString(c);
            int pos = (int) (c - b0);
            if (pos < free || pos + n.length() > width) {
                continue;
            }
            n.getChars(0, n.length(), h, pos);
            free = pos + n.length() + 1;
        }
        int len = width;
        while (len > 0 && h[len - 1] == ' ') {
            len--;
        }
        return new String(h, 0, len);
    }

    private static void appendLegend(StringBuilder out, List<PipelineWindow.Entry> entries, Options options) {
        List<String> names = StageNames.distinct(entries);
        List<String> stages = new ArrayList<>();
        for (String n : names) {
            stages.add(StageNames.letter(n) + "=" + StageNames.describe(n, names));
        }
        out.append("Legend:");
        legendLine(out, stages, options.maxWidth());
        out.append("       ");
        legendLine(out, List.of("-=waiting (stall or multi-cycle stage)", ".=not in the pipeline"), options.maxWidth());
        if (options.annotate()) {
            out.append("       ");
            legendLine(out, List.of("<- D+1: cycles spent after a stage before the next began"), options.maxWidth());
        }
    }

    /** Appends {@code items} two blanks apart, continuing on indented lines past {@code maxWidth}. */
    private static void legendLine(StringBuilder out, List<String> items, int maxWidth) {
        int used = LEGEND_INDENT - 2;
        for (String item : items) {
            if (used > LEGEND_INDENT - 2 && used + 2 + item.length() > maxWidth) {
                out.append('\n').append(" ".repeat(LEGEND_INDENT - 2));
                used = LEGEND_INDENT - 2;
            }
            out.append("  ").append(item);
            used += 2 + item.length();
        }
        out.append('\n');
    }

    private static void put(char[] cells, long pos, char c) {
        if (pos >= 0 && pos < cells.length) {
            cells[(int) pos] = c;
        }
    }

    static String truncate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + '~';
    }

    private static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
