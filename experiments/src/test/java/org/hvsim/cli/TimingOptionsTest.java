package org.hvsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --timing, --cpu, --fast-forward, --warm, --pipeview and the CPI-stack report of run and boot. */
class TimingOptionsTest {
    /**
     * mov ecx, 200; loop: add rax, rcx; imul rbx, rax; dec ecx; jne loop; mov edi, 0; mov eax, 60; syscall.
     * 1 + 4 x 200 + 3 = 804 instructions.
     */
    private static final int[] LOOP = {0xB9, 200, 0, 0, 0,
        0x48, 0x01, 0xC8, 0x48, 0x0F, 0xAF, 0xD8, 0xFF, 0xC9, 0x75, 0xF5,
        0xBF, 0, 0, 0, 0, 0xB8, 60, 0, 0, 0, 0x0F, 0x05};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int hvsim(String... args) {
        return HvsimCommand.execute(new Console(new ByteArrayInputStream(new byte[0]), out, err), args);
    }

    private String program() throws IOException {
        Path p = dir.resolve("loop");
        Files.write(p, MiniElf.of(LOOP));
        return p.toString();
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The value of one row of the CPI report, e.g. "instructions". */
    private long reportValue(String row) {
        return stderr().lines().filter(l -> l.strip().startsWith(row + " ")).findFirst()
                .map(l -> Long.parseLong(l.strip().split("\\s+")[1].replace(",", "")))
                .orElseThrow(() -> new AssertionError("no '" + row + "' row in: " + stderr()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inorder", "ooo"})
    void timedRunPrintsACpiStackThatSumsToTheCycles(String model) throws IOException {
        assertThat(hvsim("run", "--timing", model, "--cpu", "skylake", program())).isZero();
        assertThat(stderr()).contains("CPI stack: " + model + " on skylake").contains("IPC").contains("base");
        assertThat(reportValue("instructions")).isEqualTo(804);
        long cycles = reportValue("cycles");
        assertThat(reportValue("total")).isEqualTo(cycles);
        assertThat(cycles).isGreaterThan(804 / 8);
    }

    @Test
    void inOrderIsSlowerThanOutOfOrderOnTheSameProgram() throws IOException {
        hvsim("run", "--timing", "inorder", program());
        long inorder = reportValue("cycles");
        err.reset();
        hvsim("run", "--timing", "ooo", program());
        long ooo = reportValue("cycles");
        assertThat(inorder).isGreaterThan(ooo);
    }

    @Test
    void warmFastForwardReportsOnlyTheMeasuredInstructions() throws IOException {
        assertThat(hvsim("run", "--timing", "ooo", "--fast-forward", "300", "--warm", program())).isZero();
        assertThat(stderr()).contains("after 300 warm-up instructions");
        assertThat(reportValue("instructions")).isEqualTo(504);
    }

    @Test
    void coldFastForwardRunsTheFirstInstructionsFunctionally() throws IOException {
        assertThat(hvsim("run", "--timing", "inorder", "--fast-forward", "100", program())).isZero();
        assertThat(reportValue("instructions")).isEqualTo(704);
    }

    @Test
    void pipeviewDrawsTheWindowAndWritesImages() throws IOException {
        Path png = dir.resolve("pipe.png");
        Path cpi = dir.resolve("cpi.png");
        assertThat(hvsim("run", "--timing", "inorder", "--pipeview", "10:6", "--pipeview-png", png.toString(),
                "--cpi-png", cpi.toString(), program())).isZero();
        assertThat(stderr()).contains("Pipeline diagram: instructions 10-15").contains("imul").contains("F=fetch");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isPositive();
        assertThat(ImageIO.read(cpi.toFile()).getHeight()).isPositive();
    }

    @Test
    void bootUnderATimingModelKeepsTheWorkloadsOutput() {
        assertThat(hvsim("boot", "--workload", "syscall", "--param", "iters=200", "--timing", "ooo")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("CHECK syscall").contains("DONE workload=syscall status=ok");
        assertThat(stderr()).contains("CPI stack: ooo on skylake").contains("serialization");
    }

    @Test
    void bootSwitchesToTheTimingModelAfterAFunctionalFastForwardWithoutLosingTime() {
        // The timer keeps ticking across the switch (simulated time must not restart at 0), so the
        // preemptive workload still completes.
        assertThat(hvsim("boot", "--workload", "ctxswitch", "--param", "iters=40", "--timing", "inorder",
                "--fast-forward", "20000")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("DONE workload=ctxswitch status=ok");
        assertThat(reportValue("instructions")).isPositive();
    }

    @Test
    void timedUserRunModelsTlbWalks() throws IOException {
        assertThat(hvsim("run", "--timing", "ooo", program())).isZero();
        assertThat(stderr()).contains("tlb/walk");
    }

    @Test
    void unknownTimingModelIsAUsageError() throws IOException {
        assertThat(hvsim("run", "--timing", "warp", program())).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).startsWith("hvsim: unknown timing model 'warp'").contains("none, inorder, ooo");
        assertThat(stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void pipeviewWithoutATimingModelIsAUsageError() throws IOException {
        assertThat(hvsim("run", "--pipeview", "0:5", program())).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("need a timing model");
    }

    @Test
    void malformedPipeviewIsAUsageError() throws IOException {
        assertThat(hvsim("run", "--timing", "ooo", "--pipeview", "ten", program())).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).startsWith("hvsim: --pipeview");
    }
}
