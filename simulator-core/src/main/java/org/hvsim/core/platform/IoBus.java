package org.hvsim.core.platform;

/**
 * The 64 KiB x86 I/O port space. Lookup is one array index per access. Like an ISA bus, a port
 * nobody decodes floats high: reads return all ones of the access size and writes vanish. An
 * access is handled entirely by the device that claims its first port (devices see absolute
 * port numbers).
 */
public final class IoBus {
    public static final int PORT_COUNT = 0x10000;

    private final IoPortDevice[] devices = new IoPortDevice[PORT_COUNT];

    /**
     * Claims ports {@code first .. first + count - 1} for {@code device}.
     *
     * @throws IllegalArgumentException if the range is outside the port space or any port in it
     *                                  is already claimed
     */
    public void register(int first, int count, IoPortDevice device) {
        if (device == null || count <= 0 || first < 0 || first + count > PORT_COUNT) {
            throw new IllegalArgumentException(String.format("bad port range 0x%x+%d", first, count));
        }
        for (int p = first; p < first + count; p++) {
            if (devices[p] != null) {
                throw new IllegalArgumentException(String.format(
                        "port 0x%x already claimed by %s", p, devices[p].getClass().getSimpleName()));
            }
        }
        for (int p = first; p < first + count; p++) {
            devices[p] = device;
        }
    }

    /** True if some device decodes {@code port}. */
    public boolean isClaimed(int port) {
        return devices[port & 0xFFFF] != null;
    }

    /** IN: reads {@code size} (1, 2 or 4) bytes; unclaimed ports read as all ones. */
    public int in(int port, int size) {
        IoPortDevice device = devices[port & 0xFFFF];
        if (device == null) {
            return allOnes(size);
        }
        return device.in(port & 0xFFFF, size) & allOnes(size);
    }

    /** OUT: writes the low {@code size} bytes of {@code value}; unclaimed ports ignore it. */
    public void out(int port, int size, int value) {
        IoPortDevice device = devices[port & 0xFFFF];
        if (device != null) {
            device.out(port & 0xFFFF, size, value & allOnes(size));
        }
    }

    static int allOnes(int size) {
        switch (size) {
            case 1:
                return 0xFF;
            case 2:
                return 0xFFFF;
            case 4:
                return 0xFFFF_FFFF;
            default:
                throw new IllegalArgumentException("port access size must be 1, 2 or 4: " + size);
        }
    }
}
