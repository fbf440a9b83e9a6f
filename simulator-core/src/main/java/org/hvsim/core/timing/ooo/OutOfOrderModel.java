package org.hvsim.core.timing.ooo;

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
 * The {@code ooo} timing model: a superscalar out-of-order core approximated in the spirit of
 * interval simulation (Eyerman et al., TOCS 2009; Genbrugge et al., HPCA 2010; Sniper), computed
 * as a dataflow over the retired stream with one timestamp per stage and no per-cycle loop
 * (docs/timing-ooo.md has the full description).
 *
 * <p>For instruction {@code i}: fetch {@code F} (fetch width, redirects after mispredictions,
 * I-cache/ITLB misses on new lines, at most an IDQ ahead of dispatch); dispatch {@code D >= F +
 * frontEndDepth} limited by dispatch width, ROB space (instruction {@code i-ROB} retired), RS
 * space ({@code i-RS} issued), load/store-queue space and serialization; issue {@code I >= D+1}
 * once its source registers are ready and a port of its class is free; completion {@code C} after
 * the load latency the memory system reports (independent misses overlap inside the window:
 * memory-level parallelism) and the execution latency; retire {@code R = max(C, R[i-1])} at
 * retire width. Total cycles are the last retire time; every increase of the retire time is
 * charged to one CPI account (the head-of-ROB rule below), so the CPI stack sums to
 * {@link #cycles()} exactly.
 *
 * <p>Allocation-free per instruction: every structure is a ring buffer sized at construction.
 */
public final class OutOfOrderModel implements TimingModel {
    private static final String[] STAGES = {"F", "D", "I", "C", "R"};
    private static final int REGISTERS = InstructionProfile.FLAGS + 1;
    private static final long RSP_BIT = 1L << Registers.RSP;
    private static final int FORWARD_ENTRIES = 256;
    private static final long UNLIMITED = Long.MAX_VALUE;

    private static final int BASE = CycleAccount.BASE.ordinal();
    private static final int BRANCH = CycleAccount.BRANCH.ordinal();
    private static final int SERIAL = CycleAccount.SERIALIZATION.ordinal();
    private static final int ICACHE = CycleAccount.ICACHE.ordinal();
    private static final int TLB = CycleAccount.TLB.ordinal();
    private static final CycleAccount[] ACCOUNTS = CycleAccount.values();

    private final OutOfOrderConfig config;
    private final MemoryTiming memory;
    private final BranchUnit branches;

    // configuration, copied to fields for the hot path
    private final int dispatchWidth;
    private final int retireWidth;
    private final int fetchWidth;
    private final int frontEndDepth;
    private final int decodeRedirect;
    private final int idqCycles;
    private final int aluLatency;
    private final int mulLatency;
    private final int divLatency;
    private final int div64Latency;
    private final int divInterval;
    private final int branchLatency;
    private final int storeForwardLatency;
    private final int microcodeLatency;
    private final int stringPerCycle;
    private final int lineShift;
    private final int lineBytes;
    private final int l1d;
    private final int l1i;

    // window rings
    private final long[] robRetire;
    private int robPos;
    private final long[] rsIssue;
    private int rsPos;
    private final long[] lqRetire;
    private int lqPos;
    private final long[] sqRelease;
    private int sqPos;

    // register scoreboard: the cycle each register's latest value is ready
    private final long[] regReady = new long[REGISTERS];

    // execution resources
    private final PortPool aluPorts;
    private final PortPool loadPorts;
    private final PortPool storePorts;
    private final PortPool branchPorts;
    private final PortPool mulPorts;
    private long dividerFree;

    // store-to-load forwarding: recent store addresses (8-byte granules) and their data-ready cycles
    private final long[] forwardKey = new long[FORWARD_ENTRIES];
    private final long[] forwardReady = new long[FORWARD_ENTRIES];

    // front end
    private long fetchCycle;
    private int fetchCount;
    private long lastLine = -1;
    private boolean redirectPending;
    private long redirectAt;
    private int redirectCause;

    // dispatch and retire
    private long dispatchCycle;
    private int dispatchCount;
    private long barrier;
    private int barrierCause = BASE;
    private long retireCycle;
    private int retireCount;

    // per-instruction scratch (fields, not allocations)
    private int memCause;
    private long memCap;
    private int storeExtra;

    // statistics
    private long instructions;
    private long mispredictions;
    private long decodeRedirects;
    private final CpiStack stack = new CpiStack();
    private PipelineRecorder recorder;
    private final long[] stageCycles = new long[STAGES.length];

    public OutOfOrderModel(OutOfOrderConfig config, MemoryTiming memory) {
        this.config = config;
        this.memory = memory;
        this.branches = new BranchUnit(config.branchPredictor());
        dispatchWidth = config.dispatchWidth();
        retireWidth = config.retireWidth();
        fetchWidth = config.fetchWidth();
        frontEndDepth = config.frontEndDepth();
        decodeRedirect = config.decodeRedirect();
        idqCycles = Math.max(1, config.idqEntries() / config.dispatchWidth());
        aluLatency = config.aluLatency();
        mulLatency = config.mulLatency();
        divLatency = config.divLatency();
        div64Latency = config.div64Latency();
        divInterval = config.divInterval();
        branchLatency = config.branchLatency();
        storeForwardLatency = config.storeForwardLatency();
        microcodeLatency = config.microcodeLatency();
        stringPerCycle = config.stringElementsPerCycle();
        lineBytes = memory.lineBytes();
        lineShift = Integer.numberOfTrailingZeros(lineBytes);
        l1d = memory.l1Latency(false);
        l1i = memory.l1Latency(true);
        robRetire = new long[config.robEntries()];
        rsIssue = new long[config.rsEntries()];
        lqRetire = new long[config.loadQueue()];
        sqRelease = new long[config.storeQueue()];
        aluPorts = new PortPool(config.aluPorts());
        loadPorts = new PortPool(config.loadPorts());
        storePorts = new PortPool(config.storePorts());
        branchPorts = new PortPool(config.branchPorts());
        mulPorts = new PortPool(config.mulPorts());
        java.util.Arrays.fill(forwardKey, -1);
    }

    @Override
    public void retire(RetiredInstruction r) {
        final InstructionProfile p = r.profile;
        final long pc = r.pc;
        final boolean user = r.user;
        final ExecClass exec = p.exec;

        // ---------------------------------------------------------------- fetch
        long f = Math.max(fetchCycle, dispatchCycle - frontEndDepth - idqCycles);
        int cause = BASE;
        long cap = 0;
        if (redirectPending) {
            redirectPending = false;
            if (redirectAt > f) {
                f = redirectAt;
                cause = redirectCause;
                cap = UNLIMITED;
            }
        }
        if (f > fetchCycle) {
            fetchCycle = f;
            fetchCount = 0;
        } else if (fetchCount >= fetchWidth) {
            fetchCycle++;
            fetchCount = 0;
        }
        long line = pc >>> lineShift;
        if (line != lastLine) {
            int extra = fetchLine(pc, user);
            if (extra > 0) {
                fetchCycle += extra;
                fetchCount = 0;
                cause = fetchCause(extra);
                cap = extra;
            }
        }
        long endLine = (pc + Math.max(1, p.length) - 1) >>> lineShift;
        if (endLine != lastLine) {
            int extra = fetchLine(endLine << lineShift, user);
            if (extra > 0) {
                fetchCycle += extra;
                fetchCount = 0;
                cause = fetchCause(extra);
                cap = extra;
            }
        }
        f = fetchCycle;
        fetchCount++;

        // ---------------------------------------------------------------- dispatch
        AccessLog log = r.accesses;
        int accesses = log == null ? 0 : log.count();
        boolean readsMemory = false;
        boolean writesMemory = false;
        for (int k = 0; k < accesses; k++) {
            if (log.write[k]) {
                writesMemory = true;
            } else {
                readsMemory = true;
            }
        }
        int slots = readsMemory && writesMemory ? 2 : 1;
        long d = f + frontEndDepth;
        if (p.serializing && retireCycle > d) {
            d = retireCycle; // every older instruction retires first
            cause = SERIAL;
            cap = UNLIMITED;
        }
        if (barrier > d) {
            d = barrier;
            cause = barrierCause;
            cap = UNLIMITED;
        }
        long window = robRetire[robPos];
        window = Math.max(window, rsIssue[rsPos]);
        if (readsMemory) {
            window = Math.max(window, lqRetire[lqPos]);
        }
        if (writesMemory) {
            window = Math.max(window, sqRelease[sqPos]);
        }
        if (window > d) {
            d = window;
            cause = BASE; // the instruction blocking the window was charged when it retired
            cap = 0;
        }
        if (d > dispatchCycle) {
            dispatchCycle = d;
            dispatchCount = slots;
        } else if (dispatchCount + slots <= dispatchWidth) {
            dispatchCount += slots;
        } else {
            dispatchCycle++;
            dispatchCount = slots;
            if (cause != BASE && dispatchCycle > d) {
                cause = BASE;
                cap = 0;
            }
        }
        d = dispatchCycle;

        // ---------------------------------------------------------------- issue: sources
        long src = d + 1;
        long reads = p.reads;
        while (reads != 0) {
            int reg = Long.numberOfTrailingZeros(reads);
            reads &= reads - 1;
            long ready = regReady[reg];
            if (ready > src) {
                // Waiting for a producer is not a cause of its own: the producer's latency was
                // charged when the producer retired (it is older, so it retired first).
                src = ready;
                cause = BASE;
                cap = 0;
            }
        }

        // ---------------------------------------------------------------- execute
        long issue = src;
        long start = src;
        memCause = BASE;
        memCap = 0;
        if (readsMemory) {
            issue = loadPorts.reserve(src);
            long loaded = issue;
            for (int k = 0; k < accesses; k++) {
                if (!log.write[k]) {
                    loaded = Math.max(loaded, load(log.address[k], log.size[k], user, issue));
                }
            }
            start = loaded;
        }
        long done;
        switch (exec) {
            case ALU -> {
                long t = aluPorts.reserve(start);
                done = t + aluLatency;
                if (!readsMemory) {
                    issue = t;
                }
            }
            case MUL -> {
                long t = mulPorts.reserve(start);
                done = t + mulLatency;
                if (!readsMemory) {
                    issue = t;
                }
            }
            case DIV -> {
                long t = Math.max(start, dividerFree);
                dividerFree = t + divInterval;
                done = t + (r.decoded != null && r.decoded.operandSize == 8 ? div64Latency : divLatency);
                if (!readsMemory) {
                    issue = t;
                }
            }
            case BRANCH -> {
                long t = branchPorts.reserve(start);
                done = t + branchLatency;
                if (!readsMemory) {
                    issue = t;
                }
            }
            case STRING -> {
                long elements = accesses + log.overflow();
                done = start + (elements + stringPerCycle - 1) / stringPerCycle;
            }
            case MICROCODE -> done = start + microcodeLatency;
            default -> done = start;
        }
        if (memCap > 0) {
            cause = memCause;
            cap = memCap;
        }
        long microcode = r.microcodeCycles;
        if (microcode > 0) {
            done += microcode;
            if (microcode >= memCap) {
                cause = SERIAL;
                cap = microcode;
            }
        }
        long complete = done;
        storeExtra = 0;
        if (writesMemory) {
            long t = storePorts.reserve(done);
            complete = Math.max(done, t);
            for (int k = 0; k < accesses; k++) {
                if (log.write[k]) {
                    store(log.address[k], log.size[k], user, done);
                }
            }
        }

        // ---------------------------------------------------------------- register results
        long writes = p.writes;
        if ((writes & RSP_BIT) != 0 && (exec == ExecClass.NONE || exec == ExecClass.BRANCH)) {
            // stack engine: PUSH/POP/CALL/RET update RSP at decode, not through the load
            writes &= ~RSP_BIT;
            regReady[Registers.RSP] = Math.max(regReady[Registers.RSP], d + 1);
        }
        while (writes != 0) {
            int reg = Long.numberOfTrailingZeros(writes);
            writes &= writes - 1;
            regReady[reg] = done;
        }

        // ---------------------------------------------------------------- branch resolution
        BranchKind kind = p.branch;
        if (kind != null && !p.serializing) {
            resolveBranch(r, kind, f, done);
        }

        // ---------------------------------------------------------------- retire
        long before = retireCycle;
        long ret = Math.max(complete, before);
        if (ret > before) {
            retireCycle = ret;
            retireCount = slots;
        } else if (retireCount + slots <= retireWidth) {
            retireCount += slots;
        } else {
            retireCycle++;
            retireCount = slots;
        }
        ret = retireCycle;
        long delta = ret - before;
        if (delta > 0) {
            charge(delta, cause, cap);
        }
        if (p.serializing) {
            barrier = ret; // younger instructions dispatch only after it retires
            barrierCause = SERIAL;
        }
        robRetire[robPos] = ret;
        if (++robPos == robRetire.length) {
            robPos = 0;
        }
        rsIssue[rsPos] = issue;
        if (++rsPos == rsIssue.length) {
            rsPos = 0;
        }
        if (readsMemory) {
            lqRetire[lqPos] = ret;
            if (++lqPos == lqRetire.length) {
                lqPos = 0;
            }
        }
        if (writesMemory) {
            sqRelease[sqPos] = ret + storeExtra;
            if (++sqPos == sqRelease.length) {
                sqPos = 0;
            }
        }
        if (recorder != null && recorder.wants(r.sequence)) {
            stageCycles[0] = f;
            stageCycles[1] = d;
            stageCycles[2] = issue;
            stageCycles[3] = complete;
            stageCycles[4] = ret;
            recorder.record(r.sequence, r.decoded, STAGES, stageCycles, ret + 1);
        }
        instructions++;
    }

    /**
     * Charges an increase of the retire time: one cycle is the base pipeline's (the retire group
     * the instruction belongs to), the rest is a stall of the instruction at the head of the ROB,
     * charged to its cause up to the cycles that cause can explain, and to base beyond that.
     */
    private void charge(long delta, int cause, long cap) {
        stack.add(CycleAccount.BASE, 1);
        long stall = delta - 1;
        if (stall > 0) {
            long blamed = Math.min(stall, cap);
            if (blamed > 0) {
                stack.add(ACCOUNTS[cause], blamed);
            }
            if (stall > blamed) {
                stack.add(CycleAccount.BASE, stall - blamed);
            }
        }
    }

    /** Fetches the line holding {@code la} if it is a new one; returns cycles beyond an L1I hit. */
    private int fetchLine(long la, boolean user) {
        lastLine = la >>> lineShift;
        return memory.fetch(la, user) - l1i;
    }

    private int fetchCause(int extra) {
        int translation = memory.lastTranslationCycles();
        return translation * 2 > extra ? TLB : ICACHE;
    }

    /** Cycle the data of one load is available to dependants; updates the memory cause. */
    private long load(long la, int size, boolean user, long issue) {
        int latency = memory.data(la, false, user);
        int translation = memory.lastTranslationCycles();
        CacheLevel level = memory.lastLevel();
        if (((la & (lineBytes - 1)) + size) > lineBytes) { // split across two lines
            int second = memory.data(la + size - 1, false, user);
            if (second > latency) {
                latency = second;
                translation = memory.lastTranslationCycles();
                level = memory.lastLevel();
            }
        }
        long key = la >>> 3;
        int slot = (int) (key & (FORWARD_ENTRIES - 1));
        if (forwardKey[slot] == key && forwardReady[slot] + storeForwardLatency > issue + l1d) {
            // served by the store buffer: the load waits for the store's data, not for the cache
            return Math.max(issue, forwardReady[slot]) + storeForwardLatency;
        }
        int extra = latency - l1d;
        if (extra > memCap) {
            memCap = extra;
            memCause = translation * 2 > extra ? TLB : levelAccount(level);
        }
        return issue + latency;
    }

    private void store(long la, int size, boolean user, long dataReady) {
        int latency = memory.data(la, true, user);
        if (((la & (lineBytes - 1)) + size) > lineBytes) {
            latency = Math.max(latency, memory.data(la + size - 1, true, user));
        }
        storeExtra = Math.max(storeExtra, latency - l1d);
        long key = la >>> 3;
        int slot = (int) (key & (FORWARD_ENTRIES - 1));
        forwardKey[slot] = key;
        forwardReady[slot] = dataReady;
    }

    private static int levelAccount(CacheLevel level) {
        return switch (level) {
            case L2 -> CycleAccount.DCACHE_L2.ordinal();
            case LLC -> CycleAccount.DCACHE_LLC.ordinal();
            case MEMORY -> CycleAccount.DCACHE_DRAM.ordinal();
            default -> BASE;
        };
    }

    private void resolveBranch(RetiredInstruction r, BranchKind kind, long fetched, long resolved) {
        long pc = r.pc;
        boolean taken = r.taken;
        long target = r.nextPc;
        if (!taken) {
            DecodedInstruction d = r.decoded;
            if (d != null && d.operands.length > 0 && d.operands[0].kind == Operand.Kind.REL) {
                target = d.operands[0].imm;
            }
        }
        long targetMissesBefore = branches.targetMisses(kind);
        if (!branches.resolve(kind, pc, r.fallThrough(), taken, target)) {
            return;
        }
        boolean direct = kind == BranchKind.CONDITIONAL || kind == BranchKind.JUMP_DIRECT
                || kind == BranchKind.CALL_DIRECT;
        long at;
        if (direct && branches.targetMisses(kind) != targetMissesBefore) {
            at = fetched + decodeRedirect; // target known at decode: no back-end involvement
            decodeRedirects++;
        } else {
            at = resolved; // fetch restarts when the branch executes: window drain + refill
            mispredictions++;
        }
        redirectPending = true;
        redirectAt = at;
        redirectCause = BRANCH;
    }

    @Override
    public void stall(CycleAccount account, long cycles) {
        // The window drains (everything older retires by retireCycle), then the cycles pass and
        // fetch restarts on the new path; the refill is charged to the same account.
        retireCycle += cycles;
        retireCount = 0;
        stack.add(account, cycles);
        barrier = retireCycle;
        barrierCause = account.ordinal();
        redirectPending = true;
        redirectAt = retireCycle;
        redirectCause = account.ordinal();
    }

    @Override
    public long cycles() {
        return retireCycle;
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
        return "ooo";
    }

    @Override
    public void setPipelineRecorder(PipelineRecorder recorder) {
        this.recorder = recorder;
    }

    public OutOfOrderConfig config() {
        return config;
    }

    /** The branch unit (per-kind lookups and mispredictions for reports). */
    public BranchUnit branchUnit() {
        return branches;
    }

    /** Mispredictions that redirected fetch at execution (window drain plus front-end refill). */
    public long mispredictions() {
        return mispredictions;
    }

    /** Direct-branch target misses fixed at decode. */
    public long decodeRedirects() {
        return decodeRedirects;
    }
}
