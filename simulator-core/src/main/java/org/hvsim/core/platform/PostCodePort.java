package org.hvsim.core.platform;

/**
 * Port 0x80, the POST / diagnostic port. Firmware writes progress codes to it and old drivers
 * write to it as an I/O delay; Adams &amp; Agesen's "in" nanobenchmark reads it because every
 * access is a guaranteed bus round trip. Writes are remembered (handy when debugging a guest)
 * and otherwise ignored; reads return 0xFF like a port nobody drives, matching QEMU's ioport80.
 */
public final class PostCodePort implements IoPortDevice {
    public static final int PORT = 0x80;

    private int lastCode = -1;
    private long writes;

    @Override
    public int in(int port, int size) {
        return IoBus.allOnes(size);
    }

    @Override
    public void out(int port, int size, int value) {
        lastCode = value & 0xFF;
        writes++;
    }

    /** The last byte written, or -1 if none. */
    public int lastCode() {
        return lastCode;
    }

    public long writeCount() {
        return writes;
    }
}
