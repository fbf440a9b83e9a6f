package org.hvsim.core.timing.branch;

import java.util.List;

/**
 * Parameters of one core's branch unit. Defaults and their sources are in
 * docs/branch-prediction.md; {@link #defaults()} builds them.
 *
 * @param direction           direction predictor: "static", "bimodal", "gshare" or "tage"
 * @param tableBits           log2 of the counter-table size (bimodal, gshare, TAGE base; TAGE's
 *                            tagged tables have a quarter as many entries each), 4..24
 * @param historyBits         global history length in conditional branches (gshare: XOR-folded into
 *                            the index; TAGE: the longest tagged history), 0..64; TAGE needs >= 4
 * @param btbEntries          BTB entries, a power of two
 * @param btbWays             BTB associativity, a power of two dividing {@code btbEntries}
 * @param rasEntries          return-address stack depth, 0..1024; 0 sends returns through the
 *                            indirect-target path
 * @param indirectEntries     indirect-target predictor entries, a power of two, or 0 for none
 *                            (indirect branches then use the BTB's last target)
 * @param indirectHistoryBits bits of target history for the indirect predictor, 0..64 (4 per target)
 */
public record BranchPredictorConfig(String direction, int tableBits, int historyBits, int btbEntries, int btbWays,
                                    int rasEntries, int indirectEntries, int indirectHistoryBits) {

    /** The direction predictor names {@link DirectionPredictors#create} accepts. */
    public static final List<String> DIRECTIONS = List.of("static", "bimodal", "gshare", "tage");

    public BranchPredictorConfig {
        if (direction == null || !DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException("unknown direction predictor '" + direction + "' (known: "
                    + String.join(", ", DIRECTIONS) + ")");
        }
        if (tableBits < 4 || tableBits > 24) {
            throw new IllegalArgumentException("tableBits must be in 4..24: " + tableBits);
        }
        if (historyBits < 0 || historyBits > 64) {
            throw new IllegalArgumentException("historyBits must be in 0..64: " + historyBits);
        }
        if (direction.equals("tage") && historyBits < 4) {
            throw new IllegalArgumentException("tage needs historyBits >= 4: " + historyBits);
        }
        if (!powerOfTwo(btbEntries) || !powerOfTwo(btbWays) || btbWays > btbEntries) {
            throw new IllegalArgumentException("btbEntries and btbWays must be powers of two with ways <= entries: "
                    + btbEntries + " entries, " + btbWays + " ways");
        }
        if (rasEntries < 0 || rasEntries > 1024) {
            throw new IllegalArgumentException("rasEntries must be in 0..1024: " + rasEntries);
        }
        if (indirectEntries != 0 && !powerOfTwo(indirectEntries)) {
            throw new IllegalArgumentException("indirectEntries must be 0 or a power of two: " + indirectEntries);
        }
        if (indirectHistoryBits < 0 || indirectHistoryBits > 64) {
            throw new IllegalArgumentException("indirectHistoryBits must be in 0..64: " + indirectHistoryBits);
        }
    }

    private static boolean powerOfTwo(int n) {
        return n > 0 && Integer.bitCount(n) == 1;
    }

    /** TAGE with a 4K-entry base and 64-branch history, 4K-entry 4-way BTB, 16-entry RAS, 1K indirect entries. */
    public static BranchPredictorConfig defaults() {
        return new BranchPredictorConfig("tage", 12, 64, 4096, 4, 16, 1024, 16);
    }

    /**
     * The defaults with another direction predictor and the history length that suits it: none for
     * static and bimodal, {@code tableBits} for gshare (as McFarling), 64 for TAGE.
     */
    public static BranchPredictorConfig defaults(String direction) {
        BranchPredictorConfig d = defaults();
        int history = switch (direction) {
            case "gshare" -> d.tableBits;
            case "tage" -> d.historyBits;
            default -> 0;
        };
        return new BranchPredictorConfig(direction, d.tableBits, history, d.btbEntries, d.btbWays,
                d.rasEntries, d.indirectEntries, d.indirectHistoryBits);
    }

    public BranchPredictorConfig withDirection(String name, int tableBits, int historyBits) {
        return new BranchPredictorConfig(name, tableBits, historyBits, btbEntries, btbWays, rasEntries,
                indirectEntries, indirectHistoryBits);
    }

    public BranchPredictorConfig withBtb(int entries, int ways) {
        return new BranchPredictorConfig(direction, tableBits, historyBits, entries, ways, rasEntries,
                indirectEntries, indirectHistoryBits);
    }

    public BranchPredictorConfig withRas(int entries) {
        return new BranchPredictorConfig(direction, tableBits, historyBits, btbEntries, btbWays, entries,
                indirectEntries, indirectHistoryBits);
    }

    public BranchPredictorConfig withIndirect(int entries, int historyBits) {
        return new BranchPredictorConfig(direction, tableBits, this.historyBits, btbEntries, btbWays, rasEntries,
                entries, historyBits);
    }
}
