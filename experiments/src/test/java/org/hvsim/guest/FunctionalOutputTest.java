package org.hvsim.guest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionalOutputTest {
    @Test
    void keepsTheMachineReadableLinesWithoutCycles() {
        String console = "hvsim-kernel 1 booting\r\nmemory 127 MiB\r\nSTART workload=io iters=2\r\n"
                + "CHECK io requests=2 ok\r\nRESULT workload=io op=write iters=2 cycles=1681706 cycles_per_op=840853.00\r\n"
                + "KILL pid=2\r\nDONE workload=io status=ok\r\n";
        assertThat(FunctionalOutput.of(console)).containsExactly("START workload=io iters=2", "CHECK io requests=2 ok",
                "RESULT workload=io op=write iters=2", "DONE workload=io status=ok");
    }

    @Test
    void aDifferentCheckOrIterationCountStillDiffers() {
        assertThat(FunctionalOutput.of("RESULT workload=a op=b iters=2 cycles=5 cycles_per_op=2.50\n"))
                .isNotEqualTo(FunctionalOutput.of("RESULT workload=a op=b iters=3 cycles=5 cycles_per_op=2.50\n"));
        assertThat(FunctionalOutput.of("CHECK x a=1 ok\n")).isNotEqualTo(FunctionalOutput.of("CHECK x a=1 fail\n"));
    }
}
