package org.hvsim.core.timing.inorder;

/**
 * Parameters of the in-order pipeline that are not properties of the CPU preset (see
 * docs/timing-inorder.md). Caches, TLBs, branch predictor and execution latencies come from the
 * preset through {@link ExecutionLatencies}, {@link org.hvsim.core.timing.branch.BranchUnit} and
 * {@link org.hvsim.core.timing.MemoryTiming}.
 *
 * @param depth      number of pipeline stages, {@value #MIN_DEPTH}..{@value #MAX_DEPTH}; default 5
 *                   (F D X M W). Deeper pipelines split the front end: {@code depth - 3} stages
 *                   before X, the first half (rounded up) fetch stages F1..Fn, the rest decode
 *                   stages D1..Dm; X, M and W stay single stages. A branch misprediction costs
 *                   {@code depth - 3} cycles (the stages before X).
 * @param forwarding whether results are forwarded (EX->EX for ALU results, MEM->EX for loads);
 *                   default true. Without forwarding a consumer reads the register file in its
 *                   last decode stage no earlier than the producer's write-back cycle (written in
 *                   the first half of the cycle, read in the second).
 */
public record InOrderConfig(int depth, boolean forwarding) {
    public static final int MIN_DEPTH = 5;
    public static final int MAX_DEPTH = 31;

    public InOrderConfig {
        if (depth < MIN_DEPTH || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("in-order pipeline depth must be in " + MIN_DEPTH + ".." + MAX_DEPTH
                    + ": " + depth);
        }
    }

    /** The textbook pipeline: five stages with full forwarding. */
    public static InOrderConfig defaults() {
        return new InOrderConfig(5, true);
    }

    public InOrderConfig withDepth(int d) {
        return new InOrderConfig(d, forwarding);
    }

    public InOrderConfig withForwarding(boolean f) {
        return new InOrderConfig(depth, f);
    }

    /** Stages before execute (fetch and decode): also the branch misprediction penalty. */
    public int frontEndStages() {
        return depth - 3;
    }

    public int fetchStages() {
        return (frontEndStages() + 1) / 2;
    }

    public int decodeStages() {
        return frontEndStages() - fetchStages();
    }

    /** Stage names for pipeline diagrams: F D X M W, or F1..Fn D1..Dm X M W when deeper. */
    public String[] stageNames() {
        String[] names = new String[depth];
        int f = fetchStages();
        int d = decodeStages();
        for (int i = 0; i < f; i++) {
            names[i] = f == 1 ? "F" : "F" + (i + 1);
        }
        for (int i = 0; i < d; i++) {
            names[f + i] = d == 1 ? "D" : "D" + (i + 1);
        }
        names[depth - 3] = "X";
        names[depth - 2] = "M";
        names[depth - 1] = "W";
        return names;
    }
}
