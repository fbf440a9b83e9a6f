package org.hvsim.core.system;

/** GDTR or IDTR: a 64-bit linear base and a 16-bit limit (SDM Vol. 3A 2.4.1). */
public final class DescriptorTableRegister {
    public long base;
    public int limit;

    public void load(long base, int limit) {
        this.base = base;
        this.limit = limit & 0xFFFF;
    }
}
