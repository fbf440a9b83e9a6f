package org.hvsim.core.system;

/**
 * Field extraction from a legacy 8-byte segment descriptor (Intel SDM Vol. 3A 3.4.5), with the
 * attributes in the VMCS access-rights layout of {@link SegmentRegister}. For 16-byte system
 * descriptors in 64-bit mode (LDT, TSS, call gates) the upper quadword supplies base 63:32.
 */
public final class SegmentDescriptor {
    /** Code segment type bit (type field bit 3 with S = 1). */
    public static final int TYPE_CODE = 0x8;
    public static final int TYPE_CONFORMING = 0x4;
    public static final int TYPE_READABLE = 0x2;   // code: readable; data: writable
    public static final int TYPE_ACCESSED = 0x1;
    /** System descriptor types in IA-32e mode (SDM Vol. 3A Table 3-2). */
    public static final int SYSTEM_LDT = 0x2;
    public static final int SYSTEM_TSS_AVAILABLE = 0x9;
    public static final int SYSTEM_TSS_BUSY = 0xB;
    public static final int SYSTEM_CALL_GATE = 0xC;
    public static final int SYSTEM_INTERRUPT_GATE = 0xE;
    public static final int SYSTEM_TRAP_GATE = 0xF;

    private SegmentDescriptor() {
    }

    public static long base(long low) {
        return ((low >>> 16) & 0xFF_FFFFL) | (((low >>> 56) & 0xFF) << 24);
    }

    public static long base(long low, long high) {
        return base(low) | ((high & 0xFFFF_FFFFL) << 32);
    }

    /** The byte-granular limit (G scales a 20-bit limit by 4 KiB). */
    public static int limit(long low) {
        int raw = (int) (low & 0xFFFF) | (int) ((low >>> 32) & 0xF_0000);
        return (low & (1L << 55)) != 0 ? (raw << 12) | 0xFFF : raw;
    }

    public static int attributes(long low) {
        int access = (int) (low >>> 40) & 0xFF;
        int flags = (int) (low >>> 52) & 0xF;
        return access | (flags << 12);
    }

    public static int type(long low) {
        return (int) (low >>> 40) & 0xF;
    }

    public static boolean isSystem(long low) {
        return (low & (1L << 44)) == 0;
    }

    public static int dpl(long low) {
        return (int) (low >>> 45) & 3;
    }

    public static boolean present(long low) {
        return (low & (1L << 47)) != 0;
    }

    public static boolean longMode(long low) {
        return (low & (1L << 53)) != 0;
    }

    public static boolean isCode(long low) {
        return !isSystem(low) && (type(low) & TYPE_CODE) != 0;
    }
}
