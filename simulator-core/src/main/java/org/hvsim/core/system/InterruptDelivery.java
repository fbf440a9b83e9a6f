package org.hvsim.core.system;

import org.hvsim.core.CpuState;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.LazyFlags;
import org.hvsim.core.Registers;

/**
 * Exception and interrupt delivery in IA-32e mode through 16-byte IDT gates (Intel SDM Vol. 3A
 * 6.14): gate checks, privilege change with a stack switch through the TSS (RSP0-2 or an IST
 * entry), the 64-bit stack frame (SS, RSP, RFLAGS, CS, RIP, error code), RSP aligned to 16 bytes,
 * and RFLAGS updates (TF, NT, RF cleared; IF cleared for interrupt gates).
 *
 * <p>A fault while delivering leaves the processor state as it was before the delivery started
 * and propagates to the caller, which escalates it (to #DF, or to a triple fault).
 */
final class InterruptDelivery {
    private static final int TYPE_INTERRUPT_GATE = 0xE;
    private static final int TYPE_TRAP_GATE = 0xF;
    /** Offsets in the 64-bit TSS (SDM Vol. 3A Figure 8-11). */
    private static final int TSS_RSP0 = 4;
    private static final int TSS_IST1 = 36;

    private final SystemCpu cpu;

    InterruptDelivery(SystemCpu cpu) {
        this.cpu = cpu;
    }

    void deliver(int vector, boolean hasErrorCode, int errorCode, boolean software, long returnRip) {
        SystemState sys = cpu.sys;
        CpuState state = cpu.state;
        int ext = software ? 0 : 1; // EXT: the event came from outside the program
        int idtError = vector * 8 + 2 + ext;

        if (vector * 16L + 15 > sys.idtr.limit) {
            throw SystemCpu.gp(idtError);
        }
        long gateLow = cpu.readImplicit(sys.idtr.base + vector * 16L, 8);
        long gateHigh = cpu.readImplicit(sys.idtr.base + vector * 16L + 8, 8);
        int type = (int) (gateLow >>> 40) & 0xF;
        if (type != TYPE_INTERRUPT_GATE && type != TYPE_TRAP_GATE) {
            throw SystemCpu.gp(idtError);
        }
        int gateDpl = (int) (gateLow >>> 45) & 3;
        if (software && gateDpl < sys.cpl) {
            throw SystemCpu.gp(vector * 8 + 2);
        }
        if ((gateLow & (1L << 47)) == 0) {
            throw new GuestFault(ExceptionVector.NP, idtError, 0);
        }
        long offset = (gateLow & 0xFFFF) | (((gateLow >>> 48) & 0xFFFF) << 16) | ((gateHigh & 0xFFFF_FFFFL) << 32);
        int selector = (int) (gateLow >>> 16) & 0xFFFF;
        int ist = (int) (gateLow >>> 32) & 7;

        if ((selector & 0xFFFC) == 0) {
            throw SystemCpu.gp(ext);
        }
        long code = cpu.readDescriptor(selector, ExceptionVector.GP);
        int codeError = (selector & 0xFFFC) + ext;
        if (!SegmentDescriptor.isCode(code) || !SegmentDescriptor.longMode(code)
                || SegmentDescriptor.dpl(code) > sys.cpl) {
            throw SystemCpu.gp(codeError);
        }
        if (!SegmentDescriptor.present(code)) {
            throw new GuestFault(ExceptionVector.NP, codeError, 0);
        }
        boolean conforming = (SegmentDescriptor.type(code) & SegmentDescriptor.TYPE_CONFORMING) != 0;
        int oldCpl = sys.cpl;
        int newCpl = conforming ? oldCpl : SegmentDescriptor.dpl(code);

        long oldRsp = state.gpr[Registers.RSP];
        long oldFlags = state.rflags();
        int oldSs = sys.ss.selector;
        int oldCs = sys.cs.selector;

        long newRsp;
        if (ist != 0) {
            newRsp = readTss(TSS_IST1 + (ist - 1) * 8);
        } else if (newCpl < oldCpl) {
            newRsp = readTss(TSS_RSP0 + newCpl * 8);
        } else {
            newRsp = oldRsp;
        }
        SystemCpu.requireCanonical(newRsp);
        newRsp &= ~0xFL;

        try {
            cpu.setCpl(newCpl);
            state.gpr[Registers.RSP] = newRsp;
            cpu.push64(oldSs);
            cpu.push64(oldRsp);
            cpu.push64(oldFlags);
            cpu.push64(oldCs);
            cpu.push64(returnRip);
            if (hasErrorCode) {
                cpu.push64(errorCode & 0xFFFF_FFFFL);
            }
        } catch (GuestFault fault) {
            cpu.setCpl(oldCpl);
            state.gpr[Registers.RSP] = oldRsp;
            throw fault;
        }
        if (newCpl != oldCpl) {
            // A privilege change loads SS with a null selector whose RPL is the new CPL; the
            // hidden DPL follows the CPL (what the VMCS guest-state checks expect).
            sys.ss.load(newCpl, 0, 0, SegmentRegister.UNUSABLE | SystemSegments.dataAttributes(newCpl));
        }
        sys.cs.load((selector & 0xFFFC) | newCpl, 0, 0xFFFF_FFFF, SegmentDescriptor.attributes(code));
        long flags = oldFlags & ~(LazyFlags.TF | LazyFlags.NT | LazyFlags.RF | LazyFlags.VM);
        if (type == TYPE_INTERRUPT_GATE) {
            flags &= ~LazyFlags.IF;
        }
        state.setRflags(flags);
        state.rip = offset;
    }

    private long readTss(int offset) {
        SegmentRegister tr = cpu.sys.tr;
        if (tr.isUnusable() || offset + 7 > tr.limit) {
            throw new GuestFault(ExceptionVector.TS, tr.selector & 0xFFFC, 0);
        }
        return cpu.readImplicit(tr.base + offset, 8);
    }
}
