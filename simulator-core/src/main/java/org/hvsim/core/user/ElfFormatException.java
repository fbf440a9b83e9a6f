package org.hvsim.core.user;

/**
 * The file is not a static ELF64 x86-64 executable hvsim can load. The message is one line that
 * names what is wrong, suitable for showing to a user as is.
 */
public final class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message, null, false, false);
    }
}
