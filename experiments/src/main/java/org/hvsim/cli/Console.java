package org.hvsim.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The host streams a command uses, so tests can capture them.
 *
 * @param in  standard input, handed to the guest
 * @param out standard output (guest stdout, disassembly)
 * @param err standard error (guest stderr, statistics, hvsim's own messages)
 */
public record Console(InputStream in, OutputStream out, OutputStream err) {
    /** The process's real streams, unwrapped so guest output is not encoded or synchronized twice. */
    public static Console system() {
        return new Console(System.in, new java.io.FileOutputStream(java.io.FileDescriptor.out),
                new java.io.FileOutputStream(java.io.FileDescriptor.err));
    }

    PrintStream errPrinter() {
        return new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
    }
}
