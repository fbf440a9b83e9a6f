package org.hvsim.core.system;

import static org.hvsim.core.system.ControlBits.*;

import org.hvsim.core.CpuState;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.LazyFlags;
import org.hvsim.core.Registers;

/**
 * Control transfers that change CS (and possibly CPL) in 64-bit mode: SYSCALL, SYSRET,
 * SYSENTER, SYSEXIT (SDM Vol. 2B), IRETQ (Vol. 2A IRET), far RET/JMP/CALL to code segments.
 * Call gates and task switches are not modelled (#GP).
 */
public final class ProtectedTransfers {
    /** RFLAGS bits SYSRET restores from R11 (SDM Vol. 2B SYSRET: R11 AND 3C7FD7H, bit 1 set). */
    private static final long SYSRET_FLAGS = 0x3C_7FD7L;

    private final SystemCpu cpu;
    private final SegmentLoader segments;

    public ProtectedTransfers(SystemCpu cpu, SegmentLoader segments) {
        this.cpu = cpu;
        this.segments = segments;
    }

    /** SYSCALL from 64-bit mode: RCX = next RIP, R11 = RFLAGS, CPL 0 through IA32_STAR/LSTAR/FMASK. */
    public void syscall(long nextRip) {
        SystemState sys = cpu.sys;
        if ((sys.efer & EFER_SCE) == 0) {
            throw GuestFault.of(ExceptionVector.UD);
        }
        cpu.charge(cpu.costs().syscall());
        CpuState s = cpu.state;
        long star = sys.msr(Msr.IA32_STAR);
        int selector = (int) (star >>> 32) & 0xFFFF;
        s.gpr[Registers.RCX] = nextRip;
        long flags = s.rflags();
        s.gpr[Registers.R11] = flags & ~LazyFlags.RF;
        s.setRflags(flags & ~sys.msr(Msr.IA32_FMASK) & ~LazyFlags.RF);
        sys.cs.load(selector & 0xFFFC, 0, 0xFFFF_FFFF, SystemSegments.codeAttributes(0));
        sys.ss.load((selector + 8) & 0xFFFC, 0, 0xFFFF_FFFF, SystemSegments.dataAttributes(0));
        cpu.setCpl(0);
        s.rip = sys.msr(Msr.IA32_LSTAR);
    }

    /** SYSRET with REX.W (return to 64-bit user code): RIP = RCX, RFLAGS from R11, CPL 3. */
    public void sysret(boolean to64BitCode) {
        SystemState sys = cpu.sys;
        if ((sys.efer & EFER_SCE) == 0) {
            throw GuestFault.of(ExceptionVector.UD);
        }
        cpu.requireCpl0();
        cpu.charge(cpu.costs().sysret());
        CpuState s = cpu.state;
        long rcx = s.gpr[Registers.RCX];
        if (!to64BitCode) {
            throw SystemCpu.gp(0); // a return to compatibility mode: 32-bit code is not modelled
        }
        SystemCpu.requireCanonical(rcx);
        int base = (int) (sys.msr(Msr.IA32_STAR) >>> 48) & 0xFFFF;
        s.setRflags((s.gpr[Registers.R11] & SYSRET_FLAGS) | LazyFlags.RESERVED_ONE);
        sys.cs.load(((base + 16) & 0xFFFC) | 3, 0, 0xFFFF_FFFF, SystemSegments.codeAttributes(3));
        sys.ss.load(((base + 8) & 0xFFFC) | 3, 0, 0xFFFF_FFFF, SystemSegments.dataAttributes(3));
        cpu.setCpl(3);
        s.rip = rcx;
        cpu.cpu.requestAttention(); // IF may have been set from R11
    }

    /** SYSENTER in IA-32e mode: CS from IA32_SYSENTER_CS, RSP/RIP from the other two MSRs. */
    public void sysenter() {
        SystemState sys = cpu.sys;
        int selector = (int) sys.msr(Msr.IA32_SYSENTER_CS) & 0xFFFC;
        if (selector == 0) {
            throw SystemCpu.gp(0);
        }
        cpu.charge(cpu.costs().syscall());
        CpuState s = cpu.state;
        s.setRflags(s.rflags() & ~(LazyFlags.VM | LazyFlags.IF | LazyFlags.RF));
        sys.cs.load(selector, 0, 0xFFFF_FFFF, SystemSegments.codeAttributes(0));
        sys.ss.load(selector + 8, 0, 0xFFFF_FFFF, SystemSegments.dataAttributes(0));
        cpu.setCpl(0);
        s.gpr[Registers.RSP] = sys.msr(Msr.IA32_SYSENTER_ESP);
        s.rip = sys.msr(Msr.IA32_SYSENTER_EIP);
    }

    /** SYSEXIT with REX.W: to 64-bit code at CPL 3, RIP = RDX, RSP = RCX. */
    public void sysexit(boolean to64BitCode) {
        SystemState sys = cpu.sys;
        int selector = (int) sys.msr(Msr.IA32_SYSENTER_CS) & 0xFFFC;
        if (selector == 0) {
            throw SystemCpu.gp(0);
        }
        cpu.requireCpl0();
        if (!to64BitCode) {
            throw SystemCpu.gp(0); // return to 32-bit code: not modelled
        }
        cpu.charge(cpu.costs().sysret());
        CpuState s = cpu.state;
        SystemCpu.requireCanonical(s.gpr[Registers.RDX]);
        SystemCpu.requireCanonical(s.gpr[Registers.RCX]);
        sys.cs.load((selector + 32) | 3, 0, 0xFFFF_FFFF, SystemSegments.codeAttributes(3));
        sys.ss.load((selector + 40) | 3, 0, 0xFFFF_FFFF, SystemSegments.dataAttributes(3));
        cpu.setCpl(3);
        s.gpr[Registers.RSP] = s.gpr[Registers.RCX];
        s.rip = s.gpr[Registers.RDX];
    }

    /**
     * IRETQ: pops RIP, CS, RFLAGS, RSP, SS (64-bit mode always pops SS:RSP). Which RFLAGS bits
     * change depends on the CPL before the return: IOPL only at CPL 0, IF only at CPL &lt;= IOPL.
     * Nested-task returns (NT = 1) are not modelled.
     */
    public void iret(int operandSize) {
        if (operandSize != 8) {
            throw SystemCpu.gp(0); // IRET/IRETD from 64-bit code: frames of other sizes not modelled
        }
        cpu.charge(cpu.costs().iret());
        CpuState s = cpu.state;
        if ((s.rflags() & LazyFlags.NT) != 0) {
            throw SystemCpu.gp(0); // a task return: no task switching in IA-32e mode
        }
        long sp = s.gpr[Registers.RSP];
        long rip = cpu.cpu.memory.read64(sp);
        int cs = (int) cpu.cpu.memory.read64(sp + 8) & 0xFFFF;
        long flags = cpu.cpu.memory.read64(sp + 16);
        long rsp = cpu.cpu.memory.read64(sp + 24);
        int ss = (int) cpu.cpu.memory.read64(sp + 32) & 0xFFFF;

        int oldCpl = cpu.cpl();
        long code = segments.codeDescriptorForReturn(cs);
        int newCpl = cs & 3;
        SystemCpu.requireCanonical(rip);
        segments.loadStack(ss, newCpl); // checked against the new CPL before anything changes
        segments.loadCode(cs, code);
        s.setRflags(mergeFlags(s.rflags(), flags, oldCpl));
        s.gpr[Registers.RSP] = rsp;
        s.rip = rip;
        if (newCpl > oldCpl) {
            segments.nullInaccessibleDataSegments();
        }
        cpu.cpu.requestAttention(); // IF may now be set
    }

    /** Far RET (RETF/LRETQ): pops RIP and CS, releases {@code release} bytes, and SS:RSP if outward. */
    public void farReturn(int operandSize, int release) {
        if (operandSize != 8) {
            throw SystemCpu.gp(0);
        }
        CpuState s = cpu.state;
        long sp = s.gpr[Registers.RSP];
        long rip = cpu.cpu.memory.read64(sp);
        int cs = (int) cpu.cpu.memory.read64(sp + 8) & 0xFFFF;
        int oldCpl = cpu.cpl();
        long code = segments.codeDescriptorForReturn(cs);
        int newCpl = cs & 3;
        SystemCpu.requireCanonical(rip);
        if (newCpl == oldCpl) {
            segments.loadCode(cs, code);
            s.gpr[Registers.RSP] = sp + 16 + release;
        } else {
            long rsp = cpu.cpu.memory.read64(sp + 16 + release);
            int ss = (int) cpu.cpu.memory.read64(sp + 24 + release) & 0xFFFF;
            segments.loadStack(ss, newCpl);
            segments.loadCode(cs, code);
            s.gpr[Registers.RSP] = rsp + release;
            segments.nullInaccessibleDataSegments();
        }
        s.rip = rip;
    }

    /** Far JMP or CALL to a code segment at the current privilege (no gates, SDM Vol. 3A 5.8.1). */
    public void farTransfer(int selector, long offset, boolean call, long returnRip, int operandSize) {
        if ((selector & 0xFFFC) == 0) {
            throw SystemCpu.gp(0);
        }
        long d = cpu.readDescriptor(selector, ExceptionVector.GP);
        if (SegmentDescriptor.isSystem(d)) {
            throw SystemCpu.gp(selector & 0xFFFC); // call gates and TSS/task gates are not modelled
        }
        boolean conforming = (SegmentDescriptor.type(d) & SegmentDescriptor.TYPE_CONFORMING) != 0;
        int dpl = SegmentDescriptor.dpl(d);
        int cpl = cpu.cpl();
        if (!SegmentDescriptor.isCode(d) || (conforming ? dpl > cpl : (dpl != cpl || (selector & 3) > cpl))) {
            throw SystemCpu.gp(selector & 0xFFFC);
        }
        if (!SegmentDescriptor.present(d)) {
            throw new GuestFault(ExceptionVector.NP, selector & 0xFFFC, 0);
        }
        if (!SegmentDescriptor.longMode(d)) {
            throw SystemCpu.gp(selector & 0xFFFC); // compatibility mode is not modelled
        }
        long target = operandSize == 8 ? offset : offset & 0xFFFF_FFFFL;
        SystemCpu.requireCanonical(target);
        if (call) {
            cpu.push64(cpu.sys.cs.selector);
            cpu.push64(returnRip);
        }
        cpu.sys.cs.load((selector & 0xFFFC) | cpl, SegmentDescriptor.base(d), SegmentDescriptor.limit(d),
                SegmentDescriptor.attributes(d));
        cpu.state.rip = target;
    }

    /**
     * The RFLAGS that POPF and IRETQ produce from {@code popped} at privilege {@code cpl}
     * (SDM Vol. 2B POPF table, Vol. 2A IRET): IOPL changes only at CPL 0, IF only at CPL &lt;= IOPL;
     * VM, VIF, VIP are kept (64-bit mode has no virtual-8086 mode); bit 1 is always 1.
     */
    public long mergeFlags(long current, long popped, int cpl) {
        long writable = LazyFlags.STATUS_FLAGS | LazyFlags.TF | LazyFlags.DF | LazyFlags.NT | LazyFlags.AC
                | LazyFlags.ID | LazyFlags.RF;
        int iopl = (int) (current >>> 12) & 3;
        if (cpl == 0) {
            writable |= LazyFlags.IOPL | LazyFlags.IF;
        } else if (cpl <= iopl) {
            writable |= LazyFlags.IF;
        }
        return (current & ~writable) | (popped & writable) | LazyFlags.RESERVED_ONE;
    }
}
