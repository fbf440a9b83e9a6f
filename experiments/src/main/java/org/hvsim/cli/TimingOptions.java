package org.hvsim.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The timing options shared by {@code hvsim run} and {@code hvsim boot} (docs/cli.md, "Timing"). */
final class TimingOptions {
    @Option(names = "--timing", paramLabel = "MODEL", defaultValue = "none",
            description = "Timing model: none (functional), inorder (textbook 5-stage pipeline) or ooo "
                    + "(out-of-order interval model). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--fast-forward", paramLabel = "N", defaultValue = "0",
            description = "Run the first N instructions functionally before the timing model starts.")
    long fastForward;

    @Option(names = "--warm",
            description = "With --fast-forward: run the first N instructions under the timing model to warm "
                    + "caches, TLBs and predictors, and report only what follows.")
    boolean warm;

    @Option(names = "--pipeview", paramLabel = "FROM:COUNT",
            description = "Draw a pipeline diagram of COUNT instructions starting at instruction FROM (on stderr).")
    String pipeview;

    @Option(names = "--pipeview-png", paramLabel = "FILE",
            description = "Also write the pipeline diagram as a PNG image.")
    Path pipeviewPng;

    @Option(names = "--cpi-png", paramLabel = "FILE", description = "Write the CPI stack as a PNG bar chart.")
    Path cpiPng;

    boolean timed() {
        return !"none".equalsIgnoreCase(model);
    }
}
