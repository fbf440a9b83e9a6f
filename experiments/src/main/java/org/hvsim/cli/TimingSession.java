package org.hvsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hvsim.core.cpu.CpuModel;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.MemoryTiming;
import org.hvsim.core.timing.TimingModel;
import org.hvsim.core.timing.TimingModels;
import org.hvsim.experiments.report.CpiReport;
import org.hvsim.experiments.report.CpiStackChart;
import org.hvsim.experiments.report.PipelineWindow;

/**
 * One timed run as the CLI drives it: builds the model from the options and the preset, keeps
 * the warm-up snapshot (snapshot-and-subtract), and prints the CPI stack and the pipeline
 * diagram afterwards.
 */
final class TimingSession {
    private final TimingOptions options;
    private final TimingModel model;
    private final PipelineWindow window;
    private CpiStack warmStack = new CpiStack();
    private long warmInstructions;

    private TimingSession(TimingOptions options, TimingModel model, PipelineWindow window) {
        this.options = options;
        this.model = model;
        this.window = window;
    }

    /** Checks the options; returns null when no timing model was asked for. */
    static TimingSession create(TimingOptions options, CpuModel cpu, MemoryTiming memory) {
        if (options.fastForward < 0) {
            throw new CliException(ExitCodes.USAGE, "--fast-forward must not be negative, got " + options.fastForward);
        }
        if (!options.timed()) {
            if (options.pipeview != null || options.pipeviewPng != null || options.cpiPng != null || options.warm) {
                throw new CliException(ExitCodes.USAGE,
                        "--pipeview, --pipeview-png, --cpi-png and --warm need a timing model: add --timing inorder or --timing ooo");
            }
            return null;
        }
        TimingModel model;
        try {
            model = TimingModels.create(options.model, cpu, memory);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, ProgramFiles.oneLine(e.getMessage()));
        }
        PipelineWindow window = null;
        if (options.pipeview != null) {
            try {
                window = PipelineWindow.parse(options.pipeview);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--pipeview: " + ProgramFiles.oneLine(e.getMessage()));
            }
            model.setPipelineRecorder(window);
        } else if (options.pipeviewPng != null) {
            throw new CliException(ExitCodes.USAGE, "--pipeview-png needs --pipeview FROM:COUNT");
        }
        return new TimingSession(options, model, window);
    }

    TimingModel model() {
        return model;
    }

    /** Marks the end of the warm-up: statistics from here on are the ones reported. */
    void endWarmUp() {
        warmStack = model.cpiStack().copy();
        warmInstructions = model.instructions();
    }

    /** Prints the CPI stack (and the pipeline diagram) on {@code err}; writes the requested images. */
    void report(PrintStream err, String cpuName) {
        CpiStack measured = model.cpiStack().minus(warmStack);
        long instructions = model.instructions() - warmInstructions;
        String label = model.name() + " on " + cpuName + (warmInstructions > 0 ? " (after " + warmInstructions
                + " warm-up instructions)" : "");
        err.print(CpiReport.format(label, measured.total(), instructions, measured));
        if (window != null) {
            err.print(window.render());
        }
        try {
            if (window != null && options.pipeviewPng != null) {
                window.writePng(options.pipeviewPng);
            }
            if (options.cpiPng != null) {
                CpiStackChart.writePng(List.of(CpiReport.Run.of(label, instructions, measured)),
                        options.cpiPng);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CliException(ExitCodes.SIMULATOR_ERROR, "writing an image failed: " + ProgramFiles.oneLine(e.getMessage()));
        }
        err.flush();
    }
}
