package org.hvsim.core.timing.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.core.CpuState;
import org.hvsim.core.Registers;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.core.timing.CpiStack;
import org.hvsim.core.timing.MemoryTiming;
import org.hvsim.core.user.UserAddressSpace;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PhysicalMemory;

/**
 * Test fixture: a user-mode interpreter running real x86-64 code, timed by an
 * {@link OutOfOrderModel} over a real {@link Mmu} ({@link MmuConfig#skylake()}, paging off, so
 * translation costs nothing and every cache level shows its preset latency).
 */
final class Machine {
    static final long CODE = 0x40_0000L;
    static final long STACK_TOP = 0x80_0000L;
    static final long DATA = 0x1000_0000L;

    final PhysicalMemory physical = new PhysicalMemory();
    final UserAddressSpace space = new UserAddressSpace(physical);
    final Interpreter cpu;
    final Mmu mmu;
    final OutOfOrderModel model;
    /** The CPI stack of the last {@link #measure} interval. */
    CpiStack interval;

    Machine(OutOfOrderConfig config, int[] code, long dataBytes) {
        space.map(CODE, CODE + 0x2000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_EXEC);
        space.map(STACK_TOP - 0x4000, STACK_TOP, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        if (dataBytes > 0) {
            space.map(DATA, DATA + dataBytes, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        }
        for (int i = 0; i < code.length; i++) {
            physical.write8(CODE + i, code[i]);
        }
        LinearMemory memory = new LinearMemory(physical, space);
        cpu = new Interpreter(new CpuState(), memory);
        cpu.setSystemCallHandler(c -> c.exit(0));
        cpu.state.rip = CODE;
        cpu.gpr[Registers.RSP] = STACK_TOP;
        mmu = new Mmu(MmuConfig.skylake(), new PhysicalMemory());
        mmu.setControlRegisters(0, 0, 0); // paging off: linear = physical, no translation cycles
        model = new OutOfOrderModel(config, new MemoryTiming(mmu));
    }

    Machine(int[] code) {
        this(OutOfOrderConfig.skylake(), code, 0);
    }

    /** Writes a 64-bit value into the data region (user addresses map identically onto physical). */
    void poke64(long la, long value) {
        physical.write64(la, value);
    }

    /** Runs exactly {@code n} instructions (the program must not stop earlier). */
    void run(long n) {
        RunResult r = cpu.runTimed(n, model, Long.MAX_VALUE);
        assertThat(r.reason()).as("stop reason").isEqualTo(StopReason.INSTRUCTION_LIMIT);
        assertThat(r.instructions()).isEqualTo(n);
        assertConsistent(model);
    }

    /** Runs {@code warm} instructions, then {@code measured} more; returns cycles of the latter. */
    long measure(long warm, long measured) {
        run(warm);
        long before = model.cycles();
        CpiStack stackBefore = model.cpiStack().copy();
        run(measured);
        interval = model.cpiStack().minus(stackBefore);
        assertThat(interval.total()).isEqualTo(model.cycles() - before);
        return model.cycles() - before;
    }

    static void assertConsistent(OutOfOrderModel m) {
        CpiStack s = m.cpiStack();
        assertThat(s.total()).as("CPI stack total").isEqualTo(m.cycles());
    }
}
