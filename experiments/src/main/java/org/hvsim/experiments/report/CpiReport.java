package org.hvsim.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.TimingModel;

/**
 * The CPI-stack report of a timed run: cycles, instructions, IPC, CPI, and every non-zero
 * account with its cycles, CPI contribution and share of the total, ending in a total line.
 *
 * <p>The printed contributions and percentages are rounded so that they add up exactly to the
 * printed total CPI and to 100.0% (largest-remainder rounding of the exact shares): a student
 * adding the column gets the total line.
 */
public final class CpiReport {
    /**
     * One run's stack with a label, for reports and charts comparing runs (native vs VT-x...).
     *
     * @param label        what the run is ("native", "vt-x", a model name)
     * @param instructions instructions retired
     * @param cycles       total cycles (normally {@code stack.total()})
     * @param stack        the accounts (copied on construction)
     */
    public record Run(String label, long instructions, long cycles, CpiStack stack) {
        public Run {
            Objects.requireNonNull(label, "label");
            stack = stack.copy();
        }

        /** A run whose total is its stack's total. */
        public static Run of(String label, long instructions, CpiStack stack) {
            return new Run(label, instructions, stack.total(), stack);
        }

        /** A timing model's run so far, labelled with the model's name. */
        public static Run of(TimingModel model) {
            return of(model.name(), model);
        }

        /** A timing model's run so far. */
        public static Run of(String label, TimingModel model) {
            return new Run(label, model.instructions(), model.cycles(), model.cpiStack());
        }

        /**
         * Cycles the stack does not explain: {@code cycles - stack.total()}, zero unless a model
         * broke the invariant (then the report shows them as an "unaccounted" line).
         */
        public long unaccounted() {
            return cycles - stack.total();
        }

        /** Cycles per instruction, NaN without instructions. */
        public double cpi() {
            return instructions == 0 ? Double.NaN : (double) cycles / instructions;
        }
    }

    /** One line of the table: an account (or "unaccounted") and its cycles. */
    record Line(String label, long cycles) {
    }

    private CpiReport() {
    }

    /** The report of a timing model's run, titled with the model's name. */
    public static String format(TimingModel model) {
        return format(Run.of(model));
    }

    /** The report of {@code cycles} cycles over {@code instructions} instructions split as {@code stack}. */
    public static String format(String title, long cycles, long instructions, CpiStack stack) {
        return format(new Run(title, instructions, cycles, stack));
    }

    /** The report of one run. */
    public static String format(Run run) {
        List<Line> lines = lines(run);
        long total = run.cycles();
        long instructions = run.instructions();
        boolean perInstruction = instructions > 0;

        long[] cycles = new long[lines.size()];
        for (int i = 0; i < cycles.length; i++) {
            cycles[i] = lines.get(i).cycles();
        }
        long[] cpiMilli = perInstruction ? apportion(cycles, 1000.0 / instructions) : null;
        long[] pctTenths = total != 0 ? apportion(cycles, 1000.0 / total) : null;

        int labelWidth = "instructions".length();
        for (Line l : lines) {
            labelWidth = Math.max(labelWidth, l.label().length());
        }
        String totalCycles = grouped(total);
        int cyclesWidth = Math.max(totalCycles.length(), "cycles".length());
        for (Line l : lines) {
            cyclesWidth = Math.max(cyclesWidth, grouped(l.cycles()).length());
        }
        String cpiText = perInstruction ? milli(sum(cpiMilli)) : "n/a";
        int cpiWidth = Math.max(cpiText.length(), "CPI".length());

        StringBuilder out = new StringBuilder();
        out.append("CPI stack: ").append(run.label()).append('\n');
        String[][] summary = {
            {"cycles", totalCycles},
            {"instructions", grouped(instructions)},
            {"IPC", perInstruction && total > 0 ? fixed3((double) instructions / total) : "n/a"},
            {"CPI", cpiText},
        };
        int summaryWidth = 0;
        for (String[] s : summary) {
            summaryWidth = Math.max(summaryWidth, s[1].length());
        }
        for (String[] s : summary) {
            summary(out, s[0], s[1], labelWidth, summaryWidth);
        }
        out.append('\n');

        String head = String.format(Locale.ROOT, "  %-" + labelWidth + "s  %" + cyclesWidth + "s  %" + cpiWidth + "s  %6s",
                "account", "cycles", "CPI", "share");
        out.append(head).append('\n');
        for (int i = 0; i < lines.size(); i++) {
            row(out, lines.get(i).label(), grouped(cycles[i]), perInstruction ? milli(cpiMilli[i]) : "n/a",
                    pctTenths != null ? tenths(pctTenths[i]) + "%" : "n/a", labelWidth, cyclesWidth, cpiWidth);
        }
        out.append("  ").append("-".repeat(head.length() - 2)).append('\n');
        row(out, "total", totalCycles, cpiText, total != 0 ? "100.0%" : "n/a", labelWidth, cyclesWidth, cpiWidth);
        return out.toString();
    }

    /** The reports of several runs, one after the other, separated by a blank line. */
    public static String format(List<Run> runs) {
        StringBuilder out = new StringBuilder();
        for (Run r : runs) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(format(r));
        }
        return out.toString();
    }

    /** The non-zero accounts in {@link CycleAccount} order, plus "unaccounted" if the total disagrees. */
    static List<Line> lines(Run run) {
        List<Line> lines = new ArrayList<>();
        for (CycleAccount a : CycleAccount.values()) {
            long c = run.stack().cycles(a);
            if (c != 0) {
                lines.add(new Line(a.label(), c));
            }
        }
        if (run.unaccounted() != 0) {
            lines.add(new Line("unaccounted", run.unaccounted()));
        }
        return lines;
    }

    /**
     * Rounds {@code values[i] * scale} to integers whose sum is the rounded exact sum (largest
     * remainder method), so rounded parts add up to the rounded total.
     */
    static long[] apportion(long[] values, double scale) {
        int n = values.length;
        long[] out = new long[n];
        double[] remainder = new double[n];
        double exactSum = 0;
        long floorSum = 0;
        for (int i = 0; i < n; i++) {
            double exact = values[i] * scale;
            exactSum += exact;
            out[i] = (long) Math.floor(exact);
            remainder[i] = exact - out[i];
            floorSum += out[i];
        }
        long missing = Math.round(exactSum) - floorSum;
        // hand the missing units to the largest remainders (ties: the earlier account)
        boolean[] given = new boolean[n];
        for (long m = 0; m < missing && m < n; m++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!given[i] && (best < 0 || remainder[i] > remainder[best])) {
                    best = i;
                }
            }
            given[best] = true;
            out[best]++;
        }
        return out;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    private static void summary(StringBuilder out, String name, String value, int labelWidth, int valueWidth) {
        out.append(String.format(Locale.ROOT, "  %-" + labelWidth + "s  %" + valueWidth + "s", name, value)).append('\n');
    }

    private static void row(StringBuilder out, String label, String cycles, String cpi, String pct,
                            int labelWidth, int cyclesWidth, int cpiWidth) {
        out.append(String.format(Locale.ROOT, "  %-" + labelWidth + "s  %" + cyclesWidth + "s  %" + cpiWidth + "s  %6s",
                label, cycles, cpi, pct)).append('\n');
    }

    static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String fixed3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** {@code 1235} as {@code "1.235"}. */
    private static String milli(long v) {
        String sign = v < 0 ? "-" : "";
        long a = Math.abs(v);
        return sign + (a / 1000) + "." + String.format(Locale.ROOT, "%03d", a % 1000);
    }

    /** {@code 812} as {@code "81.2"}. */
    private static String tenths(long v) {
        String sign = v < 0 ? "-" : "";
        long a = Math.abs(v);
        return sign + (a / 10) + "." + (a % 10);
    }
}
