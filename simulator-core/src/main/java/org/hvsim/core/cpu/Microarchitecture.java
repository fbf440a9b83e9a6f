package org.hvsim.core.cpu;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The microarchitecture parameters of a CPU preset that the timing models read: pipeline widths
 * and window sizes, execution ports and latencies, branch-prediction structures, and the memory
 * hierarchy (caches, TLBs, paging-structure caches). Every value comes from the {@code
 * microarchitecture:} section of a preset file, where each number carries its source; the keys,
 * units and meanings are documented in docs/cpu-presets.md. All records are immutable.
 *
 * @param pipeline  front end, window and retirement
 * @param execution execution ports and instruction latencies
 * @param branch    branch-prediction structures
 * @param memory    caches, DRAM, TLBs and paging-structure caches
 */
public record Microarchitecture(Pipeline pipeline, Execution execution, Branch branch, Memory memory) {

    public Microarchitecture {
        if (execution.loadToUseLatency() != memory.l1d().latency()) {
            throw new IllegalArgumentException("'microarchitecture.execution.load_to_use_latency' (" + execution.loadToUseLatency()
                    + ") must equal 'microarchitecture.memory.l1d.latency' (" + memory.l1d().latency() + ")");
        }
    }

    /**
     * Front end, out-of-order window and retirement. Widths are per core clock; on parts with a
     * decoded-uop cache the widths are those of the path named in the preset's source.
     *
     * @param fetchWidth        instructions fetched (or delivered from a uop/trace cache) per cycle
     * @param decodeWidth       instructions decoded per cycle by the legacy decoders
     * @param dispatchWidth     uops renamed and dispatched into the window per cycle
     * @param retireWidth       uops retired per cycle
     * @param pipelineDepth     stages from fetch to execute: the front-end refill part of a
     *                          misprediction (cycles)
     * @param mispredictPenalty branch misprediction penalty as published (cycles)
     * @param robEntries        reorder-buffer entries (uops)
     * @param schedulerEntries  reservation-station / issue-queue entries (uops)
     * @param loadQueue         load-buffer entries
     * @param storeQueue        store-buffer entries
     */
    public record Pipeline(int fetchWidth, int decodeWidth, int dispatchWidth, int retireWidth, int pipelineDepth,
                           int mispredictPenalty, int robEntries, int schedulerEntries, int loadQueue,
                           int storeQueue) {
        public Pipeline {
            if (dispatchWidth > robEntries || schedulerEntries > robEntries) {
                throw new IllegalArgumentException("'microarchitecture.pipeline.dispatch_width' and 'microarchitecture.pipeline.scheduler_entries'"
                        + " must not exceed 'microarchitecture.pipeline.rob_entries'");
            }
            if (pipelineDepth > mispredictPenalty) {
                throw new IllegalArgumentException("'microarchitecture.pipeline.pipeline_depth' (" + pipelineDepth
                        + ") must not exceed 'microarchitecture.pipeline.mispredict_penalty' (" + mispredictPenalty + ")");
            }
        }
    }

    /**
     * Execution resources and latencies (cycles, from operands ready to result ready).
     *
     * @param aluPorts            ports able to run a simple integer ALU uop
     * @param loadPorts           ports able to execute a load
     * @param storePorts          stores per cycle (store-address and store-data pairs)
     * @param branchPorts         ports able to execute a branch
     * @param multiplyPorts       ports with an integer multiplier
     * @param dividerUnits        integer dividers (unpipelined)
     * @param aluLatency          simple ALU operation
     * @param imulLatency         IMUL r64, r64
     * @param idiv32Latency       IDIV r32, typical operands
     * @param idiv64Latency       IDIV r64, typical operands
     * @param loadToUseLatency    load hitting the L1D, simple addressing (equals the L1D latency)
     * @param storeForwardLatency store-to-load forwarding, store to dependent load result
     */
    public record Execution(int aluPorts, int loadPorts, int storePorts, int branchPorts, int multiplyPorts,
                            int dividerUnits, int aluLatency, int imulLatency, int idiv32Latency, int idiv64Latency,
                            int loadToUseLatency, int storeForwardLatency) {
    }

    /** Kind of conditional-branch direction predictor a preset asks for. */
    public enum PredictorKind {
        STATIC, BIMODAL, GSHARE, TAGE
    }

    /**
     * Branch-prediction structures.
     *
     * @param predictor       direction-predictor kind
     * @param historyBits     global history length in bits (0 for static and bimodal; the longest
     *                        history for TAGE)
     * @param tableBits       log2 of the entries of the main pattern table (TAGE: of each table)
     * @param btbEntries      branch-target-buffer entries (the largest level)
     * @param btbWays         BTB associativity
     * @param rasEntries      return-address-stack entries
     * @param indirectEntries indirect-target predictor entries
     */
    public record Branch(PredictorKind predictor, int historyBits, int tableBits, int btbEntries, int btbWays,
                         int rasEntries, int indirectEntries) {
        public Branch {
            if (btbEntries % btbWays != 0) {
                throw new IllegalArgumentException("'microarchitecture.branch.btb_entries' (" + btbEntries
                        + ") must be a multiple of 'microarchitecture.branch.btb_ways' (" + btbWays + ")");
            }
        }
    }

    /**
     * One cache level. A size of 0 means the level is absent (only the LLC may be absent).
     *
     * @param sizeBytes capacity in bytes
     * @param ways      associativity
     * @param lineBytes line size in bytes
     * @param latency   load-to-use latency of a hit in cycles, from the start of the access
     */
    public record Cache(long sizeBytes, int ways, int lineBytes, int latency) {
        public boolean present() {
            return sizeBytes > 0;
        }

        /** Number of sets ({@code size / line / ways}). */
        public long sets() {
            return present() ? sizeBytes / lineBytes / ways : 0;
        }
    }

    /**
     * One TLB (or paging-structure cache) array. {@code ways == entries} is fully associative;
     * 0 entries means absent.
     */
    public record Tlb(int entries, int ways) {
        public boolean present() {
            return entries > 0;
        }
    }

    /** Page sizes a TLB array can hold. */
    public enum PageSize {
        SIZE_4K("4k"), SIZE_2M("2m"), SIZE_1G("1g");

        private final String key;

        PageSize(String key) {
            this.key = key;
        }

        /** The spelling in preset files. */
        public String key() {
            return key;
        }
    }

    /**
     * Translation lookaside buffers, one first-level array per page size as on Intel parts.
     *
     * @param itlb4k          L1 ITLB, 4 KiB pages
     * @param itlb2m          L1 ITLB, 2 MiB pages
     * @param itlb1g          L1 ITLB, 1 GiB pages
     * @param dtlb4k          L1 DTLB, 4 KiB pages
     * @param dtlb2m          L1 DTLB, 2 MiB pages
     * @param dtlb1g          L1 DTLB, 1 GiB pages
     * @param stlb            second-level (unified) TLB
     * @param stlbPageSizes   page sizes the STLB holds
     * @param stlb1g          separate second-level array for 1 GiB pages (absent if none)
     * @param stlbHitLatency  extra cycles of an L1 TLB miss that hits the STLB
     */
    public record Tlbs(Tlb itlb4k, Tlb itlb2m, Tlb itlb1g, Tlb dtlb4k, Tlb dtlb2m, Tlb dtlb1g, Tlb stlb,
                       Set<PageSize> stlbPageSizes, Tlb stlb1g, int stlbHitLatency) {
        public Tlbs {
            stlbPageSizes = Collections.unmodifiableSet(stlbPageSizes.isEmpty()
                    ? EnumSet.noneOf(PageSize.class) : EnumSet.copyOf(stlbPageSizes));
        }
    }

    /**
     * Paging-structure caches (Intel SDM Vol. 3A 4.10.3; AMD's page-directory cache). Their sizes
     * are undisclosed: every preset marks them as an assumption.
     *
     * @param pml5e   PML5E cache
     * @param pml4e   PML4E cache
     * @param pdpte   PDPTE cache
     * @param pde     PDE cache
     * @param latency cycles of one probe (all levels probed in parallel)
     */
    public record PagingStructureCaches(Tlb pml5e, Tlb pml4e, Tlb pdpte, Tlb pde, int latency) {
    }

    /**
     * The memory hierarchy of one core.
     *
     * @param l1i                    L1 instruction cache
     * @param l1d                    L1 data cache
     * @param l2                     L2 cache
     * @param llc                    last-level cache (size 0: absent, the L2 is the last level)
     * @param dramLatencyNs          DRAM access beyond a miss in the last cache level present, in
     *                               nanoseconds (7-cpu.com's "RAM latency = LLC cycles + N ns" form);
     *                               converted to cycles at the preset frequency
     * @param tlbs                   TLBs
     * @param psc                    paging-structure caches
     * @param maxPhysicalAddressBits MAXPHYADDR as CPUID.80000008H:EAX[7:0] reports it
     * @param eptExecuteOnly         nested paging supports execute-only translations
     */
    public record Memory(Cache l1i, Cache l1d, Cache l2, Cache llc, int dramLatencyNs, Tlbs tlbs,
                         PagingStructureCaches psc, int maxPhysicalAddressBits, boolean eptExecuteOnly) {
        public Memory {
            for (Cache c : new Cache[] {l1i, l1d, l2}) {
                if (!c.present()) {
                    throw new IllegalArgumentException("only 'microarchitecture.memory.llc' may be absent (size_bytes 0)");
                }
            }
            if (l1i.lineBytes() != l1d.lineBytes() || l1d.lineBytes() != l2.lineBytes()
                    || (llc.present() && llc.lineBytes() != l2.lineBytes())) {
                throw new IllegalArgumentException("'microarchitecture.memory.*.line_bytes' must be the same for every cache level");
            }
        }

        /** The last cache level present: the LLC, or the L2 on parts without one. */
        public Cache lastLevel() {
            return llc.present() ? llc : l2;
        }

        /** Load-to-use cycles of an access that misses every cache, at {@code frequencyHz}. */
        public int dramLatencyCycles(long frequencyHz) {
            return lastLevel().latency() + (int) Math.round(dramLatencyNs * (double) frequencyHz / 1e9);
        }
    }
}
