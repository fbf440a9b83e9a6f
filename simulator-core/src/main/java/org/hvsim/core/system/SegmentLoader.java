package org.hvsim.core.system;

import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;

/**
 * Loads segment registers with the protection checks that 64-bit mode still makes (Intel SDM
 * Vol. 3A 5.5-5.8, Vol. 2B MOV, POP, LAR, LSL, VERR/VERW). Bases and limits of CS, DS, ES, SS are
 * ignored for addressing in 64-bit mode, but the descriptor caches are filled faithfully.
 */
public final class SegmentLoader {
    /** ES, DS, FS, GS in Sreg numbering. */
    private static final int[] DATA_SEGMENTS = {0, 3, 4, 5};

    private final SystemCpu cpu;

    public SegmentLoader(SystemCpu cpu) {
        this.cpu = cpu;
    }

    /** MOV/POP to DS, ES, FS or GS. A null selector is allowed and leaves the register unusable. */
    public void loadData(int sreg, int selector) {
        cpu.charge(cpu.costs().descriptorLoad());
        SegmentRegister seg = cpu.sys.segment(sreg);
        if ((selector & 0xFFFC) == 0) {
            seg.loadNull(selector);
            return;
        }
        long d = cpu.readDescriptor(selector, ExceptionVector.GP);
        int rpl = selector & 3;
        int dpl = SegmentDescriptor.dpl(d);
        int type = SegmentDescriptor.type(d);
        boolean code = SegmentDescriptor.isCode(d);
        boolean readable = !code || (type & SegmentDescriptor.TYPE_READABLE) != 0;
        boolean conforming = code && (type & SegmentDescriptor.TYPE_CONFORMING) != 0;
        if (SegmentDescriptor.isSystem(d) || !readable
                || (!conforming && (dpl < cpu.cpl() || dpl < rpl))) {
            throw SystemCpu.gp(selector & 0xFFFC);
        }
        if (!SegmentDescriptor.present(d)) {
            throw new GuestFault(ExceptionVector.NP, selector & 0xFFFC, 0);
        }
        load(sreg, seg, selector, d);
    }

    /** MOV/POP SS, and the SS of IRETQ and far returns to outer levels, for privilege {@code cpl}. */
    public void loadStack(int selector, int cpl) {
        cpu.charge(cpu.costs().descriptorLoad());
        SegmentRegister ss = cpu.sys.ss;
        if ((selector & 0xFFFC) == 0) {
            // 64-bit mode allows a null SS below CPL 3 (SDM Vol. 3A 5.4.1.1).
            if (cpl == 3 || (selector & 3) != cpl) {
                throw SystemCpu.gp(0);
            }
            ss.load(selector, 0, 0, SegmentRegister.UNUSABLE | SystemSegments.dataAttributes(cpl));
            return;
        }
        long d = cpu.readDescriptor(selector, ExceptionVector.GP);
        boolean writableData = !SegmentDescriptor.isSystem(d) && !SegmentDescriptor.isCode(d)
                && (SegmentDescriptor.type(d) & SegmentDescriptor.TYPE_READABLE) != 0;
        if ((selector & 3) != cpl || SegmentDescriptor.dpl(d) != cpl || !writableData) {
            throw SystemCpu.gp(selector & 0xFFFC);
        }
        if (!SegmentDescriptor.present(d)) {
            throw new GuestFault(ExceptionVector.SS, selector & 0xFFFC, 0);
        }
        load(2, ss, selector, d);
    }

    /**
     * Checks and returns the descriptor of a 64-bit code segment that a far transfer or IRETQ
     * goes to at privilege {@code rpl} from the current CPL (returns may go outward only).
     */
    public long codeDescriptorForReturn(int selector) {
        if ((selector & 0xFFFC) == 0) {
            throw SystemCpu.gp(0);
        }
        long d = cpu.readDescriptor(selector, ExceptionVector.GP);
        int rpl = selector & 3;
        boolean conforming = (SegmentDescriptor.type(d) & SegmentDescriptor.TYPE_CONFORMING) != 0;
        if (!SegmentDescriptor.isCode(d) || rpl < cpu.cpl()
                || (conforming ? SegmentDescriptor.dpl(d) > rpl : SegmentDescriptor.dpl(d) != rpl)) {
            throw SystemCpu.gp(selector & 0xFFFC);
        }
        if (!SegmentDescriptor.present(d)) {
            throw new GuestFault(ExceptionVector.NP, selector & 0xFFFC, 0);
        }
        if (!SegmentDescriptor.longMode(d)) {
            // Compatibility mode (32-bit code under a 64-bit kernel) is not modelled.
            throw SystemCpu.gp(selector & 0xFFFC);
        }
        return d;
    }

    /** Loads CS for a same-or-outer-privilege transfer that was checked by {@link #codeDescriptorForReturn}. */
    public void loadCode(int selector, long descriptor) {
        cpu.sys.cs.load(selector, SegmentDescriptor.base(descriptor), SegmentDescriptor.limit(descriptor),
                SegmentDescriptor.attributes(descriptor));
        cpu.setCpl(selector & 3);
    }

    /**
     * After a return to an outer privilege level, DS, ES, FS and GS that the new level may not
     * use are nulled (SDM Vol. 2A IRET, "RETURN-TO-OUTER-PRIVILEGE-LEVEL"). FS/GS bases are kept:
     * 64-bit software loads them through the MSRs.
     */
    public void nullInaccessibleDataSegments() {
        int cpl = cpu.cpl();
        for (int sreg : DATA_SEGMENTS) {
            SegmentRegister seg = cpu.sys.segment(sreg);
            if (seg.isUnusable()) {
                continue;
            }
            int attrs = seg.attributes;
            boolean code = (attrs & SegmentDescriptor.TYPE_CODE) != 0;
            boolean conforming = code && (attrs & SegmentDescriptor.TYPE_CONFORMING) != 0;
            if (!conforming && seg.dpl() < cpl) {
                seg.loadNull(0);
            }
        }
    }

    /** LAR/LSL/VERR/VERW visibility: the descriptor if the selector names a visible one, else 0. */
    public long visibleDescriptor(int selector) {
        if ((selector & 0xFFFC) == 0) {
            return 0;
        }
        boolean ldt = (selector & 4) != 0;
        DescriptorTableRegister gdt = cpu.sys.gdtr;
        int limit = ldt ? cpu.sys.ldtr.limit : gdt.limit;
        if ((ldt && cpu.sys.ldtr.isUnusable()) || (selector & ~7) + 7 > limit) {
            return 0;
        }
        long d = cpu.readDescriptor(selector, ExceptionVector.GP);
        int dpl = SegmentDescriptor.dpl(d);
        boolean conformingCode = SegmentDescriptor.isCode(d)
                && (SegmentDescriptor.type(d) & SegmentDescriptor.TYPE_CONFORMING) != 0;
        if (!conformingCode && (dpl < cpu.cpl() || dpl < (selector & 3))) {
            return 0;
        }
        return d;
    }

    private void load(int sreg, SegmentRegister seg, int selector, long d) {
        long base = SegmentDescriptor.base(d);
        seg.load(selector, base, SegmentDescriptor.limit(d), SegmentDescriptor.attributes(d));
        // Loading FS or GS through a selector sets the 32-bit base from the descriptor.
        if (sreg == 4) {
            cpu.state.fsBase = base;
        } else if (sreg == 5) {
            cpu.state.gsBase = base;
        }
    }
}
