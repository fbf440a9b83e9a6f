package org.hvsim.core.platform;

/**
 * QEMU's isa-debug-exit device (default here: iobase 0xF4, iosize 4). A write of value
 * {@code v} (any width 1..4) asks the machine to stop with exit status {@code (v << 1) | 1};
 * reads return 0, as in QEMU. The engine polls {@link #exitRequested()} after port writes (or
 * installs a listener). Only the first request counts: QEMU would already have exited.
 *
 * <p>The status is 32 bits here; as a host process exit code only its low 8 bits survive
 * (QEMU passes it to exit()), so {@link #processExitCode()} gives what the shell would see.
 */
public final class DebugExitDevice implements IoPortDevice {
    public static final int DEFAULT_PORT = 0xF4;
    public static final int DEFAULT_SIZE = 4;

    private boolean requested;
    private int status;
    private Runnable listener = () -> { };

    @Override
    public int in(int port, int size) {
        return 0;
    }

    @Override
    public void out(int port, int size, int value) {
        if (requested) {
            return;
        }
        long v = value & (size == 4 ? 0xFFFF_FFFFL : (1L << (size * 8)) - 1);
        status = (int) ((v << 1) | 1);
        requested = true;
        listener.run();
    }

    /** Called once, at the moment the guest requests the exit. */
    public void setListener(Runnable listener) {
        this.listener = listener == null ? () -> { } : listener;
    }

    public boolean exitRequested() {
        return requested;
    }

    /** {@code (v << 1) | 1} truncated to 32 bits; meaningful only if {@link #exitRequested()}. */
    public int exitStatus() {
        return status;
    }

    /** The low 8 bits of {@link #exitStatus()}: QEMU's process exit code. */
    public int processExitCode() {
        return status & 0xFF;
    }
}
