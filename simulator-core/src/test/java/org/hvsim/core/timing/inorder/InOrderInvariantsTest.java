package org.hvsim.core.timing.inorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.hvsim.core.Registers;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.CycleAccount;
import org.junit.jupiter.api.Test;

/**
 * Laws every run of the in-order pipeline obeys, on a loop mixing loads, stores, multiplies and
 * branches that starts with cold caches: the CPI stack sums to the cycles; every instruction
 * spends at least one cycle per stage and never overtakes the one ahead; forwarding never
 * hurts and a deeper pipeline never helps; the same run twice gives the same numbers.
 */
class InOrderInvariantsTest {

    private static final int ITERATIONS = 100;
    private static final long INSTRUCTIONS = 2 + 7L * ITERATIONS;

    private static Harness kernel(InOrderConfig c) {
        return new Harness(c, ExecutionLatencies.defaults(), "gshare").code(
                0xbb, 0x00, 0x00, 0x60, 0x00,   // mov $DATA,%ebx
                0xb9, ITERATIONS, 0x00, 0x00, 0x00, // mov $ITERATIONS,%ecx
                0x48, 0x8b, 0x03,               // loop: mov (%rbx),%rax
                0x48, 0x0f, 0xaf, 0xc1,         // imul %rcx,%rax
                0x48, 0x01, 0xc2,               // add %rax,%rdx
                0x48, 0x89, 0x53, 0x08,         // mov %rdx,8(%rbx)
                0x48, 0x83, 0xc3, 0x10,         // add $16,%rbx
                0xff, 0xc9,                     // dec %ecx
                0x75, 0xea);                    // jne loop
    }

    @Test
    void stackSumsAndStagesAreOrderedForEveryShape() {
        long[][] cycles = new long[2][];
        for (int f = 0; f < 2; f++) {
            boolean forwarding = f == 0;
            cycles[f] = new long[InOrderConfig.MAX_DEPTH + 1];
            for (int depth = InOrderConfig.MIN_DEPTH; depth <= 12; depth++) {
                Harness h = kernel(new InOrderConfig(depth, forwarding));
                List<long[]> chart = new ArrayList<>();
                h.model.setPipelineRecorder(InOrderGoldenTest.recorder(chart));
                h.run(INSTRUCTIONS);
                assertThat(h.cpu.gpr[Registers.RCX]).isZero();
                cycles[f][depth] = h.cycles(); // asserts the stack sums
                assertThat(chart).hasSize((int) INSTRUCTIONS);
                long[] before = null;
                for (long[] row : chart) {
                    for (int k = 1; k <= depth; k++) {
                        assertThat(row[k]).as("stage %d after stage %d", k, k - 1).isGreaterThan(row[k - 1]);
                    }
                    if (before != null) {
                        for (int k = 0; k < depth; k++) {
                            assertThat(row[k]).as("in order in stage %d", k).isGreaterThan(before[k]);
                        }
                        for (int k = 0; k + 1 < depth; k++) {
                            assertThat(row[k]).as("stage %d free", k).isGreaterThanOrEqualTo(before[k + 1]);
                        }
                    }
                    before = row;
                }
                assertThat(before[depth]).isEqualTo(h.cycles());
                assertThat(h.account(CycleAccount.DCACHE_DRAM)).isPositive(); // cold data lines
                assertThat(h.account(CycleAccount.ICACHE)).isPositive();      // cold code line
                assertThat(h.account(CycleAccount.BRANCH)).isPositive();      // loop exit at least
                if (depth > InOrderConfig.MIN_DEPTH) {
                    assertThat(cycles[f][depth]).isGreaterThanOrEqualTo(cycles[f][depth - 1]);
                }
            }
        }
        for (int depth = InOrderConfig.MIN_DEPTH; depth <= 12; depth++) {
            assertThat(cycles[0][depth]).as("forwarding never hurts").isLessThan(cycles[1][depth]);
        }
    }

    @Test
    void sameRunTwiceGivesIdenticalResults() {
        Harness a = kernel(InOrderConfig.defaults()).run(INSTRUCTIONS);
        Harness b = kernel(InOrderConfig.defaults()).run(INSTRUCTIONS);
        assertThat(a.cycles()).isEqualTo(b.cycles());
        CpiStack sa = a.model.cpiStack();
        CpiStack sb = b.model.cpiStack();
        for (CycleAccount acc : CycleAccount.values()) {
            assertThat(sa.cycles(acc)).as(acc.label()).isEqualTo(sb.cycles(acc));
        }
        assertThat(a.model.instructions()).isEqualTo(INSTRUCTIONS);
    }

    @Test
    void configurationShapes() {
        assertThat(InOrderConfig.defaults().stageNames()).containsExactly("F", "D", "X", "M", "W");
        assertThat(new InOrderConfig(6, true).stageNames()).containsExactly("F1", "F2", "D", "X", "M", "W");
        assertThat(new InOrderConfig(9, true).stageNames())
                .containsExactly("F1", "F2", "F3", "D1", "D2", "D3", "X", "M", "W");
        assertThat(new InOrderConfig(9, true).frontEndStages()).isEqualTo(6);
        assertThatThrownBy(() -> new InOrderConfig(4, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecutionLatencies(0, 3, 26, 35)).isInstanceOf(IllegalArgumentException.class);
        assertThat(kernel(InOrderConfig.defaults()).model.name()).isEqualTo("inorder");
    }
}
