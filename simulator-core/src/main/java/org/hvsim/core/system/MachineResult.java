package org.hvsim.core.system;

/**
 * Outcome of {@link SystemMachine#run}.
 *
 * @param reason       why the machine stopped
 * @param instructions instructions retired during the run
 * @param cycles       simulated time at the stop, in CPU cycles since power-on
 * @param exitStatus   for {@link Reason#EXIT_DEVICE}: the status QEMU's isa-debug-exit would give, (v << 1) | 1
 * @param message      a one-line diagnostic for {@link Reason#TRIPLE_FAULT}, {@link Reason#HALTED_FOREVER},
 *                     {@link Reason#STOPPED}; else null
 */
public record MachineResult(Reason reason, long instructions, long cycles, int exitStatus, String message) {
    public enum Reason {
        /** The guest wrote to the isa-debug-exit port. */
        EXIT_DEVICE,
        /** The instruction budget was used up. */
        INSTRUCTION_LIMIT,
        /** An exception during double-fault delivery: the processor shut down. */
        TRIPLE_FAULT,
        /** HLT with interrupts disabled or no device event pending: nothing can resume execution. */
        HALTED_FOREVER,
        /** The engine stopped for another reason (see the message). */
        STOPPED
    }

    /** The value the guest wrote to the exit port (QEMU's status is {@code (value << 1) | 1}). */
    public int guestExitValue() {
        return exitStatus >>> 1;
    }
}
