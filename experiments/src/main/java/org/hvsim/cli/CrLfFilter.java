package org.hvsim.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns the serial console's CR LF line ends into LF (as experiments/guest/run-qemu.sh does), so
 * the guest's output reads like an ordinary text stream. A CR not followed by LF passes through.
 */
final class CrLfFilter extends FilterOutputStream {
    private boolean pendingCr;

    CrLfFilter(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            if (b != '\n') {
                out.write('\r');
            }
        }
        if (b == '\r') {
            pendingCr = true;
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\r' || pendingCr) {
                out.write(b, start, i - start);
                write(b[i]);
                start = i + 1;
            }
        }
        out.write(b, start, end - start);
    }

    /** Emits a CR still held back at the end of the output. */
    void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write('\r');
        }
        out.flush();
    }
}
