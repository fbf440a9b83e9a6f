package org.hvsim.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.CycleAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportChartPngTest {
    @TempDir
    Path dir;

    private static BufferedImage read(Path png) throws IOException {
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(1_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodable PNG").isNotNull();
        return image;
    }

    /** Whether the image has at least {@code n} distinct colours (it is a chart, not a blank). */
    private static boolean colourful(BufferedImage image, int n) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
                if (colours.size() >= n) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void pipelinePngIsSizedToTheWindow() throws IOException {
        Path png = dir.resolve("sub/pipe.png");
        PipelineWindow w = ReportPipelineTextChartTest.loadUse();
        w.writePng(png);
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(800);            // 10 cycles: the minimum width
        assertThat(image.getHeight()).isEqualTo(170 + 24 * 5); // 5 rows
        assertThat(colourful(image, 8)).isTrue();
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void pipelinePngHasTheRequestedSizeAndIsDeterministic() throws IOException {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        PipelineImageChart.writePng(ReportPipelineTextChartTest.outOfOrder(), a, 640, 300);
        PipelineImageChart.writePng(ReportPipelineTextChartTest.outOfOrder(), b, 640, 300);
        BufferedImage image = read(a);
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void anEmptyWindowStillDrawsAChart() throws IOException {
        Path png = dir.resolve("empty.png");
        PipelineWindow.parse("7:3").writePng(png);
        assertThat(read(png).getWidth()).isEqualTo(800);
    }

    @Test
    void cpiStackPngComparesRuns() throws IOException {
        CpiStack vtx = ReportCpiReportTest.sample();
        vtx.add(CycleAccount.VM_EXIT, 5_000);
        vtx.add(CycleAccount.TLB_NESTED, 1_500);
        List<CpiReport.Run> runs = List.of(CpiReport.Run.of("native", 10_000, ReportCpiReportTest.sample()),
                CpiReport.Run.of("vt-x", 10_000, vtx), CpiReport.Run.of("vt-x+ept", 10_000, vtx));
        Path png = dir.resolve("cpi.png");
        CpiStackChart.writePng(runs, png);
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(CpiStackChart.defaultWidth(3)).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(CpiStackChart.DEFAULT_HEIGHT);
        assertThat(colourful(image, 8)).isTrue();

        Path cycles = dir.resolve("cycles.png");
        CpiStackChart.writePng(runs.subList(0, 1), CpiStackChart.Scale.CYCLES, cycles, 400, 500);
        BufferedImage one = read(cycles);
        assertThat(one.getWidth()).isEqualTo(400);
        assertThat(one.getHeight()).isEqualTo(500);
    }

    @Test
    void cpiChartRejectsWhatItCannotDraw() {
        CpiStack s = ReportCpiReportTest.sample();
        assertThatThrownBy(() -> CpiStackChart.chart(List.of(), CpiStackChart.Scale.CPI, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpiStackChart.chart(
                List.of(CpiReport.Run.of("a", 1, s), CpiReport.Run.of("a", 1, s)), CpiStackChart.Scale.CPI, null))
                .hasMessageContaining("two runs");
        assertThatThrownBy(() -> CpiStackChart.chart(List.of(CpiReport.Run.of("idle", 0, s)), CpiStackChart.Scale.CPI, null))
                .hasMessageContaining("no instruction");
        assertThat(CpiStackChart.chart(List.of(CpiReport.Run.of("idle", 0, s)), CpiStackChart.Scale.CYCLES, "t"))
                .isNotNull();
    }
}
