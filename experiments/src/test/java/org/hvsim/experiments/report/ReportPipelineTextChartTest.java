package org.hvsim.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportPipelineTextChartTest {
    private static final String[] INORDER = {"F", "D", "X", "M", "W"};
    private static final String[] OOO = {"F", "D", "I", "C", "R"};

    /** Five instructions of a 5-stage pipeline with a load-use stall and the fetch stall behind it. */
    static PipelineWindow loadUse() {
        PipelineWindow w = PipelineWindow.parse("0:5");
        w.record(0, 0x401000, "mov    %rsp,%rbp", INORDER, new long[] {100, 101, 102, 103, 104}, 105);
        w.record(1, 0x401003, "add    $0x1,%rax", INORDER, new long[] {101, 102, 103, 104, 105}, 106);
        w.record(2, 0x401007, "mov    (%rax),%rbx", INORDER, new long[] {102, 103, 104, 105, 106}, 107);
        w.record(3, 0x40100a, "add    %rbx,%rcx", INORDER, new long[] {103, 104, 106, 107, 108}, 109);
        w.record(4, 0x40100d, "jmp    401000 <_start>", INORDER, new long[] {104, 106, 107, 108, 109}, 110);
        w.record(5, 0x401000, "mov    %rsp,%rbp", INORDER, new long[] {106, 107, 108, 109, 110}, 111); // outside
        return w;
    }

    @Test
    void drawsTheTextbookDiagram() {
        assertThat(loadUse().render()).isEqualTo(String.join("\n",
                "Pipeline diagram: instructions 0-4, 10 cycles; cycle 0 = cycle 100 of the run",
                "",
                "cycle                          0    5",
                "401000 mov %rsp,%rbp           FDXMW.....",
                "401003 add $0x1,%rax           .FDXMW....",
                "401007 mov (%rax),%rbx         ..FDXMW...",
                "40100a add %rbx,%rcx           ...FD-XMW.  <- D+1",
                "40100d jmp 401000 <_start>     ....F-DXMW  <- F+1",
                "",
                "Legend:  F=fetch  D=decode  X=execute  M=memory  W=write-back",
                "         -=waiting (stall or multi-cycle stage)  .=not in the pipeline",
                "         <- D+1: cycles spent after a stage before the next began",
                ""));
    }

    @Test
    void narrowLabelsAndNoNotes() {
        String text = loadUse().render(PipelineTextChart.Options.DEFAULT.withLabelWidth(12).withAnnotate(false));
        assertThat(text).contains(
                "cycle        0    5\n"
                + "401000 mov ~ FDXMW.....\n"
                + "401003 add ~ .FDXMW....\n"
                + "401007 mov ~ ..FDXMW...\n"
                + "40100a add ~ ...FD-XMW.\n"
                + "40100d jmp ~ ....F-DXMW\n")
                .doesNotContain("<-");
    }

    /** An out-of-order window 27 cycles wide: one long-latency instruction holds the others' retirement. */
    static PipelineWindow outOfOrder() {
        PipelineWindow w = new PipelineWindow(40, 3);
        w.record(40, 0x401100, "mov    (%rdi),%rax", OOO, new long[] {0, 3, 4, 25, 26}, 27);
        w.record(41, 0x401103, "add    $0x1,%rcx", OOO, new long[] {0, 3, 4, 5, 26}, 27);
        w.record(42, 0x401107, "imul   %rcx,%rdx", OOO, new long[] {1, 4, 5, 8, 27}, 28);
        return w;
    }

    @Test
    void wrapsLongWindowsIntoBlocksOfCycles() {
        PipelineTextChart.Options narrow = PipelineTextChart.Options.DEFAULT.withLabelWidth(20).withMaxWidth(41);
        assertThat(outOfOrder().render(narrow)).isEqualTo(String.join("\n",
                "Pipeline diagram: instructions 40-42, 28 cycles; cycle 0 = cycle 0 of the run",
                "",
                "cycle                0    5    10   15",
                "401100 mov (%rdi),%~ F--DI---------------",
                "401103 add $0x1,%rcx F--DIC--------------",
                "401107 imul %rcx,%r~ .F--DI--C-----------",
                "",
                "cycle                20   25",
                "401100 mov (%rdi),%~ -----CR.  <- F+2 I+20",
                "401103 add $0x1,%rcx ------R.  <- F+2 C+20",
                "401107 imul %rcx,%r~ -------R  <- F+2 I+2 C+18",
                "",
                "Legend:  F=fetch  D=dispatch  I=issue",
                "         C=complete  R=retire",
                "         -=waiting (stall or multi-cycle stage)",
                "         .=not in the pipeline",
                "         <- D+1: cycles spent after a stage before the next began",
                ""));
    }

    @Test
    void leavesRowsOutOfBlocksWhereTheyDoNothing() {
        PipelineWindow w = new PipelineWindow(0, 2);
        w.record(0, 0x10, "nop", INORDER, new long[] {0, 1, 2, 3, 4}, 5);
        w.record(1, 0x11, "hlt", INORDER, new long[] {30, 31, 32, 33, 34}, 35);
        String text = w.render(PipelineTextChart.Options.DEFAULT.withLabelWidth(10).withMaxWidth(31));
        assertThat(text).contains(
                "cycle      0    5    10   15\n10 nop     FDXMW...............\n\n"
                + "cycle      20   25   30\n11 hlt     ..........FDXMW\n");
    }

    @Test
    void truncatesWithANoteWhenAskedTo() {
        PipelineTextChart.Options cut = PipelineTextChart.Options.DEFAULT.withLabelWidth(20).withMaxWidth(41)
                .withOverflow(PipelineTextChart.Overflow.TRUNCATE);
        String text = outOfOrder().render(cut);
        assertThat(text).contains(
                "cycle                0    5    10   15\n"
                + "401100 mov (%rdi),%~ F--DI---------------  <- F+2 I+20\n"
                + "401103 add $0x1,%rcx F--DIC--------------  <- F+2 C+20\n"
                + "401107 imul %rcx,%r~ .F--DI--C-----------  <- F+2 I+2 C+18\n"
                + "... cycles 20-27 not shown (chart limited to 41 columns; wrap it or choose a smaller window)\n")
                .doesNotContain("cycle                20");
    }

    @Test
    void defaultLayoutFitsA120ColumnTerminal() {
        PipelineWindow w = new PipelineWindow(0, 50);
        for (int i = 0; i < 50; i++) {
            long f = 3L * i;
            w.record(i, 0x400000 + 4L * i, "vpaddd 0x12345678(%rax,%rbx,8),%ymm1,%ymm2", OOO,
                    new long[] {f, f + 2, f + 5, f + 9, f + 12}, f + 13);
        }
        for (String line : w.render().split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(120);
        }
    }

    @Test
    void laterStageWinsWhenTwoBeginInTheSameCycle() {
        PipelineWindow w = new PipelineWindow(0, 1);
        w.record(0, 0x10, "nop", OOO, new long[] {0, 2, 2, 3, 4}, 5);
        assertThat(w.render()).contains("10 nop                         F-ICR  <- F+1\n");
    }

    @Test
    void saysSoWhenNothingWasRecorded() {
        assertThat(PipelineWindow.parse("500:10").render())
                .isEqualTo("Pipeline diagram: no instruction of window 500-509 was recorded"
                        + " (did the run retire that many with a timing model?)\n");
    }

    @Test
    void headerNumbersEveryFiveCyclesThenEveryTen() {
        assertThat(PipelineTextChart.header(0, 12)).isEqualTo("0    5    10");
        assertThat(PipelineTextChart.header(3, 17)).isEqualTo("  5    10   15");
        assertThat(PipelineTextChart.header(9990, 10030)).isEqualTo("9990      10000     10010     10020");
    }
}
