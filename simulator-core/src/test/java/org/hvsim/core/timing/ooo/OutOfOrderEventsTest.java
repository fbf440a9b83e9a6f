package org.hvsim.core.timing.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.PipelineRecorder;
import org.hvsim.core.timing.branch.BranchPredictorConfig;
import org.junit.jupiter.api.Test;

/** Mispredictions, serialization, microcode, stalls and the pipeline recorder, on synthetic streams. */
class OutOfOrderEventsTest {
    /** Static BTFN prediction: a backward conditional that falls through is always mispredicted. */
    private static final OutOfOrderConfig STATIC = OutOfOrderConfig.skylake()
            .withBranchPredictor(BranchPredictorConfig.defaults("static"));

    private static final int ITERATIONS = 2_000;

    /**
     * Loop of 3 independent adds, optionally a chain of {@code chain} IMULs (started afresh each
     * iteration) feeding the flags of a backward JNZ, and the JNZ; {@code mispredict} makes every JNZ fall through (BTFN predicts it
     * taken). Returns cycles per iteration.
     */
    private static double loop(boolean mispredict, int chain, long[] mispredictions) {
        Stream s = new Stream(STATIC);
        List<DecodedInstruction> body = new ArrayList<>();
        int off = 0;
        for (int k = 0; k < 3; k++) {
            DecodedInstruction d = s.decode(off, 0x49, 0x83, 0xC0 + k, 0x01); // add $1, %r8+k
            body.add(d);
            off += d.length;
        }
        if (chain > 0) {
            DecodedInstruction d = s.decode(off, 0x48, 0x89, 0xD8); // mov %rbx, %rax: a fresh chain
            body.add(d);
            off += d.length;
        }
        for (int k = 0; k < chain; k++) {
            DecodedInstruction d = s.decode(off, 0x48, 0x0F, 0xAF, 0xC0); // imul %rax, %rax
            body.add(d);
            off += d.length;
        }
        DecodedInstruction flags = s.decode(off, 0x48, 0x85, 0xC0); // test %rax, %rax
        body.add(flags);
        off += flags.length;
        DecodedInstruction jnz = s.decode(off, 0x75, (-(off + 2)) & 0xFF); // jnz back to the start
        for (int i = 0; i < ITERATIONS; i++) {
            for (DecodedInstruction d : body) {
                s.retire(d);
            }
            s.retire(jnz, !mispredict, Stream.BASE, 0);
        }
        mispredictions[0] = s.model.mispredictions();
        if (mispredict) {
            assertThat(s.model.cpiStack().cycles(CycleAccount.BRANCH)).isPositive();
        } else {
            assertThat(s.model.cpiStack().cycles(CycleAccount.BRANCH)).isLessThan(100);
        }
        return (double) s.model.cycles() / ITERATIONS;
    }

    @Test
    void mispredictionCostsFrontEndRefillPlusResolution() {
        long[] m = new long[1];
        double good = loop(false, 0, m);
        assertThat(m[0]).isZero();
        double bad = loop(true, 0, m);
        assertThat(m[0]).isEqualTo(ITERATIONS);
        double penalty = bad - good;
        System.out.printf("misprediction: %.2f cycles/iteration predicted, %.2f mispredicted: penalty %.2f%n",
                good, bad, penalty);
        // refill (frontEndDepth) + issue and resolution of the branch behind the TEST (3 cycles)
        int depth = STATIC.frontEndDepth();
        assertThat(penalty).isBetween(depth + 1.0, depth + 4.0);
    }

    @Test
    void lateResolvingBranchAlsoPaysTheWindowDrain() {
        long[] m = new long[1];
        double early = loop(true, 0, m);
        double late = loop(true, 4, m);
        double predictedLate = loop(false, 4, m);
        System.out.printf("mispredicted iteration: %.2f cycles (branch resolves at once), %.2f (behind a 12-cycle"
                + " IMUL chain; %.2f when predicted)%n", early, late, predictedLate);
        // Fetch restarts only when the branch resolves: the 4 IMULs (12 cycles) in front of it
        // lengthen every mispredicted iteration by their latency, while predicted iterations overlap
        // the chains and run at the multiplier's throughput.
        assertThat(late - early).isCloseTo(4 * STATIC.mulLatency(), within(2.0));
        assertThat(late - predictedLate).isGreaterThan(STATIC.frontEndDepth() + 4 * STATIC.mulLatency() - 4);
    }

    @Test
    void serializingInstructionDrainsTheWindow() {
        // 8 dependent IMULs (24 cycles) then 40 independent adds: the adds overlap the chain...
        double overlapped = serialRun(false);
        // ...unless an LFENCE sits between them: the adds wait for the chain to retire.
        double serialized = serialRun(true);
        System.out.printf("serialization: %.1f cycles/iteration without LFENCE, %.1f with%n", overlapped, serialized);
        assertThat(serialized - overlapped).isGreaterThan(8);
    }

    private static double serialRun(boolean fence) {
        Stream s = new Stream(OutOfOrderConfig.skylake());
        DecodedInstruction imul = s.decode(0, 0x48, 0x0F, 0xAF, 0xC0);
        DecodedInstruction lfence = s.decode(4, 0x0F, 0xAE, 0xE8);
        DecodedInstruction add = s.decode(8, 0x49, 0x83, 0xC0, 0x01);
        DecodedInstruction add2 = s.decode(12, 0x49, 0x83, 0xC1, 0x01);
        assertThat(InstructionProfilesView.serializing(lfence)).isTrue();
        for (int i = 0; i < 200; i++) {
            for (int k = 0; k < 8; k++) {
                s.retire(imul);
            }
            if (fence) {
                s.retire(lfence);
            }
            for (int k = 0; k < 20; k++) {
                s.retire(add);
                s.retire(add2);
            }
        }
        if (fence) {
            assertThat(s.model.cpiStack().cycles(CycleAccount.SERIALIZATION)).isPositive();
        }
        return s.model.cycles() / 200.0;
    }

    @Test
    void microcodeCyclesAreChargedToSerialization() {
        Stream s = new Stream(OutOfOrderConfig.skylake());
        DecodedInstruction cpuid = s.decode(0, 0x0F, 0xA2);
        DecodedInstruction add = s.decode(2, 0x49, 0x83, 0xC0, 0x01);
        for (int k = 0; k < 100; k++) {
            s.retire(add);
        }
        long before = s.model.cycles();
        long serialBefore = s.model.cpiStack().cycles(CycleAccount.SERIALIZATION);
        s.retire(cpuid, false, 0, 100);
        for (int k = 0; k < 8; k++) {
            s.retire(add);
        }
        long spent = s.model.cycles() - before;
        long serial = s.model.cpiStack().cycles(CycleAccount.SERIALIZATION) - serialBefore;
        System.out.printf("CPUID charging 100 microcode cycles: %d cycles, %d in serialization%n", spent, serial);
        assertThat(spent).isBetween(100L, 100L + 40);
        assertThat(serial).isGreaterThanOrEqualTo(100);
    }

    @Test
    void stallDrainsAndLandsInItsAccount() {
        Stream s = new Stream(OutOfOrderConfig.skylake());
        DecodedInstruction add = s.decode(0, 0x49, 0x83, 0xC0, 0x01);
        for (int k = 0; k < 50; k++) {
            s.retire(add);
        }
        long before = s.model.cycles();
        s.model.stall(CycleAccount.EXCEPTION, 500);
        assertThat(s.model.cycles()).isEqualTo(before + 500);
        s.retire(add);
        assertThat(s.model.cpiStack().cycles(CycleAccount.EXCEPTION)).isGreaterThanOrEqualTo(500);
        assertThat(s.model.cpiStack().total()).isEqualTo(s.model.cycles());
    }

    @Test
    void pipelineRecorderSeesOrderedStages() {
        Stream s = new Stream(OutOfOrderConfig.skylake());
        List<long[]> rows = new ArrayList<>();
        s.model.setPipelineRecorder(new PipelineRecorder() {
            @Override
            public boolean wants(long sequence) {
                return sequence >= 10 && sequence < 20;
            }

            @Override
            public void record(long sequence, DecodedInstruction instruction, String[] stageNames, long[] stageCycles,
                               long endCycle) {
                assertThat(stageNames).containsExactly("F", "D", "I", "C", "R");
                long[] row = stageCycles.clone();
                rows.add(row);
                assertThat(endCycle).isGreaterThan(row[4]);
            }
        });
        DecodedInstruction imul = s.decode(0, 0x48, 0x0F, 0xAF, 0xC0);
        for (int k = 0; k < 30; k++) {
            s.retire(imul);
        }
        assertThat(rows).hasSize(10);
        for (long[] row : rows) {
            assertThat(row[0]).isLessThan(row[1]);
            assertThat(row[1]).isLessThan(row[2]);
            assertThat(row[2]).isLessThanOrEqualTo(row[3]);
            assertThat(row[3]).isLessThanOrEqualTo(row[4]);
        }
        // a dependent IMUL chain: each issues when the previous completes, 3 cycles apart
        assertThat(rows.get(1)[2] - rows.get(0)[2]).isEqualTo(3);
    }

    /** Keeps the test readable: whether the profile of {@code d} is serializing. */
    private static final class InstructionProfilesView {
        static boolean serializing(DecodedInstruction d) {
            return org.hvsim.core.timing.InstructionProfiles.of(d).serializing;
        }
    }
}
