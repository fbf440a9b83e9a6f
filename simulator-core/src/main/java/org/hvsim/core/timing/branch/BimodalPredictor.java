package org.hvsim.core.timing.branch;

/**
 * Bimodal: a table of 2-bit saturating counters indexed by the low bits of the branch address
 * (J. E. Smith, "A Study of Branch Prediction Strategies", ISCA 1981, strategy 7). Counter values
 * 0-1 predict not taken, 2-3 taken; every counter starts weakly taken (2), since most conditional
 * branches close loops. Two branches whose addresses agree in the low {@code tableBits} bits share
 * a counter (aliasing).
 */
public final class BimodalPredictor implements DirectionPredictor {

    private final byte[] counters;
    private final int mask;

    public BimodalPredictor(int tableBits) {
        counters = new byte[1 << tableBits];
        mask = counters.length - 1;
        java.util.Arrays.fill(counters, (byte) 2);
    }

    @Override
    public boolean predict(long pc) {
        return counters[(int) pc & mask] >= 2;
    }

    @Override
    public void update(long pc, boolean taken) {
        int i = (int) pc & mask;
        counters[i] = Counters.step2(counters[i], taken);
    }

    @Override
    public String name() {
        return "bimodal";
    }
}
