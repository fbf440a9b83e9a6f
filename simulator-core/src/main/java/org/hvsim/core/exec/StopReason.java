package org.hvsim.core.exec;

/** Why {@link Interpreter#run} returned. */
public enum StopReason {
    /** The guest asked to end (exit system call in user mode, exit device in system mode). */
    EXITED,
    /** The instruction budget given to {@code run} was used up. */
    INSTRUCTION_LIMIT,
    /** An exception the guest could not handle (user mode: there is no guest kernel). */
    GUEST_FAULT,
    /** A stop requested from outside the instruction stream (e.g. a system call handler error). */
    STOP_REQUESTED,
    /**
     * An instruction changed something its caller must look at before the next instruction: an
     * interrupt may have become deliverable (STI, POPF, IRETQ, a write to CR8 or the APIC), the
     * processor halted, or a device asked to stop the machine.
     */
    ATTENTION
}
