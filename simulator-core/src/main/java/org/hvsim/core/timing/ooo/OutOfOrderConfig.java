package org.hvsim.core.timing.ooo;

import org.hvsim.core.cpu.CpuModel;
import org.hvsim.core.cpu.Microarchitecture;
import org.hvsim.core.timing.branch.BranchPredictorConfig;

/**
 * Parameters of the out-of-order timing model ({@link OutOfOrderModel}). Every width and size is
 * per hardware thread, in instructions (the model counts one fused-domain uop per instruction,
 * two for a read-modify-write); latencies are in core cycles. Cache and TLB latencies are not
 * here: they come from the memory system ({@link org.hvsim.core.timing.MemoryTiming}).
 * {@link #skylake()} documents the defaults and their sources.
 *
 * @param dispatchWidth        fused uops renamed/allocated into the ROB per cycle
 * @param retireWidth          fused uops retired per cycle
 * @param fetchWidth           instructions the front end delivers per cycle
 * @param robEntries           reorder-buffer entries
 * @param rsEntries            scheduler (reservation station / issue queue) entries
 * @param loadQueue            load-buffer entries (held from dispatch to retirement)
 * @param storeQueue           store-buffer entries (held from dispatch until the store has
 *                             retired and written its line)
 * @param idqEntries           instruction queue between the front end and rename: how far fetch
 *                             may run ahead of dispatch, in uops
 * @param frontEndDepth        cycles from fetching an instruction to dispatching it: also the
 *                             front-end refill after a misprediction redirects fetch
 * @param decodeRedirect       cycles lost when a direct branch's target was missing from the BTB
 *                             and decode redirects fetch (no back-end involvement)
 * @param aluPorts             ports with an integer ALU
 * @param loadPorts            load (AGU + load data) ports
 * @param storePorts           store-data ports (stores per cycle)
 * @param branchPorts          ports with a branch unit
 * @param mulPorts             ports with an integer multiplier
 * @param aluLatency           simple integer operation latency
 * @param mulLatency           integer multiply latency (pipelined)
 * @param divLatency           integer divide latency, 32-bit and narrower operands
 * @param div64Latency         integer divide latency, 64-bit operands
 * @param divInterval          cycles the divider stays busy per divide (it is not pipelined)
 * @param branchLatency        cycles from issue to resolution of a branch
 * @param storeForwardLatency  load-to-use latency of a load served by store-to-load forwarding
 * @param microcodeLatency     execution latency of a microcoded instruction beyond the cycles its
 *                             microcode charged ({@code RetiredInstruction.microcodeCycles})
 * @param stringElementsPerCycle elements of a REP string operation processed per cycle
 * @param branchPredictor      the branch unit
 */
public record OutOfOrderConfig(int dispatchWidth, int retireWidth, int fetchWidth, int robEntries, int rsEntries,
                               int loadQueue, int storeQueue, int idqEntries, int frontEndDepth, int decodeRedirect,
                               int aluPorts, int loadPorts, int storePorts, int branchPorts, int mulPorts,
                               int aluLatency, int mulLatency, int divLatency, int div64Latency, int divInterval,
                               int branchLatency,
                               int storeForwardLatency, int microcodeLatency, int stringElementsPerCycle,
                               BranchPredictorConfig branchPredictor) {

    public OutOfOrderConfig {
        positive("dispatchWidth", dispatchWidth);
        positive("retireWidth", retireWidth);
        positive("fetchWidth", fetchWidth);
        positive("robEntries", robEntries);
        positive("rsEntries", rsEntries);
        positive("loadQueue", loadQueue);
        positive("storeQueue", storeQueue);
        positive("idqEntries", idqEntries);
        positive("aluPorts", aluPorts);
        positive("loadPorts", loadPorts);
        positive("storePorts", storePorts);
        positive("branchPorts", branchPorts);
        positive("mulPorts", mulPorts);
        positive("stringElementsPerCycle", stringElementsPerCycle);
        if (dispatchWidth < 2) {
            throw new IllegalArgumentException("dispatchWidth must be >= 2 (a read-modify-write takes two slots)");
        }
        if (frontEndDepth < 0 || decodeRedirect < 0 || aluLatency < 0 || mulLatency < 0 || divLatency < 0
                || div64Latency < 0 || divInterval < 0 || branchLatency < 0 || storeForwardLatency < 0 || microcodeLatency < 0) {
            throw new IllegalArgumentException("latencies and depths must be >= 0");
        }
        if (branchPredictor == null) {
            throw new IllegalArgumentException("branchPredictor is required");
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }

    /**
     * Skylake client (Core i7-6700), one thread. Sources: Intel 64 and IA-32 Architectures
     * Optimization Reference Manual (Skylake client microarchitecture: "Table 2-x. Dispatch port
     * and execution stacks", "Table 2-y. Cache/buffer parameters"), Agner Fog, The
     * microarchitecture of Intel, AMD and VIA CPUs (Skylake chapter) and Instruction tables
     * (Skylake), and WikiChip (Skylake client).
     * <ul>
     * <li>dispatch (rename/allocate) 4 fused uops per cycle, retire 4 per cycle: Intel manual,
     *     Agner Fog 11.x "the renamer ... 4 fused uops per clock".</li>
     * <li>fetch 6: the decoded-uop cache delivers up to 6 uops per cycle (Intel manual); the front
     *     end is thus not the bottleneck of straight-line code.</li>
     * <li>ROB 224, scheduler 97, load buffer 72, store buffer 56, IDQ 64 uops per thread:
     *     Intel manual Skylake buffer table; WikiChip.</li>
     * <li>frontEndDepth 14: ASSUMPTION calibrated so that the smallest misprediction cost (branch
     *     issued the cycle after dispatch, resolved one cycle later, then refill) is 16 cycles,
     *     inside Agner Fog's "15-20 clock cycles" for Skylake and 7-cpu.com's 16.5.</li>
     * <li>decodeRedirect 6: ASSUMPTION (a BTB miss on a direct branch is fixed at decode, a few
     *     stages into the front end; Agner Fog reports bubbles of this order).</li>
     * <li>ports: ALU on ports 0, 1, 5, 6 (4); loads on 2, 3 (2); store data on 4 (1); branches on
     *     0, 6 (2); integer multiply on 1 (1): Intel manual port table.</li>
     * <li>latencies: ALU 1, IMUL r64 3, IDIV r32 26 and r64 42 (the low end of 42-95) with the
     *     divider busy 6 cycles per divide (reciprocal throughput of IDIV r32): Agner Fog
     *     instruction tables, Skylake; branch 1.</li>
     * <li>storeForwardLatency 5: Agner Fog (Skylake, "store forwarding ... 4-5 clock cycles"),
     *     upper value.</li>
     * <li>microcodeLatency 4: ASSUMPTION (the MS-ROM startup of a microcoded flow; the bulk of
     *     system-instruction costs comes from the preset's microcode costs).</li>
     * <li>stringElementsPerCycle 1: ASSUMPTION (fast-string microcode moves up to a line per cycle
     *     for large counts; hvsim's string instructions are logged per element, so one element per
     *     cycle is a conservative middle).</li>
     * <li>branch predictor: {@link BranchPredictorConfig#defaults()} (TAGE-like).</li>
     * </ul>
     */
    public static OutOfOrderConfig skylake() {
        return new OutOfOrderConfig(4, 4, 6, 224, 97, 72, 56, 64, 14, 6,
                4, 2, 1, 2, 1,
                1, 3, 26, 42, 6, 1,
                5, 4, 1,
                BranchPredictorConfig.defaults());
    }

    /**
     * The model's parameters from a CPU preset ({@code microarchitecture:} section). Taken as is:
     * fetch, dispatch and retire widths, ROB, scheduler, load and store queues, ports, ALU, IMUL,
     * IDIV and store-forwarding latencies, and the branch structures. Derived:
     * <ul>
     * <li>frontEndDepth = mispredict_penalty - 2: the smallest misprediction this model produces
     *     is frontEndDepth plus one cycle to issue and one to resolve the branch, so the preset's
     *     published penalty is reproduced for a branch that resolves as early as possible (a later
     *     resolution adds the window drain on top).</li>
     * <li>divInterval = idiv32_latency / 4 (Skylake: 26 / 4 = 6, Agner Fog's reciprocal
     *     throughput), divided by divider_units: an ASSUMPTION, presets give no throughput.</li>
     * <li>branch predictor: the preset's structures; history_bits is clamped to the branch
     *     package's limit of 64 and table_bits to 4..24 (several presets give longer TAGE
     *     histories than the package implements); indirect history 16 bits (its default).</li>
     * </ul>
     * Not in the presets, kept from {@link #skylake()} as ASSUMPTIONS: the IDQ (64 uops),
     * decodeRedirect (6, capped at frontEndDepth), microcodeLatency and stringElementsPerCycle.
     */
    public static OutOfOrderConfig from(CpuModel cpu) {
        Microarchitecture m = cpu.microarchitecture();
        Microarchitecture.Pipeline p = m.pipeline();
        Microarchitecture.Execution e = m.execution();
        Microarchitecture.Branch b = m.branch();
        OutOfOrderConfig d = skylake();
        int branchLatency = d.branchLatency;
        int depth = Math.max(0, p.mispredictPenalty() - 1 - branchLatency);
        int divInterval = Math.max(1, e.idiv32Latency() / 4 / Math.max(1, e.dividerUnits()));
        BranchPredictorConfig bp = org.hvsim.core.timing.TimingModels.branchConfig(b);
        return new OutOfOrderConfig(p.dispatchWidth(), p.retireWidth(), p.fetchWidth(), p.robEntries(),
                p.schedulerEntries(), p.loadQueue(), p.storeQueue(), d.idqEntries, depth,
                Math.min(d.decodeRedirect, depth), e.aluPorts(), e.loadPorts(), e.storePorts(), e.branchPorts(),
                e.multiplyPorts(), e.aluLatency(), e.imulLatency(), e.idiv32Latency(), e.idiv64Latency(),
                divInterval, branchLatency, e.storeForwardLatency(), d.microcodeLatency,
                d.stringElementsPerCycle, bp);
    }

    public OutOfOrderConfig withWindow(int rob, int rs, int lq, int sq) {
        return new OutOfOrderConfig(dispatchWidth, retireWidth, fetchWidth, rob, rs, lq, sq, idqEntries,
                frontEndDepth, decodeRedirect, aluPorts, loadPorts, storePorts, branchPorts, mulPorts, aluLatency,
                mulLatency, divLatency, div64Latency, divInterval, branchLatency, storeForwardLatency, microcodeLatency,
                stringElementsPerCycle, branchPredictor);
    }

    public OutOfOrderConfig withWidths(int dispatch, int retire, int fetch) {
        return new OutOfOrderConfig(dispatch, retire, fetch, robEntries, rsEntries, loadQueue, storeQueue,
                idqEntries, frontEndDepth, decodeRedirect, aluPorts, loadPorts, storePorts, branchPorts, mulPorts,
                aluLatency, mulLatency, divLatency, div64Latency, divInterval, branchLatency, storeForwardLatency,
                microcodeLatency, stringElementsPerCycle, branchPredictor);
    }

    public OutOfOrderConfig withPorts(int alu, int load, int store, int branch, int mul) {
        return new OutOfOrderConfig(dispatchWidth, retireWidth, fetchWidth, robEntries, rsEntries, loadQueue,
                storeQueue, idqEntries, frontEndDepth, decodeRedirect, alu, load, store, branch, mul, aluLatency,
                mulLatency, divLatency, div64Latency, divInterval, branchLatency, storeForwardLatency, microcodeLatency,
                stringElementsPerCycle, branchPredictor);
    }

    public OutOfOrderConfig withFrontEnd(int depth, int redirect) {
        return new OutOfOrderConfig(dispatchWidth, retireWidth, fetchWidth, robEntries, rsEntries, loadQueue,
                storeQueue, idqEntries, depth, redirect, aluPorts, loadPorts, storePorts, branchPorts, mulPorts,
                aluLatency, mulLatency, divLatency, div64Latency, divInterval, branchLatency, storeForwardLatency,
                microcodeLatency, stringElementsPerCycle, branchPredictor);
    }

    public OutOfOrderConfig withLatencies(int alu, int mul, int div, int divBusy) {
        return new OutOfOrderConfig(dispatchWidth, retireWidth, fetchWidth, robEntries, rsEntries, loadQueue,
                storeQueue, idqEntries, frontEndDepth, decodeRedirect, aluPorts, loadPorts, storePorts, branchPorts,
                mulPorts, alu, mul, div, div64Latency, divBusy, branchLatency, storeForwardLatency, microcodeLatency,
                stringElementsPerCycle, branchPredictor);
    }

    public OutOfOrderConfig withBranchPredictor(BranchPredictorConfig b) {
        return new OutOfOrderConfig(dispatchWidth, retireWidth, fetchWidth, robEntries, rsEntries, loadQueue,
                storeQueue, idqEntries, frontEndDepth, decodeRedirect, aluPorts, loadPorts, storePorts, branchPorts,
                mulPorts, aluLatency, mulLatency, divLatency, div64Latency, divInterval, branchLatency, storeForwardLatency,
                microcodeLatency, stringElementsPerCycle, b);
    }
}
