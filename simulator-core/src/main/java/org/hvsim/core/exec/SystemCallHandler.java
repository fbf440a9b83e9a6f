package org.hvsim.core.exec;

/**
 * Receives SYSCALL in user-mode simulation, where no guest kernel exists and an operating-system
 * personality (the Linux ABI in {@code org.hvsim.core.user}) handles the call. On entry RIP
 * already points past the SYSCALL instruction.
 */
@FunctionalInterface
public interface SystemCallHandler {
    void systemCall(Interpreter cpu);
}
