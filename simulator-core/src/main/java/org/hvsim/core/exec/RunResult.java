package org.hvsim.core.exec;

import org.hvsim.core.GuestFault;

/**
 * Outcome of one {@link Interpreter#run} call.
 *
 * @param reason      why execution stopped
 * @param instructions instructions retired during this call
 * @param exitCode    guest exit status when {@code reason == EXITED}
 * @param fault       the unhandled exception when {@code reason == GUEST_FAULT}, else null
 * @param faultRip    address of the faulting instruction when {@code reason == GUEST_FAULT}
 * @param message     a one-line explanation for {@code STOP_REQUESTED}, else null
 */
public record RunResult(StopReason reason, long instructions, int exitCode, GuestFault fault, long faultRip,
                        String message) {
}
