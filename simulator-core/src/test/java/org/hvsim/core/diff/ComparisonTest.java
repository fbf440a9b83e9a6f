package org.hvsim.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;
import org.junit.jupiter.api.Test;

/** The comparison itself: it must see every defined difference and only those. */
class ComparisonTest {
    private static DiffCase logicCase(int maskReg) {
        List<Line> lines = List.of(
                new Line("and %eax, %ecx", false, false, 0, 0, StatusFlags.ALL & ~StatusFlags.AF, StatusFlags.AF, maskReg));
        DiffCase c = new DiffCase(0, Family.ALU, new long[16], 0x202, new byte[DiffLayout.SCRATCH_SIZE], lines);
        c.code = new byte[] {0x21, (byte) 0xc1};
        c.offsets = new int[] {0};
        return c;
    }

    private static NativeHarness.Outcome host(long[] gpr, long flags, byte[] scratch) {
        return new NativeHarness.Outcome(0, false, 0, gpr, flags, scratch);
    }

    private static HvsimRunner.Outcome hvsimAtEnd(long[] gpr, long flags, byte[] scratch) {
        RunResult r = new RunResult(StopReason.GUEST_FAULT, 1, 0,
                GuestFault.pageFault(DiffLayout.CODE_END, GuestFault.PF_FETCH | GuestFault.PF_USER), DiffLayout.CODE_END, null);
        return new HvsimRunner.Outcome(r, null, gpr, flags, scratch, false);
    }

    @Test
    void identicalOutcomesMatch() {
        DiffCase c = logicCase(-1);
        byte[] m = new byte[DiffLayout.SCRATCH_SIZE];
        assertThat(Comparison.compare(c, host(new long[16], 0x246, m), hvsimAtEnd(new long[16], 0x246, m.clone()))
                .differences()).isEmpty();
    }

    @Test
    void undefinedFlagIsIgnoredButDefinedFlagAndDfAreNot() {
        DiffCase c = logicCase(-1);
        byte[] m = new byte[DiffLayout.SCRATCH_SIZE];
        assertThat(Comparison.compare(c, host(new long[16], 0x246, m), hvsimAtEnd(new long[16], 0x256, m))
                .differences()).isEmpty();
        assertThat(Comparison.compare(c, host(new long[16], 0x246, m), hvsimAtEnd(new long[16], 0x247, m))
                .differences()).singleElement().asString().contains("CF");
        assertThat(Comparison.compare(c, host(new long[16], 0x246, m), hvsimAtEnd(new long[16], 0x646, m))
                .differences()).singleElement().asString().contains("DF");
    }

    @Test
    void registersAndMemoryAreCompared() {
        DiffCase c = logicCase(-1);
        long[] other = new long[16];
        other[13] = 1L << 40;
        byte[] m = new byte[DiffLayout.SCRATCH_SIZE];
        byte[] m2 = m.clone();
        m2[700] = 1;
        List<String> d = Comparison.compare(c, host(new long[16], 0x202, m), hvsimAtEnd(other, 0x202, m2)).differences();
        assertThat(d).hasSize(2);
        assertThat(d.get(0)).contains("r13");
        assertThat(d.get(1)).contains("memory").contains("200002bc");
    }

    @Test
    void undefinedDestinationRegisterIsMasked() {
        DiffCase c = logicCase(5);
        long[] other = new long[16];
        other[5] = 99;
        byte[] m = new byte[DiffLayout.SCRATCH_SIZE];
        assertThat(Comparison.compare(c, host(new long[16], 0x202, m), hvsimAtEnd(other, 0x202, m)).differences()).isEmpty();
    }

    @Test
    void stoppingElsewhereIsADifference() {
        DiffCase c = logicCase(-1);
        byte[] m = new byte[DiffLayout.SCRATCH_SIZE];
        RunResult r = new RunResult(StopReason.GUEST_FAULT, 0, 0, GuestFault.of(ExceptionVector.UD), c.start(), null);
        HvsimRunner.Outcome h = new HvsimRunner.Outcome(r, null, new long[16], 0x202, m, false);
        assertThat(Comparison.compare(c, host(new long[16], 0x202, m), h).differences())
                .singleElement().asString().startsWith("stop:").contains("#UD");
    }
}
