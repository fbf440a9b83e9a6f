package org.hvsim.core.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Instruction families of the differential tests, each a set of form generators and the number of
 * instructions per run it must execute. MIXED draws from every family, so flags and values flow
 * between unrelated instructions.
 */
enum Family {
    ALU(12_000, ArithmeticForms::alu),
    UNARY_TEST(12_000, ArithmeticForms::unary, ArithmeticForms::test),
    SHIFT_ROTATE(16_000, ArithmeticForms::shift, ArithmeticForms::shift, ArithmeticForms::shiftDouble),
    MUL_DIV(16_000, ArithmeticForms::multiply, ArithmeticForms::divide),
    MOV_LEA(12_000, DataForms::mov, DataForms::movExtend, DataForms::lea),
    XCHG_STACK(12_000, DataForms::xchg, DataForms::stack, DataForms::stack),
    CONVERT_FLAGS(8_000, DataForms::convertAndFlags),
    STRING(12_000, DataForms::string),
    BITS(16_000, BitForms::bitTest, BitForms::bitScan, BitForms::countAndSwap),
    ATOMIC(12_000, BitForms::atomic),
    CONDITIONAL(16_000, BitForms::setcc, BitForms::cmovcc, BitForms::branch),
    NOP_PREFIX(6_000, DataForms::nopAndPrefixes),
    MIXED(60_000);

    /** Instructions (including setup instructions) this family must execute per run. */
    final int quota;
    private final List<Consumer<CaseBuilder>> forms;

    @SafeVarargs
    Family(int quota, Consumer<CaseBuilder>... forms) {
        this.quota = quota;
        this.forms = List.of(forms);
    }

    private List<Consumer<CaseBuilder>> forms() {
        if (this != MIXED) {
            return forms;
        }
        List<Consumer<CaseBuilder>> all = new ArrayList<>();
        for (Family f : values()) {
            if (f != MIXED) {
                all.addAll(f.forms);
            }
        }
        return all;
    }

    /** Generates one case: random initial state and 1..6 forms. */
    DiffCase generate(int id, SplittableRandom rnd, HostFeatures features) {
        long[] gpr = new long[16];
        CaseBuilder b = new CaseBuilder(rnd, features, rnd.nextInt(5) == 0);
        for (int r = 0; r < 16; r++) {
            gpr[r] = b.value();
        }
        gpr[CaseBuilder.RSP] = DiffLayout.INITIAL_RSP;
        long rflags = (rnd.nextLong() & StatusFlags.ALL) | (b.df == 1 ? StatusFlags.DF : 0) | 0x202;
        byte[] scratch = new byte[DiffLayout.SCRATCH_SIZE];
        rnd.nextBytes(scratch);
        if (rnd.nextInt(4) == 0) {
            // Some zero and all-ones stretches, for zero sources and equal compares.
            int from = rnd.nextInt(scratch.length);
            int to = Math.min(scratch.length, from + rnd.nextInt(256));
            byte fill = rnd.nextBoolean() ? 0 : (byte) 0xff;
            java.util.Arrays.fill(scratch, from, to, fill);
        }
        List<Consumer<CaseBuilder>> fs = forms();
        int n = rnd.nextInt(1, 7);
        for (int i = 0; i < n && !b.ended; i++) {
            b.startForm();
            fs.get(rnd.nextInt(fs.size())).accept(b);
        }
        if (b.lines().stream().noneMatch(l -> !l.label())) {
            b.startForm();
            b.emit("nop", 0, 0, 0);
        }
        return new DiffCase(id, this, gpr, rflags, scratch, List.copyOf(b.lines()));
    }
}
