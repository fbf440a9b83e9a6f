package org.hvsim.core.user;

/**
 * The fixed identity of the simulated process. Fixed values (never the host's) keep runs
 * reproducible on any machine.
 */
public final class GuestIdentity {
    /** getpid(), gettid() and set_tid_address() return this. */
    public static final int PID = 1000;
    /** getppid(): the process pretends to be started by init. */
    public static final int PARENT_PID = 1;
    /** getuid(), geteuid() and AT_UID/AT_EUID. */
    public static final int UID = 1000;
    /** getgid(), getegid() and AT_GID/AT_EGID. */
    public static final int GID = 1000;

    private GuestIdentity() {
    }
}
