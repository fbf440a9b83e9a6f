package org.hvsim.core.platform.uart;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The host side of the UART's transmitter: collects guest output bytes and hands them to an
 * OutputStream at each newline, when the buffer is full, or on {@link #flush()} — a write per
 * guest byte would dominate the cost of console-heavy workloads.
 */
public final class ConsoleOutput {
    private final OutputStream sink;
    private final byte[] buffer = new byte[4096];
    private int count;
    private long totalBytes;

    public ConsoleOutput(OutputStream sink) {
        this.sink = sink == null ? OutputStream.nullOutputStream() : sink;
    }

    public void write(int b) {
        buffer[count++] = (byte) b;
        totalBytes++;
        if (b == '\n' || count == buffer.length) {
            flush();
        }
    }

    public void flush() {
        try {
            if (count > 0) {
                sink.write(buffer, 0, count);
                count = 0;
            }
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("console output failed", e);
        }
    }

    /** Bytes the guest has transmitted so far. */
    public long totalBytes() {
        return totalBytes;
    }
}
