package org.hvsim.core.decode;

/** Where the decoder reads instruction bytes from: guest memory (fetch) or a byte array. */
@FunctionalInterface
public interface ByteSource {
    /** The byte at {@code address}, 0-255. May throw a guest fault (e.g. #PF on fetch). */
    int byteAt(long address);

    /** Bytes of {@code code} placed at {@code base}; addresses outside read as an out-of-range error. */
    static ByteSource of(byte[] code, long base) {
        return address -> {
            long i = address - base;
            if (i < 0 || i >= code.length) {
                throw new IndexOutOfBoundsException("instruction runs past the end of the code");
            }
            return code[(int) i] & 0xFF;
        };
    }
}
