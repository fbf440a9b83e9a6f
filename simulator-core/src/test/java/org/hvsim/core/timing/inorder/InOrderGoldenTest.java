package org.hvsim.core.timing.inorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hvsim.core.timing.inorder.Harness.DATA;
import static org.hvsim.core.timing.inorder.Harness.L1;
import static org.hvsim.core.timing.inorder.Harness.MEM;

import java.util.ArrayList;
import java.util.List;
import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.PipelineRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden cycle counts of the in-order pipeline on small programs, worked out as a textbook
 * exercise: each test carries its pipeline chart (columns are cycles from 0; F D X M W the
 * stages; "." a stall cycle in which the instruction holds its stage). N instructions on an
 * ideal k-stage pipeline take N + k - 1 cycles; every stall adds to that. All code and data lines
 * are warm (L1 hits) unless the test says otherwise; every test also checks that the CPI stack
 * sums to the cycle count.
 */
class InOrderGoldenTest {

    private static final InOrderConfig FWD = InOrderConfig.defaults();
    private static final InOrderConfig NO_FWD = InOrderConfig.defaults().withForwarding(false);

    /** Five independent instructions (mov imm: no sources). */
    private static Harness independent(InOrderConfig c) {
        return new Harness(c).code(
                0xb8, 0x01, 0x00, 0x00, 0x00,   // mov $1,%eax
                0xb9, 0x02, 0x00, 0x00, 0x00,   // mov $2,%ecx
                0xba, 0x03, 0x00, 0x00, 0x00,   // mov $3,%edx
                0xbb, 0x04, 0x00, 0x00, 0x00,   // mov $4,%ebx
                0xbe, 0x05, 0x00, 0x00, 0x00)   // mov $5,%esi
                .warmCode();
    }

    /*
     *            0 1 2 3 4 5 6 7 8
     *  mov eax   F D X M W
     *  mov ecx     F D X M W
     *  mov edx       F D X M W
     *  mov ebx         F D X M W
     *  mov esi           F D X M W      -> 9 cycles = 5 + (5 - 1), CPI stack all base
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void independentInstructionsFlowOnePerCycle(boolean forwarding) {
        Harness h = independent(FWD.withForwarding(forwarding)).run(5);
        assertThat(h.cycles()).isEqualTo(9);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(9);
    }

    private static Harness dependentChain(InOrderConfig c) {
        return new Harness(c).code(
                0x01, 0xc1,   // add %eax,%ecx
                0x01, 0xca,   // add %ecx,%edx   (needs ecx)
                0x01, 0xd3,   // add %edx,%ebx   (needs edx)
                0x01, 0xde)   // add %ebx,%esi   (needs ebx)
                .warmCode();
    }

    /*
     * With forwarding (EX -> EX) a dependent ALU op runs back to back:
     *            0 1 2 3 4 5 6 7
     *  add ecx   F D X M W
     *  add edx     F D X M W          X at 3 takes ecx forwarded from the end of X at 2
     *  add ebx       F D X M W
     *  add esi         F D X M W      -> 8 cycles
     */
    @Test
    void dependentChainWithForwardingHasNoStalls() {
        Harness h = dependentChain(FWD).run(4);
        assertThat(h.cycles()).isEqualTo(8);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(8);
    }

    /*
     * Without forwarding the consumer reads the register file in D no earlier than the producer's
     * W (written in the first half of the cycle, read in the second): 2 stall cycles per link.
     *            0 1 2 3 4 5 6 7 8 9 10 11 12 13
     *  add ecx   F D X M W
     *  add edx     F D . . X M W                 D (reads ecx) at 4 = W of add ecx -> X at 5
     *  add ebx       F . . D . . X M W           waits in F while add edx holds D; reads edx at 7
     *  add esi             F . . D . . X  M  W   -> 14 cycles = 4 + 4 + 3 * 2
     */
    @Test
    void dependentChainWithoutForwardingStallsTwoCyclesPerLink() {
        Harness h = dependentChain(NO_FWD).run(4);
        assertThat(h.cycles()).isEqualTo(14);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(14);
    }

    private static Harness loadUse(InOrderConfig c, boolean warm) {
        Harness h = new Harness(c).code(
                0x48, 0x8b, 0x03,   // mov (%rbx),%rax
                0x48, 0x01, 0xc1)   // add %rax,%rcx    (uses the loaded value)
                .reg(Registers.RBX, DATA).warmCode();
        return warm ? h.warmData(DATA) : h;
    }

    /*
     * The classic load-use stall: the loaded value exists at the end of M and is forwarded
     * MEM -> EX, one cycle later than an ALU result.
     *            0 1 2 3 4 5 6
     *  mov (rbx) F D X M W
     *  add rax     F D . X M W      -> 7 cycles = 2 + 4 + 1
     */
    @Test
    void loadUseStallsOneCycleWithForwarding() {
        Harness h = loadUse(FWD, true);
        List<long[]> chart = new ArrayList<>();
        h.model.setPipelineRecorder(recorder(chart));
        h.run(2);
        assertThat(h.cycles()).isEqualTo(7);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(7);
        assertThat(chart.get(0)).containsExactly(0, 1, 2, 3, 4, 5);   // F D X M W, end
        assertThat(chart.get(1)).containsExactly(1, 2, 4, 5, 6, 7);
    }

    /*
     * Without forwarding the add reads rax in D no earlier than the load's W:
     *            0 1 2 3 4 5 6 7
     *  mov (rbx) F D X M W
     *  add rax     F D . . X M W    -> 8 cycles = 2 + 4 + 2
     */
    @Test
    void loadUseStallsTwoCyclesWithoutForwarding() {
        Harness h = loadUse(NO_FWD, true).run(2);
        assertThat(h.cycles()).isEqualTo(8);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(8);
    }

    /*
     * The same load missing every cache: M lasts 1 + (MEM - L1) = 99 cycles (the L1 latency is the
     * pipeline's one-cycle M stage), and the add waits for the value.
     *            0 1 2 3 ... 101 102 103 104
     *  mov (rbx) F D X M ... M   W
     *  add rax     F D . ... .   X   M   W     -> 105 cycles: base 7 as above, 98 dcache-DRAM
     */
    @Test
    void loadMissStallsForTheMemoryLatency() {
        Harness h = loadUse(FWD, false).run(2);
        assertThat(h.cycles()).isEqualTo(7 + (MEM - L1));
        assertThat(h.account(CycleAccount.DCACHE_DRAM)).isEqualTo(MEM - L1);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(7);
    }

    /*
     * Cold instruction cache: the first fetch misses to memory and F lasts 1 + (MEM - L1) cycles;
     * all five instructions share that 64-byte line.
     *            0 ... 98 99 100 101 102 103 104 105 106
     *  mov eax   F ... F  D  X   M   W
     *  mov ecx           F  D    X   M   W
     *  ...                                           -> 9 + 98 = 107 cycles, 98 icache
     */
    @Test
    void instructionCacheMissStallsFetch() {
        Harness h = new Harness(FWD).code(
                0xb8, 0x01, 0x00, 0x00, 0x00, 0xb9, 0x02, 0x00, 0x00, 0x00, 0xba, 0x03, 0x00, 0x00, 0x00,
                0xbb, 0x04, 0x00, 0x00, 0x00, 0xbe, 0x05, 0x00, 0x00, 0x00).run(5);
        assertThat(h.cycles()).isEqualTo(9 + (MEM - L1));
        assertThat(h.account(CycleAccount.ICACHE)).isEqualTo(MEM - L1);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(9);
    }

    /*
     * A forward conditional branch that is not taken: static BTFN predicts not taken, correct.
     *            0 1 2 3 4 5 6 7 8
     *  mov ecx   F D X M W
     *  test        F D X M W
     *  je +2         F D X M W          (not taken, predicted not taken)
     *  mov edx         F D X M W
     *  mov ebx           F D X M W      -> 9 cycles, no branch cycles
     */
    @Test
    void correctlyPredictedNotTakenBranchCostsNothing() {
        Harness h = new Harness(FWD).code(
                0xb9, 0x01, 0x00, 0x00, 0x00,   // mov $1,%ecx
                0x85, 0xc9,                     // test %ecx,%ecx
                0x74, 0x05,                     // je +5 (not taken)
                0xba, 0x02, 0x00, 0x00, 0x00,   // mov $2,%edx
                0xbb, 0x03, 0x00, 0x00, 0x00)   // mov $3,%ebx
                .warmCode().run(5);
        assertThat(h.cycles()).isEqualTo(9);
        assertThat(h.account(CycleAccount.BRANCH)).isZero();
    }

    /*
     * The same forward branch taken: static BTFN predicts not taken, so it is mispredicted; it
     * resolves in X and the correct-path fetch starts the cycle after, wasting the 2 front-end
     * stages (F D) of the wrong path.
     *            0 1 2 3 4 5 6 7 8 9 10
     *  mov ecx   F D X M W
     *  test        F D X M W
     *  je +5         F D X M W          mispredicted: resolved in X at 4
     *  (wrong path)    F D              squashed
     *  mov ebx               F D X M W   fetched at 5 = X + 1
     *  mov esi                 F D X M  W  -> 11 cycles = 5 + 4 + 2; branch 2
     */
    @Test
    void mispredictedTakenBranchCostsTheFrontEndDepth() {
        Harness h = new Harness(FWD).code(
                0xb9, 0x00, 0x00, 0x00, 0x00,   // mov $0,%ecx
                0x85, 0xc9,                     // test %ecx,%ecx
                0x74, 0x05,                     // je +5 (taken)
                0xba, 0x02, 0x00, 0x00, 0x00,   // mov $2,%edx (skipped)
                0xbb, 0x03, 0x00, 0x00, 0x00,   // mov $3,%ebx
                0xbe, 0x04, 0x00, 0x00, 0x00)   // mov $4,%esi
                .warmCode().run(5);
        assertThat(h.cycles()).isEqualTo(11);
        assertThat(h.account(CycleAccount.BRANCH)).isEqualTo(2);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(9);
    }

    private static Harness loop(InOrderConfig c) {
        return new Harness(c).code(
                0xb9, 0x03, 0x00, 0x00, 0x00,   // mov $3,%ecx
                0xff, 0xc9,                     // loop: dec %ecx
                0x75, 0xfc)                     // jne loop
                .warmCode();
    }

    /*
     * A three-iteration loop with static BTFN: the backward jne is predicted taken. Iteration 1:
     * taken, but the BTB has no target yet -> mispredicted. Iteration 2: taken, BTB hit -> correct,
     * no bubble. Iteration 3: not taken -> mispredicted.
     *            0 1 2 3 4 5 6 7 8 9 10 11 12
     *  mov       F D X M W
     *  dec         F D X M W
     *  jne (T)       F D X M W              miss: next fetch at 5
     *  dec                 F D X M W
     *  jne (T)               F D X M W      predicted: no bubble
     *  dec                     F D X  M  W
     *  jne (NT)                  F D  X  M  W  miss (the last instruction: nothing after it)
     *                                          -> 13 cycles = 7 + 4 + 2; branch 2
     */
    @Test
    void loopBranchesWithStaticPrediction() {
        Harness h = loop(FWD).run(7);
        assertThat(h.cycles()).isEqualTo(13);
        assertThat(h.account(CycleAccount.BRANCH)).isEqualTo(2);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(11);
        assertThat(h.model.branchUnit().mispredictions(org.hvsim.core.timing.branch.BranchKind.CONDITIONAL)).isEqualTo(2);
    }

    /*
     * Depth 7 (F1 F2 D1 D2 X M W): the same loop; the misprediction now costs the 4 stages before X.
     *   7 instructions + 6 fill + 4 (first jne) = 17; the last jne's misprediction is again
     *   invisible -> 17 cycles; branch 4.
     */
    @Test
    void deeperPipelinePaysMoreForTheMisprediction() {
        Harness h = loop(FWD.withDepth(7));
        List<long[]> chart = new ArrayList<>();
        h.model.setPipelineRecorder(recorder(chart));
        h.run(7);
        assertThat(h.cycles()).isEqualTo(17);
        assertThat(h.account(CycleAccount.BRANCH)).isEqualTo(4);
        assertThat(h.model.stageNames()).containsExactly("F1", "F2", "D1", "D2", "X", "M", "W");
        // jne (third instruction) in X at 6; the dec after it fetched at 7
        assertThat(chart.get(2)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(chart.get(3)).containsExactly(7, 8, 9, 10, 11, 12, 13, 14);
    }

    /*
     * MUL and DIV occupy the single X stage for their latency (mul 3, div r64 20 here) and the
     * instructions behind wait (structural hazard); each result is forwarded from the end of X.
     *            0 1 2 3 4 5 6 7 8 ... 27 28 29 30
     *  imul      F D X X X M W
     *  imul        F D . . X X X M W                 needs rax: X at 5
     *  div rcx       F . . D . . X ... X  M  W       X 8..27
     *  add rax             F . . D ... .  X  M  W    -> 31 cycles
     *  = 4 + 4 (fill) + 2 + 2 (imul) + 19 (div) = 31, all base
     */
    @Test
    void multiplyAndDivideChain() {
        Harness h = new Harness(FWD, new ExecutionLatencies(1, 3, 10, 20), "static").code(
                0x48, 0x0f, 0xaf, 0xc1,   // imul %rcx,%rax
                0x48, 0x0f, 0xaf, 0xc1,   // imul %rcx,%rax
                0x48, 0xf7, 0xf1,         // div %rcx
                0x48, 0x01, 0xc3)         // add %rax,%rbx
                .reg(Registers.RAX, 7).reg(Registers.RCX, 3).reg(Registers.RDX, 0).warmCode().run(4);
        assertThat(h.cycles()).isEqualTo(31);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(31);
        assertThat(h.cpu.gpr[Registers.RAX]).isEqualTo(21);
    }

    /* The 32-bit divide takes div32 = 10 cycles: 31 - 20 + 10 = 21. */
    @Test
    void divideLatencyDependsOnOperandSize() {
        Harness h = new Harness(FWD, new ExecutionLatencies(1, 3, 10, 20), "static").code(
                0x48, 0x0f, 0xaf, 0xc1, 0x48, 0x0f, 0xaf, 0xc1,
                0xf7, 0xf1,               // div %ecx
                0x48, 0x01, 0xc3)
                .reg(Registers.RAX, 7).reg(Registers.RCX, 3).reg(Registers.RDX, 0).warmCode().run(4);
        assertThat(h.cycles()).isEqualTo(21);
    }

    /*
     * A read-modify-write makes two data accesses; the single memory port serves one per cycle,
     * so M lasts 2 cycles and the instructions behind it wait a cycle.
     *            0 1 2 3 4 5 6 7
     *  add (rbx) F D X M M W
     *  mov ecx     F D X . M W
     *  mov edx       F D . X M W    -> 8 cycles = 3 + 4 + 1
     */
    @Test
    void readModifyWriteOccupiesTheMemoryPortTwice() {
        Harness h = new Harness(FWD).code(
                0x48, 0x01, 0x03,               // add %rax,(%rbx)
                0xb9, 0x01, 0x00, 0x00, 0x00,   // mov $1,%ecx
                0xba, 0x02, 0x00, 0x00, 0x00)   // mov $2,%edx
                .reg(Registers.RBX, DATA).warmCode().warmData(DATA).run(3);
        assertThat(h.cycles()).isEqualTo(8);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(8);
    }

    /*
     * MFENCE serializes: it enters X only when everything before it completed, and nothing after
     * it is fetched until it completed.
     *            0 1 2 3 4 5 6 7 8 9 10 11 12 13 14
     *  mov       F D X M W
     *  mov         F D X M W
     *  mfence        F D . . X M W                    X waits for the drain (end of cycle 5)
     *  mov                         F  D  X  M  W      fetched after mfence completes
     *  mov                            F  D  X  M  W   -> 15 cycles: base 9, serialization 2 + 4
     */
    @Test
    void serializingInstructionDrainsThePipeline() {
        Harness h = new Harness(FWD).code(
                0xb8, 0x01, 0x00, 0x00, 0x00,   // mov $1,%eax
                0xb9, 0x02, 0x00, 0x00, 0x00,   // mov $2,%ecx
                0x0f, 0xae, 0xf0,               // mfence
                0xba, 0x03, 0x00, 0x00, 0x00,   // mov $3,%edx
                0xbb, 0x04, 0x00, 0x00, 0x00)   // mov $4,%ebx
                .warmCode().run(5);
        assertThat(h.cycles()).isEqualTo(15);
        assertThat(h.account(CycleAccount.SERIALIZATION)).isEqualTo(6);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(9);
    }

    /*
     * stall(EXCEPTION, 100) between instructions: the pipeline drains (both movs complete at 6),
     * 100 cycles pass, and the refill of the next instruction (4 cycles) is charged to the same
     * account.  6 + 100 + 5 + 1 = 112 cycles: base 8 (5 + 1 + 1 + 1), exception 104.
     */
    @Test
    void stallDrainsAndRefills() {
        Harness h = independent(FWD).run(2);
        assertThat(h.cycles()).isEqualTo(6);
        h.model.stall(CycleAccount.EXCEPTION, 100);
        assertThat(h.cycles()).isEqualTo(106);
        h.run(2);
        assertThat(h.cycles()).isEqualTo(112);
        assertThat(h.account(CycleAccount.EXCEPTION)).isEqualTo(104);
        assertThat(h.account(CycleAccount.BASE)).isEqualTo(8);
        assertThat(h.model.instructions()).isEqualTo(4);
    }

    static PipelineRecorder recorder(List<long[]> chart) {
        return new PipelineRecorder() {
            @Override
            public boolean wants(long sequence) {
                return true;
            }

            @Override
            public void record(long sequence, DecodedInstruction instruction, String[] stageNames, long[] stageCycles,
                               long endCycle) {
                assertThat(sequence).isEqualTo(chart.size());
                long[] row = java.util.Arrays.copyOf(stageCycles, stageCycles.length + 1);
                row[stageCycles.length] = endCycle;
                chart.add(row);
            }
        };
    }
}
