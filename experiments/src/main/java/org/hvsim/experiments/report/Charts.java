package org.hvsim.experiments.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** What the PNG charts share: headless AWT, fixed fonts and colours, PNG writing. */
final class Charts {
    static {
        // Charts are drawn into images only: never open a display (CI, ssh sessions).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** A fixed palette (colour-blind-friendly first, Okabe-Ito order), so a key keeps its colour across runs. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x332288),
        new Color(0x8C564B), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
        new Color(0x9467BD), new Color(0xFF9896), new Color(0x98DF8A), new Color(0xC49C94),
    };

    static final Color WAITING = new Color(0xD9D9D9);

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font MONO = new Font(Font.MONOSPACED, Font.PLAIN, 12);
    static final Font SMALL_BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 11);

    private Charts() {
    }

    /** Makes sure the static initialiser (headless mode) has run before any AWT class loads. */
    static void init() {
        // the static block does the work
    }

    static Paint colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** Writes {@code chart} as a {@code width} x {@code height} PNG, creating parent directories. */
    static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        }
    }
}
