package org.hvsim.core.diff;

import java.util.Arrays;
import org.hvsim.core.CpuState;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.mmu.PhysicalMemory;

/**
 * The hvsim side: one interpreter over a two-page identity-mapped address space (the code page
 * and the scratch page, at the harness's addresses). Every other linear address faults, so a case
 * ends with an instruction-fetch #PF exactly at {@link DiffLayout#CODE_END}.
 */
final class HvsimRunner {
    /** What hvsim did with one case. */
    record Outcome(RunResult result, Throwable crash, long[] gpr, long rflags, byte[] scratch, boolean strayWrite) {
    }

    /** Generous: the longest case runs 6 forms with REP counts of at most 16. */
    private static final long BUDGET = 10_000;

    private final PhysicalMemory physical = new PhysicalMemory();
    private final LinearMemory memory;
    private final CpuState state = new CpuState();
    private final Interpreter interpreter;

    HvsimRunner() {
        memory = new LinearMemory(physical, (la, access) -> {
            long page = la >>> 12;
            if (page == DiffLayout.CODE_BASE >>> 12 || page == DiffLayout.SCRATCH_BASE >>> 12) {
                return la;
            }
            throw LinearMemory.notMapped(la, access, true);
        });
        interpreter = new Interpreter(state, memory);
    }

    Outcome run(DiffCase c) {
        byte[] codeFrame = physical.frame(DiffLayout.CODE_BASE);
        Arrays.fill(codeFrame, (byte) 0);
        System.arraycopy(c.code, 0, codeFrame, DiffLayout.PAGE - c.code.length, c.code.length);
        byte[] scratchFrame = physical.frame(DiffLayout.SCRATCH_BASE);
        Arrays.fill(scratchFrame, (byte) 0);
        System.arraycopy(c.scratch, 0, scratchFrame, 0, c.scratch.length);
        interpreter.flushCodeCache();
        System.arraycopy(c.gpr, 0, state.gpr, 0, 16);
        state.rip = c.start();
        state.setRflags(c.rflags);
        state.fsBase = 0;
        state.gsBase = 0;
        RunResult result = null;
        Throwable crash = null;
        try {
            result = interpreter.run(BUDGET);
        } catch (Throwable t) {
            crash = t;
        }
        boolean stray = false;
        for (int k = DiffLayout.SCRATCH_SIZE; k < DiffLayout.PAGE; k++) {
            if (scratchFrame[k] != 0) {
                stray = true;
                break;
            }
        }
        return new Outcome(result, crash, state.gpr.clone(), state.rflags(),
                Arrays.copyOf(scratchFrame, DiffLayout.SCRATCH_SIZE), stray);
    }
}
