package org.hvsim.core.platform.uart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A source of bytes for the UART's receiver, polled once per character time. It must never
 * block: the simulator is single-threaded.
 */
@FunctionalInterface
public interface SerialInput {
    /** Nothing available now; poll again later. */
    int NONE = -1;
    /** No more input ever; polling stops. */
    int END = -2;

    /** The next byte (0-255), {@link #NONE} or {@link #END}. */
    int poll();

    /** A fixed script, fully deterministic; {@link #END} after the last byte. */
    static SerialInput of(byte[] script) {
        byte[] copy = script.clone();
        int[] next = {0};
        return () -> next[0] < copy.length ? copy[next[0]++] & 0xFF : END;
    }

    /**
     * A host stream read without blocking: a byte when {@code available() > 0}, otherwise
     * {@link #NONE}; {@link #END} once a read reports end of stream. Interactive, so not
     * deterministic.
     */
    static SerialInput nonBlocking(InputStream in) {
        return () -> {
            try {
                if (in.available() <= 0) {
                    return NONE;
                }
                int b = in.read();
                return b < 0 ? END : b;
            } catch (IOException e) {
                throw new UncheckedIOException("console input failed", e);
            }
        };
    }
}
