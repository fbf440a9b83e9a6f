package org.hvsim.core.system;

/** Attribute values of the flat segments that SYSCALL, SYSRET and interrupts load (SDM Vol. 2B SYSCALL). */
final class SystemSegments {
    /** Code, execute/read, accessed (type 0xB), S, P, L: a 64-bit code segment. */
    static int codeAttributes(int dpl) {
        return 0xB | SegmentRegister.S | (dpl << SegmentRegister.DPL_SHIFT) | SegmentRegister.P
                | SegmentRegister.L | SegmentRegister.G;
    }

    /** Data, read/write, accessed (type 3), S, P, D/B, G: a flat data or stack segment. */
    static int dataAttributes(int dpl) {
        return 0x3 | SegmentRegister.S | (dpl << SegmentRegister.DPL_SHIFT) | SegmentRegister.P
                | SegmentRegister.DB | SegmentRegister.G;
    }

    private SystemSegments() {
    }
}
