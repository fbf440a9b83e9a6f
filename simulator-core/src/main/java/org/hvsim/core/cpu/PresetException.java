package org.hvsim.core.cpu;

/** A CPU preset that cannot be used; the message is one line naming the file and the problem. */
public final class PresetException extends Exception {
    private static final long serialVersionUID = 1L;

    public PresetException(String message) {
        super(message);
    }
}
