package org.hvsim.core.system;

import static org.hvsim.core.system.ControlBits.*;

import org.hvsim.core.CpuState;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.LazyFlags;
import org.hvsim.core.Registers;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.mmu.Mmu;

/**
 * The system side of one processor in 64-bit mode: privilege level, control registers, MSRs,
 * descriptor tables, and the operations the system instructions and exception delivery share.
 * Instruction semantics call these; {@link SystemMachine} drives the processor and its devices.
 *
 * <p>Only 64-bit (IA-32e) mode is modelled: the processor starts in long mode (see the boot
 * protocol in docs/guest.md), and operations that would leave it (clearing CR0.PG or CR4.PAE,
 * returning to a 32-bit code segment) raise #GP(0), which the machine reports.
 */
public final class SystemCpu {
    public final Interpreter cpu;
    public final CpuState state;
    public final SystemState sys;
    public final PagingTranslator paging;
    private final LinearMemory memory;
    private final SystemDevices devices;
    private final InterruptDelivery delivery;
    private final SegmentLoader segments;
    private final ProtectedTransfers transfers;

    /** Set by HLT; cleared when an interrupt is delivered. */
    private boolean halted;
    /** Retired-instruction count until which maskable interrupts are inhibited (STI, MOV SS shadow). */
    private long interruptShadowEnd = -1;

    private final org.hvsim.core.cpu.CpuModel model;
    private final int ioPortCycles;

    public SystemCpu(Interpreter cpu, Mmu mmu, SystemDevices devices, org.hvsim.core.cpu.CpuModel model) {
        this.model = model;
        this.ioPortCycles = model.costs().ioPortCycles(model.frequencyHz());
        this.cpu = cpu;
        this.state = cpu.state;
        this.sys = new SystemState();
        this.memory = cpu.memory;
        this.devices = devices;
        this.paging = new PagingTranslator(mmu, state.flags);
        this.memory.setTranslator(paging);
        this.delivery = new InterruptDelivery(this);
        this.segments = new SegmentLoader(this);
        this.transfers = new ProtectedTransfers(this, segments);
    }

    public SegmentLoader segments() {
        return segments;
    }

    public ProtectedTransfers transfers() {
        return transfers;
    }

    /** Microcode costs of the model, charged by the system instructions. */
    public org.hvsim.core.cpu.MicrocodeCosts costs() {
        return model.costs();
    }

    public void charge(int cycles) {
        cpu.charge(cycles);
    }

    /** Charges one legacy port access at the model's clock. */
    public void chargePortAccess() {
        cpu.charge(ioPortCycles);
    }

    /** The processor model CPUID describes. */
    public org.hvsim.core.cpu.CpuModel model() {
        return model;
    }

    public SystemDevices devices() {
        return devices;
    }

    public Mmu mmu() {
        return paging.mmu();
    }

    // ---- privilege ------------------------------------------------------------------------------

    public int cpl() {
        return sys.cpl;
    }

    /** Changes CPL; accesses at CPL 3 are user accesses for paging, CPL 0-2 supervisor. */
    public void setCpl(int cpl) {
        sys.cpl = cpl;
        boolean user = cpl == 3;
        memory.setUserMode(user);
        paging.setUser(user);
    }

    public int iopl() {
        return (int) (state.rflags() >>> 12) & 3;
    }

    /** #GP(0) unless CPL = 0: the check of every privileged instruction (SDM Vol. 3A 5.9). */
    public void requireCpl0() {
        if (sys.cpl != 0) {
            throw gp(0);
        }
    }

    public static GuestFault gp(int errorCode) {
        return new GuestFault(ExceptionVector.GP, errorCode, 0);
    }

    // ---- implicit supervisor accesses (descriptor tables, TSS) -------------------------------

    public long readImplicit(long la, int size) {
        paging.setImplicitSupervisor(true);
        try {
            return memory.readUncached(la, size);
        } finally {
            paging.setImplicitSupervisor(false);
        }
    }

    public void writeImplicit(long la, long value, int size) {
        paging.setImplicitSupervisor(true);
        try {
            memory.writeUncached(la, value, size);
        } finally {
            paging.setImplicitSupervisor(false);
        }
    }

    /**
     * Reads the 8-byte descriptor for {@code selector} from the GDT or LDT, or throws the
     * {@code vector} fault with the selector's error code if it lies beyond the table limit.
     */
    public long readDescriptor(int selector, ExceptionVector vector) {
        boolean ldt = (selector & 4) != 0;
        long base = ldt ? sys.ldtr.base : sys.gdtr.base;
        int limit = ldt ? sys.ldtr.limit : sys.gdtr.limit;
        int index = selector & ~7;
        if (ldt && sys.ldtr.isUnusable() || index + 7 > limit) {
            throw new GuestFault(vector, selector & 0xFFFC, 0);
        }
        return readImplicit(base + index, 8);
    }

    /** The upper quadword of a 16-byte system descriptor. */
    public long readDescriptorHigh(int selector) {
        boolean ldt = (selector & 4) != 0;
        long base = ldt ? sys.ldtr.base : sys.gdtr.base;
        int limit = ldt ? sys.ldtr.limit : sys.gdtr.limit;
        int index = (selector & ~7) + 8;
        if (index + 7 > limit) {
            throw gp(selector & 0xFFFC);
        }
        return readImplicit(base + index, 8);
    }

    // ---- control registers ---------------------------------------------------------------------

    /** MOV to CR0 (SDM Vol. 3A 2.5, Vol. 2B MOV-Control Registers). */
    public void writeCr0(long value) {
        if ((value & ~CR0_DEFINED) != 0 || (value & CR0_PG) == 0 || (value & CR0_PE) == 0
                || ((value & CR0_NW) != 0 && (value & CR0_CD) == 0)) {
            // Leaving paging or protected mode would leave 64-bit mode, which is not modelled.
            throw gp(0);
        }
        charge(model.costs().movToCr0Cr4());
        long changed = sys.cr0 ^ value;
        sys.cr0 = value | CR0_ET;
        if ((changed & (CR0_PG | CR0_WP | CR0_PE)) != 0) {
            pagingControlsChanged();
        }
    }

    /**
     * MOV to CR3. The modelled TLBs honour the PCID no-flush bit (inside the MMU); the software
     * TLB, a host-side cache, is always flushed, which is always safe.
     */
    public void writeCr3(long value) {
        long stored = value & ~CR3_NO_FLUSH;
        if ((stored >>> 52) != 0) {
            throw gp(0);
        }
        charge(model.costs().movToCr3());
        sys.cr3 = stored;
        mmu().writeCr3(value);
        cpu.translationsChanged();
    }

    public void writeCr4(long value) {
        if ((value & ~CR4_SUPPORTED) != 0 || (value & CR4_PAE) == 0) {
            throw gp(0);
        }
        if ((value & CR4_PCIDE) != 0 && (sys.cr4 & CR4_PCIDE) == 0 && (sys.cr3 & CR3_PCID_MASK) != 0) {
            throw gp(0); // CR4.PCIDE may be set only with PCID 0 (SDM Vol. 3A 4.10.1)
        }
        charge(model.costs().movToCr0Cr4());
        sys.cr4 = value;
        pagingControlsChanged();
    }

    /** CR8 is the local APIC's task-priority register, bits 7:4 (SDM Vol. 3A 11.8.6.5). */
    public long readCr8() {
        return devices.readCr8();
    }

    public void writeCr8(long value) {
        if ((value & ~0xFL) != 0) {
            throw gp(0);
        }
        charge(model.costs().movToCr8());
        devices.writeCr8(value);
        cpu.requestAttention(); // a lower priority may unmask a pending interrupt
    }

    public void writeEfer(long value) {
        if ((value & ~EFER_DEFINED) != 0 || (value & EFER_LME) == 0) {
            throw gp(0);
        }
        sys.efer = value | EFER_LMA;
        pagingControlsChanged();
    }

    private void pagingControlsChanged() {
        mmu().setControlRegisters(sys.cr0, sys.cr4, sys.efer);
        cpu.translationsChanged();
    }

    // ---- MSRs ----------------------------------------------------------------------------------

    public long readMsr(long address) {
        charge(model.costs().rdmsr());
        Msr m = Msr.at(address);
        if (m == null) {
            throw gp(0);
        }
        switch (m) {
            case IA32_EFER: return sys.efer;
            case IA32_FS_BASE: return state.fsBase;
            case IA32_GS_BASE: return state.gsBase;
            case IA32_TSC: return timeStampCounter();
            case IA32_APIC_BASE: return devices.apicBase();
            default: return sys.msr(m);
        }
    }

    public void writeMsr(long address, long value) {
        charge(model.costs().wrmsr());
        Msr m = Msr.at(address);
        if (m == null) {
            throw gp(0);
        }
        switch (m) {
            case IA32_EFER: writeEfer(value); return;
            case IA32_FS_BASE: requireCanonical(value); state.fsBase = value; return;
            case IA32_GS_BASE: requireCanonical(value); state.gsBase = value; return;
            case IA32_KERNEL_GS_BASE:
            case IA32_LSTAR:
            case IA32_CSTAR:
            case IA32_SYSENTER_EIP:
            case IA32_SYSENTER_ESP:
                requireCanonical(value);
                sys.setMsr(m, value);
                return;
            case IA32_TSC:
                tscOffset = value - timeStampCounterRaw();
                return;
            case IA32_APIC_BASE:
                devices.setApicBase(value);
                return;
            default:
                sys.setMsr(m, value);
        }
    }

    public static void requireCanonical(long address) {
        if ((address >> 47) != 0 && (address >> 47) != -1) {
            throw gp(0);
        }
    }

    // ---- time ---------------------------------------------------------------------------------

    private long tscOffset;

    /** The TSC counts simulated cycles (SDM Vol. 3B 17.17), plus the offset WRMSR gave it. */
    public long timeStampCounter() {
        return timeStampCounterRaw() + tscOffset;
    }

    private long timeStampCounterRaw() {
        return devices.cycles();
    }

    // ---- interrupts ----------------------------------------------------------------------------

    public boolean halted() {
        return halted;
    }

    public void halt() {
        halted = true;
        cpu.requestAttention();
    }

    public void wake() {
        halted = false;
    }

    /** STI, MOV SS and POP SS inhibit interrupts until after the next instruction (SDM 6.8.3). */
    public void setInterruptShadow() {
        interruptShadowEnd = cpu.retiredInstructions() + 1;
        cpu.requestAttention();
    }

    public boolean inInterruptShadow() {
        return cpu.retiredInstructions() <= interruptShadowEnd;
    }

    public boolean interruptsEnabled() {
        return state.flags.systemBit(LazyFlags.IF);
    }

    /**
     * Delivers an exception or interrupt through the IDT.
     *
     * @param vector     0-255
     * @param errorCode  pushed if {@code hasErrorCode}
     * @param software   INT n / INT3 (the gate's DPL is checked against CPL)
     * @param returnRip  the RIP pushed: the faulting instruction for faults, the next for traps
     */
    public void deliver(int vector, boolean hasErrorCode, int errorCode, boolean software, long returnRip) {
        halted = false;
        charge(software ? model.costs().softwareInterrupt() : model.costs().exceptionDelivery());
        delivery.deliver(vector, hasErrorCode, errorCode, software, returnRip);
    }

    // ---- I/O permission -----------------------------------------------------------------------

    /**
     * Whether IN/OUT/INS/OUTS of {@code size} bytes at {@code port} are allowed: CPL &lt;= IOPL,
     * or every bit for the port in the TSS I/O permission bitmap is 0 (SDM Vol. 1 19.5).
     */
    public boolean ioPermitted(int port, int size) {
        if (sys.cpl <= iopl()) {
            return true;
        }
        if (sys.tr.isUnusable() || sys.tr.limit < 103) {
            return false;
        }
        long tss = sys.tr.base;
        int bitmapBase = (int) readImplicit(tss + 102, 2);
        int first = bitmapBase + (port >>> 3);
        if (first + 1 > sys.tr.limit) {
            return false;
        }
        int bits = (int) readImplicit(tss + first, 2);
        int mask = ((1 << size) - 1) << (port & 7);
        return (bits & mask) == 0;
    }

    // ---- stack helpers used by delivery, IRETQ and far transfers ------------------------------

    public void push64(long value) {
        long sp = state.gpr[Registers.RSP] - 8;
        memory.write64(sp, value);
        state.gpr[Registers.RSP] = sp;
    }

    public long pop64() {
        long sp = state.gpr[Registers.RSP];
        long v = memory.read64(sp);
        state.gpr[Registers.RSP] = sp + 8;
        return v;
    }
}
