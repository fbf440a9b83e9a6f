package org.hvsim.core.diff;

/**
 * One line of a generated case: an instruction in AT&T syntax (or a bare local label) with its
 * effect on the status flags, as the SDM defines it for the operands this instance uses.
 *
 * @param asm       the assembly text handed to GNU as
 * @param label     true for a bare label line ("1:"), which encodes no instruction
 * @param setup     true for instructions the generator adds to establish known values (addresses,
 *                  counts, divisors) before the instruction under test; they are executed and
 *                  compared like every other instruction
 * @param group     index of the form that emitted the line (setup lines share their form's group)
 * @param reads     status flags the instruction reads (must be defined when it executes)
 * @param written   status flags it writes with an architecturally defined value
 * @param undefined status flags it leaves undefined
 * @param maskReg   register whose value is undefined afterwards (BSF/BSR with a zero source), or -1
 */
record Line(String asm, boolean label, boolean setup, int group, long reads, long written, long undefined,
            int maskReg) {
}
