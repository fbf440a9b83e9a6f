package org.hvsim.core.user;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The only host resources a user-mode guest can reach: file descriptors 0, 1 and 2.
 *
 * @param stdin  what the guest reads from fd 0
 * @param stdout where the guest's writes to fd 1 go
 * @param stderr where the guest's writes to fd 2 go
 */
public record GuestStreams(InputStream stdin, OutputStream stdout, OutputStream stderr) {
    /** No input (fd 0 reads end-of-file at once) and output discarded. */
    public static GuestStreams discarding() {
        return new GuestStreams(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
    }
}
