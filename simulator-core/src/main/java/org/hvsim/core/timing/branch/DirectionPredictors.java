package org.hvsim.core.timing.branch;

/** Builds a direction predictor by name. To add one, write its class and add a case here. */
public final class DirectionPredictors {

    private DirectionPredictors() {}

    public static DirectionPredictor create(BranchPredictorConfig c) {
        return switch (c.direction()) {
            case "static" -> new StaticPredictor();
            case "bimodal" -> new BimodalPredictor(c.tableBits());
            case "gshare" -> new GsharePredictor(c.tableBits(), c.historyBits());
            case "tage" -> new TagePredictor(c.tableBits(), c.historyBits());
            default -> throw new IllegalArgumentException("unknown direction predictor '" + c.direction() + "'");
        };
    }
}
