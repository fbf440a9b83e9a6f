package org.hvsim.experiments.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hvsim.core.timing.CycleAccount;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The CPI stack as a stacked-bar PNG (JFreeChart): one bar per labelled run, one segment per
 * account, bottom to top in {@link CycleAccount} order. Each account has a fixed colour (by
 * its position in {@link CycleAccount}), so charts of different experiments agree.
 */
public final class CpiStackChart {
    /** What the bars measure. */
    public enum Scale {
        /** Cycles per instruction: runs of different lengths compare. */
        CPI("cycles per instruction"),
        /** Total cycles: the same program run different ways compares. */
        CYCLES("cycles");

        private final String axis;

        Scale(String axis) {
            this.axis = axis;
        }
    }

    public static final int DEFAULT_HEIGHT = 600;

    static {
        Charts.init();
    }

    private CpiStackChart() {
    }

    /** Writes the CPI-scale chart of {@code runs}, 640 pixels wide plus 160 a bar beyond two, 600 high. */
    public static void writePng(List<CpiReport.Run> runs, Path file) throws IOException {
        writePng(runs, Scale.CPI, file, defaultWidth(runs.size()), DEFAULT_HEIGHT);
    }

    /** Writes the chart of {@code runs} on {@code scale} as a {@code width} x {@code height} PNG. */
    public static void writePng(List<CpiReport.Run> runs, Scale scale, Path file, int width, int height)
            throws IOException {
        Charts.writePng(chart(runs, scale, null), file, width, height);
    }

    /** The default width for {@code bars} bars. */
    public static int defaultWidth(int bars) {
        return 640 + 160 * Math.max(0, bars - 2);
    }

    /**
     * The chart itself.
     *
     * @param title the chart title, or null for "CPI stack"
     * @throws IllegalArgumentException without runs, with duplicate labels, or on the CPI scale
     *                                  for a run without instructions
     */
    public static JFreeChart chart(List<CpiReport.Run> runs, Scale scale, String title) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run to chart");
        }
        Set<String> labels = new HashSet<>();
        for (CpiReport.Run r : runs) {
            if (!labels.add(r.label())) {
                throw new IllegalArgumentException("two runs are labelled '" + r.label() + "'");
            }
            if (scale == Scale.CPI && r.instructions() <= 0) {
                throw new IllegalArgumentException("run '" + r.label() + "' retired no instruction: chart cycles instead");
            }
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        StackedBarRenderer renderer = new StackedBarRenderer();
        int series = 0;
        // Rows (series) in account order, only accounts non-zero in some run; "unaccounted" last.
        for (CycleAccount a : CycleAccount.values()) {
            boolean used = false;
            for (CpiReport.Run r : runs) {
                used |= r.stack().cycles(a) != 0;
            }
            if (!used) {
                continue;
            }
            for (CpiReport.Run r : runs) {
                data.addValue(value(r.stack().cycles(a), r, scale), a.label(), r.label());
            }
            renderer.setSeriesPaint(series++, Charts.colour(a.ordinal()));
        }
        boolean unaccounted = false;
        for (CpiReport.Run r : runs) {
            unaccounted |= r.unaccounted() != 0;
        }
        if (unaccounted) {
            for (CpiReport.Run r : runs) {
                data.addValue(value(r.unaccounted(), r, scale), "unaccounted", r.label());
            }
            renderer.setSeriesPaint(series, Color.DARK_GRAY);
        }
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.35);
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.WHITE);

        CategoryAxis runAxis = new CategoryAxis(null);
        runAxis.setTickLabelFont(Charts.LABEL);
        NumberAxis valueAxis = new NumberAxis(scale.axis);
        valueAxis.setLabelFont(Charts.LABEL);
        CategoryPlot plot = new CategoryPlot(data, runAxis, valueAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xBBBBBB));

        JFreeChart chart = new JFreeChart(plot);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(title != null ? title : "CPI stack", Charts.TITLE));
        StringBuilder totals = new StringBuilder();
        for (CpiReport.Run r : runs) {
            totals.append(totals.length() == 0 ? "" : "   ").append(r.label()).append(": ");
            totals.append(scale == Scale.CPI
                    ? "CPI " + String.format(Locale.ROOT, "%.3f", r.cpi())
                    : CpiReport.grouped(r.cycles()) + " cycles");
        }
        chart.addSubtitle(new TextTitle(totals.toString(), Charts.LABEL));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setSortOrder(org.jfree.chart.util.SortOrder.DESCENDING); // top of the legend = top of the bar
        legend.setItemFont(Charts.LABEL);
        return chart;
    }

    private static double value(long cycles, CpiReport.Run r, Scale scale) {
        return scale == Scale.CPI ? (double) cycles / r.instructions() : cycles;
    }
}
