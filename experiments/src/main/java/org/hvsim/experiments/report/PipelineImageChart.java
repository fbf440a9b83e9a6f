package org.hvsim.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The pipeline diagram as a Gantt-style PNG (JFreeChart): one row per instruction, first at
 * the top, cycles along the horizontal axis; each stage is a coloured one-cycle box with its
 * letter, waiting cycles a grey bar, as in {@link PipelineTextChart}.
 */
public final class PipelineImageChart {
    static final int LABEL_CHARS = 40;
    private static final int MIN_WIDTH = 800;
    private static final int MAX_WIDTH = 2400;
    private static final int MAX_HEIGHT = 4000;

    static {
        Charts.init();
    }

    private PipelineImageChart() {
    }

    /** Writes the chart with a size fitting the window (see {@link #width} and {@link #height}). */
    public static void writePng(PipelineWindow window, Path file) throws IOException {
        List<PipelineWindow.Entry> entries = window.entries();
        writePng(window, file, width(entries), height(entries));
    }

    /** Writes the chart as a {@code width} x {@code height} PNG. */
    public static void writePng(PipelineWindow window, Path file, int width, int height) throws IOException {
        Charts.writePng(chart(window), file, width, height);
    }

    /** The image width for a recording: about 18 pixels a cycle plus the labels, within 800-2400. */
    static int width(List<PipelineWindow.Entry> entries) {
        long span = span(entries);
        return (int) Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, 360 + 18 * span));
    }

    /** The image height for a recording: about 24 pixels a row plus titles, axis and legend. */
    static int height(List<PipelineWindow.Entry> entries) {
        return Math.min(MAX_HEIGHT, 170 + 24 * Math.max(1, entries.size()));
    }

    /** The chart itself, for embedding in other reports. */
    public static JFreeChart chart(PipelineWindow window) {
        List<PipelineWindow.Entry> entries = window.entries();
        long origin = Long.MAX_VALUE;
        for (PipelineWindow.Entry e : entries) {
            origin = Math.min(origin, e.firstCycle());
        }
        List<String> stages = StageNames.distinct(entries);
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        List<XYIntervalSeries> series = new ArrayList<>();
        for (String s : stages) {
            XYIntervalSeries xs = new XYIntervalSeries(StageNames.letter(s) + " " + StageNames.describe(s, stages));
            series.add(xs);
            data.addSeries(xs);
        }
        XYIntervalSeries waiting = new XYIntervalSeries("waiting");
        data.addSeries(waiting);

        String[] labels = new String[entries.size()];
        for (int row = 0; row < entries.size(); row++) {
            PipelineWindow.Entry e = entries.get(row);
            labels[row] = PipelineTextChart.truncate(e.label(), LABEL_CHARS);
            for (int k = 0; k < e.stages(); k++) {
                double start = e.stageCycles()[k] - origin;
                double end = e.stageEnd(k) - origin;
                series.get(stages.indexOf(e.stageNames()[k])).add(row, row - 0.35, row + 0.35, start, start, start + 1);
                if (end > start + 1) {
                    waiting.add(row, row - 0.2, row + 0.2, start + 1, start + 1, end);
                }
            }
        }

        SymbolAxis rows = new SymbolAxis(null, labels);
        rows.setInverted(true);
        rows.setGridBandsVisible(false);
        rows.setTickLabelFont(Charts.MONO);
        rows.setLowerMargin(0.0);
        rows.setUpperMargin(0.0);
        rows.setRange(-0.6, Math.max(0, entries.size() - 1) + 0.6);

        NumberAxis cycles = new NumberAxis("cycle (0 = first fetch in the window, cycle " + (entries.isEmpty() ? 0 : origin) + " of the run)");
        cycles.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        cycles.setLabelFont(Charts.LABEL);
        long span = span(entries);
        cycles.setRange(0, Math.max(1, span));

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.WHITE);
        renderer.setDefaultOutlineStroke(new BasicStroke(1.0f));
        for (int i = 0; i < stages.size(); i++) {
            renderer.setSeriesPaint(i, Charts.colour(i));
        }
        renderer.setSeriesPaint(stages.size(), Charts.WAITING);
        // The stage letter inside its box, when boxes are wide enough to hold it.
        boolean letters = span <= 100;
        renderer.setDefaultItemLabelGenerator((dataset, s, item) -> s < stages.size()
                ? String.valueOf(StageNames.letter(stages.get(s))) : null);
        renderer.setDefaultItemLabelsVisible(letters);
        renderer.setSeriesItemLabelsVisible(stages.size(), false);
        renderer.setDefaultItemLabelFont(Charts.SMALL_BOLD);
        renderer.setDefaultItemLabelPaint(Color.WHITE);
        ItemLabelPosition centre = new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER);
        renderer.setDefaultPositiveItemLabelPosition(centre);
        renderer.setDefaultNegativeItemLabelPosition(centre);

        XYPlot plot = new XYPlot(data, rows, cycles, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.TOP_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(new Color(0xBBBBBB));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));

        JFreeChart chart = new JFreeChart(plot);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        String title = "Pipeline diagram: instructions " + window.from() + "-" + (window.from() + window.count() - 1);
        if (entries.isEmpty()) {
            title += " (none recorded)";
        }
        chart.setTitle(new TextTitle(title, Charts.TITLE));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(Charts.LABEL);
        return chart;
    }

    private static long span(List<PipelineWindow.Entry> entries) {
        long origin = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (PipelineWindow.Entry e : entries) {
            origin = Math.min(origin, e.firstCycle());
            end = Math.max(end, e.lastCycleExclusive());
        }
        return entries.isEmpty() ? 0 : end - origin;
    }
}
