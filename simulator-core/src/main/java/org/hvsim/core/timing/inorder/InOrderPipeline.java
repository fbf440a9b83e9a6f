package org.hvsim.core.timing.inorder;

import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Operand;
import org.hvsim.core.mem.AccessLog;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.ExecClass;
import org.hvsim.core.timing.InstructionProfile;
import org.hvsim.core.timing.MemoryTiming;
import org.hvsim.core.timing.PipelineRecorder;
import org.hvsim.core.timing.RetiredInstruction;
import org.hvsim.core.timing.TimingModel;
import org.hvsim.core.timing.branch.BranchKind;
import org.hvsim.core.timing.branch.BranchUnit;
import org.hvsim.mmu.cache.CacheLevel;

/**
 * The textbook scalar in-order pipeline (F D X M W; deeper pipelines split the front end), as an
 * analytic model driven by the retired stream: for each instruction it computes the cycle at
 * which it enters every stage, from the previous instruction's stage times (no overtaking, no
 * buffers between stages: a stalled instruction holds its stage and those behind it wait),
 * a register scoreboard (data hazards, with or without forwarding), the execute stage's
 * occupancy (multi-cycle multiply/divide, microcode), the single memory port (one data access per
 * cycle), I-cache/I-TLB and D-cache/D-TLB miss cycles from {@link MemoryTiming}, branch
 * mispredictions from {@link BranchUnit} (resolved in X; fetch of the next instruction restarts
 * the cycle after) and pipeline drains around serializing instructions. The result is what a
 * cycle-by-cycle simulation of the same pipeline gives, without a per-cycle loop.
 *
 * <p>Cycles: {@link #cycles()} is the cycle after the last retired instruction left write-back,
 * plus {@link #stall} cycles. Each instruction adds the difference between its completion and the
 * previous completion: one {@link CycleAccount#BASE} cycle (the ideal CPI of 1) and the rest
 * attributed to the delays this instruction met, latest stage first (a delay earlier in the
 * pipeline may be hidden behind a stall of the instruction ahead). Data hazards, structural
 * hazards (memory port, busy execute stage), multi-cycle operations and the initial pipeline
 * fill are the base pipeline's own cost ({@link CycleAccount#BASE}). See docs/timing-inorder.md.
 *
 * <p>Allocation-free per instruction. Not thread-safe.
 */
public final class InOrderPipeline implements TimingModel {
    private static final long RSP_BIT = 1L << Registers.RSP;

    private final InOrderConfig config;
    private final ExecutionLatencies latencies;
    private final BranchUnit branches;
    private final MemoryTiming memory;
    private final boolean forwarding;
    private final int depth;
    private final int xStage;
    private final int mStage;
    private final int wStage;
    private final String[] stageNames;
    private final int l1i;
    private final int l1d;
    private final int lineShift;
    private final long lineMask;

    /** Stage entry cycles of the previous instruction and of the current one (swapped per instruction). */
    private long[] prev;
    private long[] cur;
    /** Per register (bits of {@link InstructionProfile#reads}): the first cycle a consumer may start X. */
    private final long[] ready = new long[64];
    /** Completion of everything so far: the cycle after the last write-back, plus stalls. */
    private long end;
    /** Earliest fetch of the next instruction (misprediction, serialization, stall), and whose cycles that are. */
    private long redirect;
    private CycleAccount redirectAccount;
    /** The I-cache line the fetch unit holds. */
    private long fetchLine = Long.MIN_VALUE;
    private long instructions;
    private final CpiStack stack = new CpiStack();
    private PipelineRecorder recorder;

    /**
     * @param config    depth and forwarding
     * @param latencies execute-stage occupancy per operation class
     * @param branches  the branch unit; null for perfect prediction
     * @param memory    fetch and data timing through the modelled TLBs and caches; null for an
     *                  ideal memory (every access a one-cycle L1 hit)
     */
    public InOrderPipeline(InOrderConfig config, ExecutionLatencies latencies, BranchUnit branches,
                           MemoryTiming memory) {
        this.config = config;
        this.latencies = latencies;
        this.branches = branches;
        this.memory = memory;
        this.forwarding = config.forwarding();
        this.depth = config.depth();
        this.xStage = depth - 3;
        this.mStage = depth - 2;
        this.wStage = depth - 1;
        this.stageNames = config.stageNames();
        if (memory != null) {
            this.l1i = memory.l1Latency(true);
            this.l1d = memory.l1Latency(false);
            this.lineShift = Integer.numberOfTrailingZeros(memory.lineBytes());
        } else {
            this.l1i = 0;
            this.l1d = 0;
            this.lineShift = 6;
        }
        this.lineMask = (1L << lineShift) - 1;
        this.prev = new long[depth];
        this.cur = new long[depth];
        // An empty pipeline at cycle 0: the virtual previous instruction left write-back at -1.
        for (int k = 0; k < depth; k++) {
            prev[k] = k - depth;
        }
        this.redirect = 0;
        this.redirectAccount = CycleAccount.BASE; // the initial pipeline fill
        java.util.Arrays.fill(ready, Long.MIN_VALUE);
    }

    public InOrderConfig config() {
        return config;
    }

    public ExecutionLatencies latencies() {
        return latencies;
    }

    public BranchUnit branchUnit() {
        return branches;
    }

    @Override
    public void retire(RetiredInstruction r) {
        InstructionProfile p = r.profile;
        long[] q = prev;
        long[] s = cur;

        // ---- fetch: after the previous instruction left F1, after any redirect; I-cache/I-TLB
        long t = q[1];
        long cRedirect = 0;
        if (redirect > t) {
            cRedirect = redirect - t;
            t = redirect;
        }
        CycleAccount redirectCause = redirectAccount;
        s[0] = t;
        long cIcache = 0;
        long cItlb = 0;
        if (memory != null) {
            long first = r.pc >>> lineShift;
            long last = (r.pc + p.length - 1) >>> lineShift;
            for (long line = first == fetchLine ? first + 1 : first; line <= last; line++) {
                int latency = memory.fetch(line << lineShift, r.user);
                int translation = memory.lastTranslationCycles();
                cItlb += translation;
                cIcache += Math.max(0, latency - translation - l1i);
            }
            fetchLine = last;
        }
        long stageEnd = t + 1 + cIcache + cItlb;
        for (int k = 1; k < xStage; k++) {
            long v = Math.max(stageEnd, q[k + 1]);
            s[k] = v;
            stageEnd = v + 1;
        }

        // ---- execute: operands ready (scoreboard), drain before a serializing instruction
        t = Math.max(stageEnd, q[xStage + 1]);
        long operands = Long.MIN_VALUE;
        for (long bits = p.reads; bits != 0; bits &= bits - 1) {
            operands = Math.max(operands, ready[Long.numberOfTrailingZeros(bits)]);
        }
        long cHazard = 0;
        if (operands > t) {
            cHazard = operands - t;
            t = operands;
        }
        long cDrain = 0;
        if (p.serializing && end > t) {
            cDrain = end - t;
            t = end;
        }
        s[xStage] = t;
        int occupancy = switch (p.exec) {
            case ALU -> latencies.alu();
            case MUL -> latencies.mul();
            case DIV -> r.decoded.operandSize == 8 ? latencies.div64() : latencies.div32();
            default -> 1;
        };
        long cExec = occupancy - 1;
        long cMicro = Math.max(0, r.microcodeCycles);
        long xEnd = t + occupancy + cMicro;

        // ---- memory: one access per cycle on the single port, plus miss cycles
        t = Math.max(xEnd, q[xStage + 2]);
        s[mStage] = t;
        long accesses;
        long cL2 = 0;
        long cLlc = 0;
        long cDram = 0;
        long cDtlb = 0;
        AccessLog log = r.accesses;
        if (log == null) {
            accesses = p.loads + p.stores;
        } else if (memory == null) {
            accesses = log.count() + log.overflow();
        } else {
            accesses = log.overflow(); // beyond the log: assumed L1 hits
            int n = log.count();
            for (int i = 0; i < n; i++) {
                long la = log.address[i];
                long lastByte = la + log.size[i] - 1;
                boolean write = log.write[i];
                for (long a = la; ; a = (a | lineMask) + 1) {
                    int latency = memory.data(a, write, r.user);
                    int translation = memory.lastTranslationCycles();
                    int miss = latency - translation - l1d;
                    if (miss > 0) {
                        CacheLevel level = memory.lastLevel();
                        if (level == CacheLevel.L2) {
                            cL2 += miss;
                        } else if (level == CacheLevel.LLC) {
                            cLlc += miss;
                        } else {
                            cDram += miss;
                        }
                    }
                    cDtlb += translation;
                    accesses++;
                    if ((a | lineMask) >= lastByte) {
                        break;
                    }
                }
            }
        }
        long cPort = Math.max(0, accesses - 1);
        long mEnd = t + 1 + cPort + cL2 + cLlc + cDram + cDtlb;

        // ---- write-back, in order
        t = Math.max(mEnd, q[wStage] + 1);
        s[wStage] = t;
        long done = t + 1;

        // ---- cycle accounting: 1 base cycle, the rest to the delays met, latest stage first
        long extra = done - end - 1;
        stack.add(CycleAccount.BASE, 1);
        if (extra > 0) {
            extra = charge(extra, cDram, CycleAccount.DCACHE_DRAM);
            extra = charge(extra, cLlc, CycleAccount.DCACHE_LLC);
            extra = charge(extra, cL2, CycleAccount.DCACHE_L2);
            extra = charge(extra, cDtlb, CycleAccount.TLB);
            extra = charge(extra, cPort, CycleAccount.BASE);
            extra = charge(extra, cMicro, CycleAccount.SERIALIZATION);
            extra = charge(extra, cExec, CycleAccount.BASE);
            extra = charge(extra, cDrain, CycleAccount.SERIALIZATION);
            extra = charge(extra, cHazard, CycleAccount.BASE);
            extra = charge(extra, cIcache, CycleAccount.ICACHE);
            extra = charge(extra, cItlb, CycleAccount.TLB);
            extra = charge(extra, cRedirect, redirectCause);
            if (extra > 0) {
                stack.add(CycleAccount.BASE, extra);
            }
        }
        end = done;

        // ---- results: ready for a dependent X (forwarded) or after write-back (register file)
        long writes = p.writes;
        if (writes != 0) {
            long fromMemory = p.loads > 0 || p.exec == ExecClass.STRING ? writes & ~RSP_BIT : 0;
            long fromExecute = writes & ~fromMemory;
            long xReady = forwarding ? xEnd : t + 1;
            long mReady = forwarding ? mEnd : t + 1;
            for (long bits = fromExecute; bits != 0; bits &= bits - 1) {
                ready[Long.numberOfTrailingZeros(bits)] = xReady;
            }
            for (long bits = fromMemory; bits != 0; bits &= bits - 1) {
                ready[Long.numberOfTrailingZeros(bits)] = mReady;
            }
        }

        // ---- where the next fetch may start
        long next = Long.MIN_VALUE;
        CycleAccount nextAccount = CycleAccount.BASE;
        BranchKind kind = p.branch;
        if (kind != null && branches != null) {
            boolean conditional = kind == BranchKind.CONDITIONAL;
            long target = r.taken ? r.nextPc : decodedTarget(r.decoded, r.nextPc);
            if (branches.resolve(kind, r.pc, r.fallThrough(), r.taken || !conditional, target)) {
                // Resolved in X; a target loaded from memory (RET, JMP/CALL through memory) after M.
                next = !conditional && p.loads > 0 ? mEnd : xEnd;
                nextAccount = CycleAccount.BRANCH;
            }
        }
        if (p.serializing && done >= next) {
            next = done;
            nextAccount = CycleAccount.SERIALIZATION;
        }
        redirect = next;
        redirectAccount = nextAccount;

        if (recorder != null && recorder.wants(r.sequence)) {
            recorder.record(r.sequence, r.decoded, stageNames, s, done);
        }
        prev = s;
        cur = q;
        instructions++;
    }

    private long charge(long extra, long amount, CycleAccount account) {
        if (amount <= 0) {
            return extra;
        }
        long n = Math.min(extra, amount);
        stack.add(account, n);
        return extra - n;
    }

    private static long decodedTarget(DecodedInstruction d, long fallback) {
        Operand[] o = d.operands;
        return o.length > 0 && o[0].kind == Operand.Kind.REL ? o[0].imm : fallback;
    }

    /** Drains the pipeline (every instruction so far completes), then {@code cycles} pass; the refill is charged to the same account. */
    @Override
    public void stall(CycleAccount account, long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("negative stall: " + cycles);
        }
        stack.add(account, cycles);
        end += cycles;
        redirect = end;
        redirectAccount = account;
    }

    @Override
    public long cycles() {
        return end;
    }

    @Override
    public long instructions() {
        return instructions;
    }

    @Override
    public CpiStack cpiStack() {
        return stack;
    }

    @Override
    public String name() {
        return "inorder";
    }

    @Override
    public void setPipelineRecorder(PipelineRecorder recorder) {
        this.recorder = recorder;
    }

    /** Stage names of this pipeline's diagrams (a copy). */
    public String[] stageNames() {
        return stageNames.clone();
    }
}
