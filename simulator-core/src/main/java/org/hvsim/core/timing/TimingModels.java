package org.hvsim.core.timing;

import java.util.List;
import java.util.Locale;
import org.hvsim.core.cpu.CpuModel;
import org.hvsim.core.cpu.Microarchitecture;
import org.hvsim.core.timing.branch.BranchPredictorConfig;
import org.hvsim.core.timing.branch.BranchUnit;
import org.hvsim.core.timing.inorder.ExecutionLatencies;
import org.hvsim.core.timing.inorder.InOrderConfig;
import org.hvsim.core.timing.inorder.InOrderPipeline;
import org.hvsim.core.timing.ooo.OutOfOrderConfig;
import org.hvsim.core.timing.ooo.OutOfOrderModel;

/** Builds the timing model a run asks for ({@code --timing}) from a CPU preset. */
public final class TimingModels {
    /** The names {@code --timing} accepts; "none" is the functional core. */
    public static final List<String> NAMES = List.of("none", "inorder", "ooo");
    /**
     * History bits of the indirect-target predictor: the presets do not give them (Intel and AMD
     * do not disclose them); 16 is the branch package's documented default (an assumption).
     */
    private static final int INDIRECT_HISTORY_BITS = 16;

    private TimingModels() {
    }

    /**
     * @return the model, or null for "none"
     * @throws IllegalArgumentException for an unknown name (message lists the known ones)
     */
    public static TimingModel create(String name, CpuModel cpu, MemoryTiming memory) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "none":
                return null;
            case "inorder":
                return new InOrderPipeline(InOrderConfig.defaults(),
                        ExecutionLatencies.of(cpu.microarchitecture().execution()),
                        new BranchUnit(branchConfig(cpu.microarchitecture().branch())), memory);
            case "ooo":
                return new OutOfOrderModel(OutOfOrderConfig.from(cpu), memory);
            default:
                throw new IllegalArgumentException("unknown timing model '" + name + "' (known: "
                        + String.join(", ", NAMES) + ")");
        }
    }

    /**
     * The branch unit a preset describes, within what the predictors implement: the TAGE-like
     * predictor keeps one 64-bit global history, so longer published histories (Skylake's longest
     * TAGE component, about 186 branches, is an estimate) are clamped to 64 - a documented
     * simplification; table sizes are clamped to 2^4..2^24 entries.
     */
    public static BranchPredictorConfig branchConfig(Microarchitecture.Branch b) {
        String direction = b.predictor().name().toLowerCase(Locale.ROOT);
        int history = Math.min(64, b.historyBits());
        if (direction.equals("tage")) {
            history = Math.max(4, history);
        }
        return new BranchPredictorConfig(direction, Math.max(4, Math.min(24, b.tableBits())), history,
                b.btbEntries(), b.btbWays(), b.rasEntries(), b.indirectEntries(), INDIRECT_HISTORY_BITS);
    }
}
