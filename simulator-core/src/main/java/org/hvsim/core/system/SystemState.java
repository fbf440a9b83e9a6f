package org.hvsim.core.system;

/**
 * The system-level architectural state of one logical processor in 64-bit mode: control
 * registers, EFER, segment registers with their descriptor caches, descriptor-table registers,
 * the MSRs of {@link Msr}, and the current privilege level.
 *
 * <p>The general-purpose registers, RIP and RFLAGS live in {@link org.hvsim.core.CpuState}; this
 * class adds what a kernel (and a VMM's VMCS guest-state area) sees beyond them.
 */
public final class SystemState {
    public long cr0;
    public long cr2;
    public long cr3;
    public long cr4;
    /** CR8 mirrors the local APIC's TPR[7:4]; kept here when no APIC is attached. */
    public long cr8;
    public long efer;
    public final long[] dr = new long[8];

    public final SegmentRegister es = new SegmentRegister();
    public final SegmentRegister cs = new SegmentRegister();
    public final SegmentRegister ss = new SegmentRegister();
    public final SegmentRegister ds = new SegmentRegister();
    public final SegmentRegister fs = new SegmentRegister();
    public final SegmentRegister gs = new SegmentRegister();
    public final SegmentRegister ldtr = new SegmentRegister();
    public final SegmentRegister tr = new SegmentRegister();
    public final DescriptorTableRegister gdtr = new DescriptorTableRegister();
    public final DescriptorTableRegister idtr = new DescriptorTableRegister();

    private final long[] msrs = new long[Msr.values().length];

    /** Current privilege level: CS.RPL (= CS.DPL for non-conforming code), 0-3. */
    public int cpl;

    /** The segment register with Sreg number {@code n} (ES=0, CS, SS, DS, FS, GS=5). */
    public SegmentRegister segment(int n) {
        switch (n) {
            case 0: return es;
            case 1: return cs;
            case 2: return ss;
            case 3: return ds;
            case 4: return fs;
            default: return gs;
        }
    }

    public long msr(Msr m) {
        return msrs[m.ordinal()];
    }

    public void setMsr(Msr m, long value) {
        msrs[m.ordinal()] = value;
    }

    public boolean paging() {
        return (cr0 & ControlBits.CR0_PG) != 0;
    }

    public boolean longModeActive() {
        return (efer & ControlBits.EFER_LMA) != 0;
    }
}
