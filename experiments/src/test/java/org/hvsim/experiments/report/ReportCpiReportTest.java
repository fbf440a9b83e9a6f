package org.hvsim.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.PipelineRecorder;
import org.hvsim.core.timing.RetiredInstruction;
import org.hvsim.core.timing.TimingModel;
import org.junit.jupiter.api.Test;

class ReportCpiReportTest {
    static CpiStack sample() {
        CpiStack s = new CpiStack();
        s.add(CycleAccount.BASE, 10_000);
        s.add(CycleAccount.DCACHE_L2, 2_000);
        s.add(CycleAccount.BRANCH, 345);
        s.add(CycleAccount.TLB, 1);
        return s;
    }

    /** A timing model that only holds numbers. */
    static TimingModel model(String name, long instructions, CpiStack stack) {
        return new TimingModel() {
            @Override
            public void retire(RetiredInstruction r) {
            }

            @Override
            public void stall(CycleAccount account, long cycles) {
                stack.add(account, cycles);
            }

            @Override
            public long cycles() {
                return stack.total();
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
                return name;
            }

            @Override
            public void setPipelineRecorder(PipelineRecorder recorder) {
            }
        };
    }

    @Test
    void formatsATimingModelsStack() {
        assertThat(CpiReport.format(model("inorder", 10_000, sample()))).isEqualTo(String.join("\n",
                "CPI stack: inorder",
                "  cycles        12,346",
                "  instructions  10,000",
                "  IPC            0.810",
                "  CPI            1.235",
                "",
                "  account       cycles    CPI   share",
                "  base          10,000  1.000   81.0%",
                "  branch           345  0.035    2.8%",
                "  dcache-L2      2,000  0.200   16.2%",
                "  tlb/walk           1  0.000    0.0%",
                "  -----------------------------------",
                "  total         12,346  1.235  100.0%",
                ""));
    }

    @Test
    void roundedSharesAddUpToTheTotalLine() {
        CpiStack s = new CpiStack();
        s.add(CycleAccount.BASE, 1);
        s.add(CycleAccount.BRANCH, 1);
        s.add(CycleAccount.ICACHE, 1);
        String text = CpiReport.format("thirds", 3, 7, s);
        // 33.3% three times would add to 99.9%; 3/7 = 0.142857 each would add to 0.429 (total 0.429).
        assertThat(text).contains(
                "  base               1  0.143   33.4%\n"
                + "  branch             1  0.143   33.3%\n"
                + "  icache             1  0.143   33.3%\n",
                "  total              3  0.429  100.0%\n");
        assertThat(CpiReport.apportion(new long[] {1, 1, 1}, 1000.0 / 3)).containsExactly(334, 333, 333);
        assertThat(CpiReport.apportion(new long[] {2, 2, 3}, 1000.0 / 7)).containsExactly(286, 286, 428);
    }

    @Test
    void everyRoundingAddsUpOnManyStacks() {
        java.util.Random random = new java.util.Random(5);
        for (int trial = 0; trial < 500; trial++) {
            long[] parts = new long[1 + random.nextInt(10)];
            long total = 0;
            for (int i = 0; i < parts.length; i++) {
                parts[i] = random.nextInt(random.nextBoolean() ? 10 : 1_000_000);
                total += parts[i];
            }
            if (total == 0) {
                continue;
            }
            long instructions = 1 + random.nextInt(2_000_000);
            assertThat(sum(CpiReport.apportion(parts, 1000.0 / total))).isEqualTo(1000);
            assertThat(sum(CpiReport.apportion(parts, 1000.0 / instructions)))
                    .isEqualTo(Math.round(total * 1000.0 / instructions));
        }
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    @Test
    void showsCyclesTheStackDoesNotExplain() {
        CpiStack s = new CpiStack();
        s.add(CycleAccount.BASE, 100);
        String text = CpiReport.format("broken", 110, 100, s);
        assertThat(text).contains(
                "  base             100  1.000   90.9%\n"
                + "  unaccounted       10  0.100    9.1%\n"
                + "  -----------------------------------\n"
                + "  total            110  1.100  100.0%\n");
    }

    @Test
    void withoutInstructionsRatiosAreNotAvailable() {
        CpiStack s = new CpiStack();
        s.add(CycleAccount.IDLE, 50);
        assertThat(CpiReport.format("idle", 50, 0, s)).isEqualTo(String.join("\n",
                "CPI stack: idle",
                "  cycles         50",
                "  instructions    0",
                "  IPC           n/a",
                "  CPI           n/a",
                "",
                "  account       cycles  CPI   share",
                "  idle              50  n/a  100.0%",
                "  ---------------------------------",
                "  total             50  n/a  100.0%",
                ""));
    }

    @Test
    void comparesSeveralLabelledRuns() {
        CpiStack vtx = sample();
        vtx.add(CycleAccount.VM_EXIT, 5_000);
        List<CpiReport.Run> runs = List.of(CpiReport.Run.of("native", 10_000, sample()),
                CpiReport.Run.of("vt-x", 10_000, vtx));
        String text = CpiReport.format(runs);
        assertThat(text).startsWith("CPI stack: native\n").contains("\n\nCPI stack: vt-x\n")
                .contains("  vm-exit        5,000  0.500   28.8%\n")
                .endsWith("  total         17,346  1.735  100.0%\n");
    }

    @Test
    void aRunCopiesItsStack() {
        CpiStack s = sample();
        CpiReport.Run run = CpiReport.Run.of("snapshot", 10, s);
        s.add(CycleAccount.BASE, 1);
        assertThat(run.stack().total()).isEqualTo(12_346);
        assertThat(run.cycles()).isEqualTo(12_346);
        assertThat(run.unaccounted()).isZero();
    }
}
