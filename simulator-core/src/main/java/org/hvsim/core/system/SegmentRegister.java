package org.hvsim.core.system;

/**
 * A segment register: the visible selector and the hidden descriptor cache loaded with it
 * (SDM Vol. 3A 3.4.3). In 64-bit mode only CS's attributes (L, D, DPL) and the FS/GS bases
 * matter for execution, but all fields are kept so SGDT-style introspection, IRETQ checks and
 * the VMCS guest-state area see real values.
 */
public final class SegmentRegister {
    /** Attribute bits in the layout of the VMCS access-rights field (SDM Vol. 3C 24.4.1). */
    public static final int TYPE_MASK = 0xF;
    public static final int S = 1 << 4;          // code/data (1) or system (0) descriptor
    public static final int DPL_SHIFT = 5;
    public static final int P = 1 << 7;
    public static final int AVL = 1 << 12;
    public static final int L = 1 << 13;         // 64-bit code segment
    public static final int DB = 1 << 14;
    public static final int G = 1 << 15;
    public static final int UNUSABLE = 1 << 16;

    public int selector;
    public long base;
    public int limit;
    public int attributes = UNUSABLE;

    public int dpl() {
        return (attributes >>> DPL_SHIFT) & 3;
    }

    public boolean isUnusable() {
        return (attributes & UNUSABLE) != 0;
    }

    public void load(int selector, long base, int limit, int attributes) {
        this.selector = selector;
        this.base = base;
        this.limit = limit;
        this.attributes = attributes;
    }

    /** A null selector in 64-bit mode: usable as DS/ES/FS/GS (and SS at CPL &lt; 3), base kept for FS/GS. */
    public void loadNull(int selector) {
        this.selector = selector;
        this.attributes = UNUSABLE;
    }
}
