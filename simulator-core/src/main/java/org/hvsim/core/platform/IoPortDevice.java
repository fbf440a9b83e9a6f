package org.hvsim.core.platform;

/**
 * A device reached through the I/O port address space (IN, OUT, INS, OUTS). The VMM models of
 * later issues intercept port I/O at this interface.
 */
public interface IoPortDevice {
    /** Reads {@code size} (1, 2 or 4) bytes from {@code port}; the value is zero-extended. */
    int in(int port, int size);

    /** Writes the low {@code size} (1, 2 or 4) bytes of {@code value} to {@code port}. */
    void out(int port, int size, int value);
}
