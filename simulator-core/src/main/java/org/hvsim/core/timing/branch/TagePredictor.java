package org.hvsim.core.timing.branch;

import java.util.Arrays;

/**
 * A compact TAGE (A. Seznec and P. Michaud, "A case for (partially) TAgged GEometric history
 * length branch prediction", JILP vol. 8, 2006): a bimodal base table plus {@value #TABLES}
 * tagged tables indexed by the pc hashed with global histories of geometrically growing lengths.
 * The longest-history table whose tag matches provides the prediction; on a misprediction one
 * entry is allocated in a table with a longer history than the provider's.
 *
 * <p>Simplifications against the paper, to stay readable: the history is one 64-bit register
 * (longest history 64 branches; no path history); the provider is always used, even when it was
 * just allocated (no USE_ALT_ON_NA); allocation takes the first longer table whose entry is not
 * useful instead of a random choice (deterministic); useful counters are halved every
 * 2^18 updates instead of the paper's alternating MSB/LSB reset; folded histories are recomputed
 * per prediction instead of kept in circular shift registers.
 */
public final class TagePredictor implements DirectionPredictor {

    static final int TABLES = 4;
    private static final int TAG_BITS = 9;
    private static final int CTR_MAX = 3; // 3-bit signed counter -4..3; >= 0 predicts taken
    private static final int U_MAX = 3; // 2-bit useful counter
    private static final int RESET_PERIOD_MASK = (1 << 18) - 1;

    private final byte[] base;
    private final int baseMask;
    private final int indexBits;
    private final int indexMask;
    private final int[] historyLength = new int[TABLES];
    private final byte[][] ctr = new byte[TABLES][];
    private final short[][] tag = new short[TABLES][];
    private final byte[][] useful = new byte[TABLES][];

    private long history; // youngest outcome in bit 0
    private int updates;

    // State of the last prediction, reused by update().
    private long lastPc;
    private boolean havePrediction;
    private final int[] index = new int[TABLES];
    private final short[] wantTag = new short[TABLES];
    private int provider; // table number, or -1 for the base
    private boolean providerPred;
    private boolean altPred;

    /**
     * @param tableBits   log2 of the base table size; each tagged table has a quarter as many entries
     * @param historyBits longest history (1..64); the others follow a geometric series down to 4
     */
    public TagePredictor(int tableBits, int historyBits) {
        base = new byte[1 << tableBits];
        Arrays.fill(base, (byte) 2);
        baseMask = base.length - 1;
        indexBits = Math.max(1, tableBits - 2);
        indexMask = (1 << indexBits) - 1;
        int shortest = Math.min(4, historyBits);
        double ratio = Math.pow((double) historyBits / shortest, 1.0 / (TABLES - 1));
        for (int t = 0; t < TABLES; t++) {
            historyLength[t] = (int) Math.round(shortest * Math.pow(ratio, t));
            ctr[t] = new byte[1 << indexBits];
            tag[t] = new short[1 << indexBits];
            useful[t] = new byte[1 << indexBits];
            Arrays.fill(tag[t], (short) -1); // no real tag matches: tags are TAG_BITS wide
        }
    }

    /** The history length of each tagged table, shortest first. */
    public int[] historyLengths() {
        return historyLength.clone();
    }

    @Override
    public boolean predict(long pc) {
        for (int t = 0; t < TABLES; t++) {
            int len = historyLength[t];
            index[t] = (int) (pc ^ (pc >>> indexBits) ^ Counters.fold(history, len, indexBits)) & indexMask;
            wantTag[t] = (short) ((pc ^ Counters.fold(history, len, TAG_BITS)
                    ^ (Counters.fold(history, len, TAG_BITS - 1) << 1)) & ((1 << TAG_BITS) - 1));
        }
        provider = -1;
        int alt = -1;
        for (int t = TABLES - 1; t >= 0; t--) {
            if (tag[t][index[t]] == wantTag[t]) {
                if (provider < 0) {
                    provider = t;
                } else {
                    alt = t;
                    break;
                }
            }
        }
        boolean basePred = base[(int) pc & baseMask] >= 2;
        altPred = alt >= 0 ? ctr[alt][index[alt]] >= 0 : basePred;
        providerPred = provider >= 0 ? ctr[provider][index[provider]] >= 0 : basePred;
        lastPc = pc;
        havePrediction = true;
        return providerPred;
    }

    @Override
    public void update(long pc, boolean taken) {
        if (!havePrediction || pc != lastPc) {
            predict(pc);
        }
        havePrediction = false;
        if (providerPred != taken && provider < TABLES - 1) {
            allocate(taken);
        }
        if (provider >= 0) {
            int i = index[provider];
            ctr[provider][i] = Counters.stepSigned(ctr[provider][i], taken, CTR_MAX);
            if (providerPred != altPred) {
                byte u = useful[provider][i];
                useful[provider][i] = (byte) (providerPred == taken ? Math.min(U_MAX, u + 1) : Math.max(0, u - 1));
            }
        } else {
            int i = (int) pc & baseMask;
            base[i] = Counters.step2(base[i], taken);
        }
        if ((++updates & RESET_PERIOD_MASK) == 0) {
            for (byte[] u : useful) {
                for (int i = 0; i < u.length; i++) {
                    u[i] >>= 1;
                }
            }
        }
        history = (history << 1) | (taken ? 1 : 0);
    }

    /** Takes one not-useful entry in a longer-history table, or ages the candidates if none is free. */
    private void allocate(boolean taken) {
        for (int t = provider + 1; t < TABLES; t++) {
            int i = index[t];
            if (useful[t][i] == 0) {
                tag[t][i] = wantTag[t];
                ctr[t][i] = (byte) (taken ? 0 : -1); // weak, in the direction just seen
                return;
            }
        }
        for (int t = provider + 1; t < TABLES; t++) {
            useful[t][index[t]]--;
        }
    }

    @Override
    public String name() {
        return "tage";
    }
}
