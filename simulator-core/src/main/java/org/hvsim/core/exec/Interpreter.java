package org.hvsim.core.exec;

import org.hvsim.core.CpuState;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.core.exec.semantics.Binder;

/**
 * The functional execution engine: fetches, decodes (once, through the block cache) and
 * executes x86-64 instructions on a {@link CpuState} and a {@link LinearMemory}.
 *
 * <p>The dispatch loop runs whole blocks: one cache lookup (usually skipped by chaining) per
 * block, then one virtual call per instruction. Nothing on this path allocates.
 */
public final class Interpreter {
    public final CpuState state;
    public final LinearMemory memory;
    /** Aliases of {@code state.gpr} and {@code state.flags}: one load less per access on the hot path. */
    public final long[] gpr;
    public final org.hvsim.core.LazyFlags flags;

    private final Decoder decoder = new Decoder();
    private Binder binder = new Binder();
    private final CodeCache codeCache = new CodeCache();
    private final ByteSource fetchSource;
    private SystemCallHandler systemCallHandler;

    /** Total instructions retired since construction, updated at block boundaries. */
    private long retired;
    /** Set by a store into decoded code or a stop request: leave the current block now. */
    boolean leaveBlock;
    private StopReason pendingStop;
    private int exitCode;
    private String stopMessage;

    public Interpreter(CpuState state, LinearMemory memory) {
        this.state = state;
        this.memory = memory;
        this.gpr = state.gpr;
        this.flags = state.flags;
        this.fetchSource = memory::fetch8;
        memory.setCodeWriteListener(this::codeWritten);
    }

    /**
     * Replaces the instruction binder (system mode installs one with full privilege semantics).
     * Drops every decoded block, which was bound by the previous binder.
     */
    public void setBinder(Binder binder) {
        this.binder = binder;
        codeCache.clear();
    }

    public void setSystemCallHandler(SystemCallHandler handler) {
        this.systemCallHandler = handler;
    }

    /** Total instructions retired since construction (exact between runs and in system calls). */
    public long retiredInstructions() {
        return retired + currentIndex;
    }

    /** Index within the running block of the instruction executing now (see {@link #at}). */
    private int currentIndex;
    /** True inside {@link #runTimed}, which counts retirement per instruction. */
    private boolean timed;

    /**
     * Records that {@code insn} is executing, so {@link #retiredInstructions()} is exact inside
     * it. Called by the few instructions that observe the instruction count (RDTSC, SYSCALL).
     */
    public void at(Insn insn) {
        if (!timed) {
            currentIndex = insn.indexInBlock;
        }
    }

    /** Ends the run after the current instruction with {@link StopReason#EXITED}. */
    public void exit(int code) {
        exitCode = code;
        requestStop(StopReason.EXITED, null);
    }

    /** Ends the run after the current instruction, e.g. on an unsupported system call. */
    public void stop(String message) {
        requestStop(StopReason.STOP_REQUESTED, message);
    }

    private void requestStop(StopReason reason, String message) {
        if (pendingStop == null || pendingStop == StopReason.ATTENTION) { // never downgrade an exit
            pendingStop = reason;
            stopMessage = message;
        }
        leaveBlock = true;
    }

    /**
     * Invoked by the SYSCALL instruction in user mode, after it has set RCX, R11 and RIP.
     * Without a handler there is nothing behind SYSCALL: #UD, as with EFER.SCE = 0.
     */
    public void systemCall(Insn insn) {
        if (systemCallHandler == null) {
            throw GuestFault.of(ExceptionVector.UD);
        }
        at(insn);
        // The personality's own memory work is not the guest's: keep it out of a timing model.
        org.hvsim.core.mem.AccessLog log = memory.accessLog();
        memory.setAccessLog(null);
        try {
            systemCallHandler.systemCall(this);
        } finally {
            memory.setAccessLog(log);
        }
    }

    /**
     * Runs until the guest exits, faults without a handler, or {@code maxInstructions} retire.
     */
    public RunResult run(long maxInstructions) {
        budget = maxInstructions;
        startRetired = retired;
        pendingStop = null;
        lastBlock = null;
        RunResult r;
        // The dispatch loop lives in runBlocks, which returns every few thousand blocks: a method
        // invoked many times gets a regular JIT compilation rather than only an on-stack
        // replacement of one long-running loop, which compiles worse.
        do {
            r = runBlocks(BLOCKS_PER_CALL);
        } while (r == null);
        return r;
    }

    private static final int BLOCKS_PER_CALL = 4096;
    /** State of the current {@link #run}, kept in fields across {@link #runBlocks} calls. */
    private long budget;
    private long startRetired;
    private Block lastBlock;

    /** Executes up to {@code maxBlocks} blocks; returns the run's result, or null to continue. */
    private RunResult runBlocks(int maxBlocks) {
        long budget = this.budget;
        Block block = lastBlock;
        try {
            for (int blocks = 0; blocks < maxBlocks; blocks++) {
                if (budget <= 0) {
                    return result(StopReason.INSTRUCTION_LIMIT, startRetired);
                }
                long rip = state.rip;
                Block next = chained(block, rip);
                if (next == null) {
                    try {
                        next = lookupOrTranslate(rip);
                    } catch (GuestFault fault) {
                        return faultResult(fault, rip, startRetired);
                    }
                    chain(block, next);
                }
                block = next;

                // Normally the fused instructions run; when the budget ends inside the block, the
                // unfused ones run up to it so the count is exact.
                boolean partial = budget < block.instructionCount;
                Insn[] insns = partial ? block.plain : block.insns;
                int limit = partial ? (int) budget : insns.length;
                int i = 0;
                try {
                    for (; i < limit; i++) {
                        insns[i].execute(this);
                        if (leaveBlock) {
                            break;
                        }
                    }
                } catch (GuestFault fault) {
                    currentIndex = 0;
                    retired += insns[i].indexInBlock;
                    return faultResult(fault, insns[i].address(), startRetired);
                }
                currentIndex = 0;
                if (i < limit || partial) {
                    // Left after insns[i] (early), or the budget ended after insns[limit - 1].
                    Insn last = insns[i < limit ? i : limit - 1];
                    if (!last.isControlTransfer()) {
                        state.rip = last.nextAddress();
                    }
                    int done = last.indexInBlock + last.instructionCount();
                    retired += done;
                    budget -= done;
                    leaveBlock = false;
                    if (pendingStop != null) {
                        return result(pendingStop, startRetired);
                    }
                    block = null;
                    continue;
                }
                retired += block.instructionCount;
                budget -= block.instructionCount;
                if (!block.endsWithTransfer) {
                    state.rip = block.end;
                }
            }
            return null;
        } finally {
            this.budget = budget;
            this.lastBlock = block;
        }
    }

    private final org.hvsim.core.mem.AccessLog accessLog = new org.hvsim.core.mem.AccessLog();
    private final org.hvsim.core.timing.RetiredInstruction retiredRecord = new org.hvsim.core.timing.RetiredInstruction();

    /**
     * Runs with a timing model: instructions execute one at a time (unfused) and each retired
     * instruction, with its data accesses, is handed to {@code model}. Stops like {@link #run},
     * and also with {@link StopReason#ATTENTION} once the model's cycles reach
     * {@code cycleDeadline} (the next device event).
     */
    public RunResult runTimed(long maxInstructions, org.hvsim.core.timing.TimingModel model, long cycleDeadline) {
        long startRetired = retired;
        long budget = maxInstructions;
        pendingStop = null;
        timed = true;
        currentIndex = 0;
        memory.setAccessLog(accessLog);
        org.hvsim.core.timing.RetiredInstruction r = retiredRecord;
        r.accesses = accessLog;
        try {
            Block block = null;
            while (true) {
                if (budget <= 0) {
                    return result(StopReason.INSTRUCTION_LIMIT, startRetired);
                }
                if (model.cycles() >= cycleDeadline) {
                    return result(StopReason.ATTENTION, startRetired);
                }
                long rip = state.rip;
                Block next = chained(block, rip);
                if (next == null) {
                    try {
                        next = lookupOrTranslate(rip);
                    } catch (GuestFault fault) {
                        return faultResult(fault, rip, startRetired);
                    }
                    chain(block, next);
                }
                block = next;
                // The device deadline is checked per block (at most 64 instructions late), the
                // budget per instruction so that it ends exactly.
                Insn[] plain = block.plain;
                int limit = budget < plain.length ? (int) budget : plain.length;
                long sequence = model.instructions();
                boolean user = memory.userMode();
                for (int i = 0; i < limit; i++) {
                    Insn insn = plain[i];
                    accessLog.reset();
                    long chargedBefore = chargedCycles;
                    try {
                        insn.execute(this);
                    } catch (GuestFault fault) {
                        return faultResult(fault, insn.address(), startRetired);
                    }
                    long fallThrough = insn.nextAddress();
                    long after;
                    if (insn.isControlTransfer()) {
                        after = state.rip;
                    } else {
                        after = fallThrough;
                        state.rip = fallThrough;
                    }
                    org.hvsim.core.timing.InstructionProfile profile = insn.profile;
                    if (profile == null) {
                        profile = insn.profile = org.hvsim.core.timing.InstructionProfiles.of(insn.decoded);
                    }
                    r.sequence = sequence++;
                    r.pc = insn.address();
                    r.nextPc = after;
                    r.decoded = insn.decoded;
                    r.profile = profile;
                    r.taken = after != fallThrough;
                    r.microcodeCycles = chargedCycles - chargedBefore;
                    r.user = user;
                    model.retire(r);
                    retired++;
                    budget--;
                    if (leaveBlock) {
                        leaveBlock = false;
                        if (pendingStop != null) {
                            return result(pendingStop, startRetired);
                        }
                        block = null; // the block may be stale (a store into code): look it up again
                        break;
                    }
                    user = memory.userMode(); // an instruction may have changed CPL (SYSCALL, IRETQ)
                }
            }
        } finally {
            memory.setAccessLog(null);
            timed = false;
        }
    }

    private RunResult result(StopReason reason, long startRetired) {
        pendingStop = null;
        return new RunResult(reason, retired - startRetired, exitCode, null, 0, stopMessage);
    }

    private RunResult faultResult(GuestFault fault, long rip, long startRetired) {
        state.rip = rip;
        return new RunResult(StopReason.GUEST_FAULT, retired - startRetired, 0, fault, rip, null);
    }

    /** The chained successor of {@code block} that starts at {@code rip}, if it can be trusted. */
    private Block chained(Block block, long rip) {
        if (block == null || block.chainEpoch != translationEpoch) {
            return null;
        }
        Block a = block.successorA;
        if (a != null && a.start == rip && a.valid) {
            return a;
        }
        Block b = block.successorB;
        if (b != null && b.start == rip && b.valid) {
            return b;
        }
        return null;
    }

    /** Remembers {@code next} as a successor of {@code block}. */
    private void chain(Block block, Block next) {
        if (block == null || !block.valid) {
            return;
        }
        if (block.chainEpoch != translationEpoch) {
            block.chainEpoch = translationEpoch;
            block.successorA = null;
            block.successorB = null;
        }
        if (block.successorA == null || !block.successorA.valid) {
            block.successorA = next;
        } else {
            block.successorB = next;
        }
    }

    private Block lookupOrTranslate(long rip) {
        Block b = codeCache.lookup(rip, memory.fetchPhysicalPage(rip));
        if (b != null) {
            return b;
        }
        b = translate(rip);
        b.chainEpoch = translationEpoch;
        codeCache.insert(b);
        return b;
    }

    /** Bumped whenever linear-to-physical translations may have changed; see {@link Block#chainEpoch}. */
    private long translationEpoch;

    /**
     * Tells the engine that translations changed (MOV CR3, INVLPG, a new mapping): flushes the
     * software TLB and stops trusting chained block successors, whose linear addresses may now
     * lead to other code. Decoded blocks stay cached by physical address.
     */
    public void translationsChanged() {
        memory.flushTlb();
        translationEpoch++;
        leaveBlock = true;
    }

    /** Like {@link #translationsChanged()} for one page (INVLPG). */
    public void translationChanged(long linearAddress) {
        memory.flushPage(linearAddress);
        translationEpoch++;
        leaveBlock = true;
    }

    /** Cycles charged by microcoded operations beyond one per instruction (see {@link #charge}). */
    private long chargedCycles;
    /** Charged cycles left before the caller's next deadline (a device event). */
    private long chargeAllowance = Long.MAX_VALUE;

    /**
     * Adds {@code cycles} of microcode cost (a privilege transition, an exception delivery, a
     * port access). If that reaches the deadline set by {@link #setChargeAllowance}, the run
     * returns after this instruction so the caller can fire the due event.
     */
    public void charge(long cycles) {
        chargedCycles += cycles;
        chargeAllowance -= cycles;
        if (chargeAllowance <= 0) {
            requestAttention();
        }
    }

    public long chargedCycles() {
        return chargedCycles;
    }

    /** How many charged cycles may pass before {@link #run} should return (the next event). */
    public void setChargeAllowance(long cycles) {
        chargeAllowance = cycles;
    }

    /** Returns from {@link #run} with {@link StopReason#ATTENTION} after the current instruction. */
    public void requestAttention() {
        requestStop(StopReason.ATTENTION, null);
    }

    /** Decodes a new block starting at {@code rip}. */
    private Block translate(long rip) {
        Insn[] buffer = new Insn[Block.MAX_INSTRUCTIONS];
        int n = 0;
        long pc = rip;
        long firstPage = memory.fetchPhysicalPage(rip);
        long lastPage = firstPage;
        while (n < Block.MAX_INSTRUCTIONS) {
            DecodedInstruction d;
            try {
                d = decoder.decode(pc, fetchSource);
            } catch (GuestFault fault) {
                if (n == 0) {
                    throw fault;
                }
                break; // the fault belongs to a later instruction; raise it when reached
            }
            Insn insn = binder.bind(d);
            insn.indexInBlock = n;
            buffer[n++] = insn;
            long endPage = memory.fetchPhysicalPage(pc + d.length - 1);
            if (endPage != firstPage) {
                lastPage = endPage;
            }
            pc += d.length;
            if (insn.isControlTransfer() || endPage != firstPage || (pc & 0xFFF) == 0) {
                break;
            }
        }
        Insn[] plain = java.util.Arrays.copyOf(buffer, n);
        return new Block(rip, org.hvsim.core.exec.semantics.Fusion.fuse(plain), plain, firstPage, lastPage);
    }

    private void codeWritten(long physicalPage) {
        codeCache.invalidatePage(physicalPage);
        memory.forgetCodeFrame(physicalPage);
        leaveBlock = true;
    }

    /** Drops every decoded block (e.g. after the address space changed wholesale). */
    public void flushCodeCache() {
        codeCache.clear();
    }

    public Decoder decoder() {
        return decoder;
    }
}
