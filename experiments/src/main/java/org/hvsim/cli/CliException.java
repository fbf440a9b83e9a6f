package org.hvsim.cli;

/**
 * A failure to report to the user as one line "hvsim: MESSAGE" with a specific exit status.
 * Carries no stack trace: it is never shown.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
