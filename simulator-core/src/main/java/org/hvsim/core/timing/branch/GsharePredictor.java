package org.hvsim.core.timing.branch;

/**
 * Gshare: 2-bit counters indexed by the branch address XOR the global history of conditional
 * outcomes (S. McFarling, "Combining Branch Predictors", DEC WRL Technical Note TN-36, 1993,
 * section 6). McFarling uses as many history bits as index bits; a longer history is XOR-folded
 * into the index ({@link Counters#fold}). Counters start weakly taken, as in {@link BimodalPredictor}.
 */
public final class GsharePredictor implements DirectionPredictor {

    private final byte[] counters;
    private final int tableBits;
    private final int historyBits;
    private final int mask;
    private long history; // youngest outcome in bit 0

    public GsharePredictor(int tableBits, int historyBits) {
        this.tableBits = tableBits;
        this.historyBits = historyBits;
        counters = new byte[1 << tableBits];
        mask = counters.length - 1;
        java.util.Arrays.fill(counters, (byte) 2);
    }

    private int index(long pc) {
        return (int) (pc ^ Counters.fold(history, historyBits, tableBits)) & mask;
    }

    @Override
    public boolean predict(long pc) {
        return counters[index(pc)] >= 2;
    }

    @Override
    public void update(long pc, boolean taken) {
        int i = index(pc);
        counters[i] = Counters.step2(counters[i], taken);
        history = (history << 1) | (taken ? 1 : 0);
    }

    @Override
    public String name() {
        return "gshare";
    }
}
