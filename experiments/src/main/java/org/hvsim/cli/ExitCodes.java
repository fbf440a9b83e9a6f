package org.hvsim.cli;

import org.hvsim.core.ExceptionVector;

/**
 * Exit statuses of the {@code hvsim} command (docs/cli.md). Guest exit statuses 0-255 pass
 * through unchanged from {@code hvsim run}; the codes below follow the conventions of
 * timeout(1), env(1) and the shell, so scripts can tell a guest's own failure from hvsim's.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad command line (picocli's convention). */
    public static final int USAGE = 2;
    /** The guest used up the --max-insts budget (as timeout(1) reports a timeout). */
    public static final int INSTRUCTION_LIMIT = 124;
    /** hvsim itself could not go on: unsupported system call, host I/O error, internal error. */
    public static final int SIMULATOR_ERROR = 125;
    /** The program exists but cannot be run: malformed or unsupported ELF, argument list too long. */
    public static final int CANNOT_EXECUTE = 126;
    /** The program file does not exist or cannot be read. */
    public static final int NOT_FOUND = 127;
    /** {@code hvsim boot}: the processor shut down after a triple fault (128 + SIGABRT's 6). */
    public static final int TRIPLE_FAULT = 134;
    /** {@code hvsim boot}: the processor halted with nothing left that could wake it. */
    public static final int HALTED = 135;
    /** A guest fault ends the program as Linux's signal would: 128 + signal number. */
    public static final int SIGNAL_BASE = 128;

    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGSEGV = 11;

    private ExitCodes() {
    }

    /** The signal Linux sends for an unhandled exception (arch/x86/kernel/traps.c). */
    public static int signalFor(ExceptionVector vector) {
        switch (vector) {
            case DE:
            case MF:
            case XM:
                return SIGFPE;
            case UD:
                return SIGILL;
            case DB:
            case BP:
                return SIGTRAP;
            case AC:
            case NP:
            case SS:
                return SIGBUS;
            default:
                return SIGSEGV;
        }
    }

    /** Exit status for a guest killed by {@code vector}: 128 + signal. */
    public static int forFault(ExceptionVector vector) {
        return SIGNAL_BASE + signalFor(vector);
    }
}
