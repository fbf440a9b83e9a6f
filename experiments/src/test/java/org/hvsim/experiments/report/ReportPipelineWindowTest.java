package org.hvsim.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.junit.jupiter.api.Test;

class ReportPipelineWindowTest {
    private static final String[] STAGES = {"F", "D", "X", "M", "W"};

    @Test
    void parsesFromColonCount() {
        PipelineWindow w = PipelineWindow.parse(" 1000:20 ");
        assertThat(w.from()).isEqualTo(1000);
        assertThat(w.count()).isEqualTo(20);
        assertThat(w.wants(999)).isFalse();
        assertThat(w.wants(1000)).isTrue();
        assertThat(w.wants(1019)).isTrue();
        assertThat(w.wants(1020)).isFalse();
        assertThat(w).hasToString("1000:20");
    }

    @Test
    void rejectsMalformedWindowsWithAReadableMessage() {
        for (String bad : new String[] {"", "10", ":5", "5:", "a:5", "5:b", "1:2:3", "-1:5", "5:0", "5:-2", "0:10001"}) {
            assertThatThrownBy(() -> PipelineWindow.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pipeline window");
        }
        assertThatThrownBy(() -> PipelineWindow.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsOnlyTheWindowAndCopiesTheReusedArrays() {
        PipelineWindow w = new PipelineWindow(2, 2);
        String[] names = STAGES.clone();
        long[] cycles = {0, 1, 2, 3, 4};
        for (long seq = 0; seq < 6; seq++) {
            for (int k = 0; k < cycles.length; k++) {
                cycles[k] = seq + k;
            }
            w.record(seq, 0x1000 + seq, "nop", names, cycles, seq + 5);
        }
        names[0] = "Z";
        cycles[0] = 99;
        assertThat(w.entries()).hasSize(2);
        assertThat(w.complete()).isTrue();
        PipelineWindow.Entry e = w.entries().get(0);
        assertThat(e.sequence()).isEqualTo(2);
        assertThat(e.stageNames()).containsExactly("F", "D", "X", "M", "W");
        assertThat(e.stageCycles()).containsExactly(2, 3, 4, 5, 6);
        assertThat(e.endCycle()).isEqualTo(7);
        assertThat(w.entries().get(1).stageCycles()).containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void keepsOnlyTheStagesNamedEvenIfTheCycleArrayIsLonger() {
        PipelineWindow w = new PipelineWindow(0, 1);
        w.record(0, 0x10, "nop", new String[] {"F", "X"}, new long[] {4, 5, 0, 0, 0}, 6);
        assertThat(w.entries().get(0).stageCycles()).containsExactly(4, 5);
        assertThat(w.complete()).isTrue();
    }

    @Test
    void disassemblesDecodedInstructionsInAttSyntaxWithBlanksCollapsed() {
        byte[] code = {0x48, (byte) 0x89, (byte) 0xe5, 0x48, (byte) 0x83, (byte) 0xc0, 0x01};
        Decoder decoder = new Decoder();
        DecodedInstruction mov = decoder.decode(0x401000, ByteSource.of(code, 0x401000));
        DecodedInstruction add = decoder.decode(0x401003, ByteSource.of(code, 0x401000));
        PipelineWindow w = new PipelineWindow(0, 2);
        w.record(0, mov, STAGES, new long[] {0, 1, 2, 3, 4}, 5);
        w.record(1, add, STAGES, new long[] {1, 2, 3, 4, 5}, 6);
        assertThat(w.entries()).extracting(PipelineWindow.Entry::label)
                .containsExactly("401000 mov %rsp,%rbp", "401003 add $0x1,%rax");
    }
}
