package org.hvsim.core.exec.semantics;

import static org.hvsim.core.system.ControlBits.*;

import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.LazyFlags;
import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.system.SegmentDescriptor;
import org.hvsim.core.system.SegmentRegister;
import org.hvsim.core.system.SystemCpu;

/**
 * System-level instructions with their full privilege semantics (system mode, CPL 0-3). The
 * architectural work lives in {@link SystemCpu}, {@link org.hvsim.core.system.SegmentLoader} and
 * {@link org.hvsim.core.system.ProtectedTransfers}; these classes bind operands to it.
 */
final class SystemInstructions {
    private SystemInstructions() {
    }

    /** Base for system instructions: carries the system CPU. */
    abstract static class SystemInsn extends Insn {
        final SystemCpu sys;

        SystemInsn(DecodedInstruction d, SystemCpu sys) {
            super(d);
            this.sys = sys;
        }
    }

    /** Base for system instructions that set RIP themselves. */
    abstract static class SystemTransfer extends SystemInsn {
        SystemTransfer(DecodedInstruction d, SystemCpu sys) {
            super(d, sys);
        }

        @Override
        public final boolean isControlTransfer() {
            return true;
        }
    }

    /** MOV to or from CR0, CR2, CR3, CR4, CR8 (other numbers are #UD). */
    static final class MoveControlRegister extends SystemInsn {
        private final int cr;
        private final int gpr;
        private final boolean toCr;

        MoveControlRegister(DecodedInstruction d, SystemCpu sys, int cr, int gpr, boolean toCr) {
            super(d, sys);
            this.cr = cr;
            this.gpr = gpr;
            this.toCr = toCr;
        }

        @Override
        public void execute(Interpreter cpu) {
            if (cr == 1 || (cr > 4 && cr != 8)) {
                throw GuestFault.of(ExceptionVector.UD);
            }
            sys.requireCpl0();
            if (toCr) {
                long v = cpu.gpr[gpr];
                switch (cr) {
                    case 0: sys.writeCr0(v); break;
                    case 2: sys.sys.cr2 = v; break;
                    case 3: sys.writeCr3(v); break;
                    case 4: sys.writeCr4(v); break;
                    default: sys.writeCr8(v); break;
                }
            } else {
                long v;
                switch (cr) {
                    case 0: v = sys.sys.cr0; break;
                    case 2: v = sys.sys.cr2; break;
                    case 3: v = sys.sys.cr3; break;
                    case 4: v = sys.sys.cr4; break;
                    default: v = sys.readCr8(); break;
                }
                cpu.gpr[gpr] = v;
            }
        }
    }

    /** MOV to or from DR0-DR7 (breakpoints are stored, not acted on: debug traps are not modelled). */
    static final class MoveDebugRegister extends SystemInsn {
        private final int dr;
        private final int gpr;
        private final boolean toDr;

        MoveDebugRegister(DecodedInstruction d, SystemCpu sys, int dr, int gpr, boolean toDr) {
            super(d, sys);
            this.dr = dr;
            this.gpr = gpr;
            this.toDr = toDr;
        }

        @Override
        public void execute(Interpreter cpu) {
            if (dr > 7 || ((dr == 4 || dr == 5) && (sys.sys.cr4 & CR4_DE) != 0)) {
                throw GuestFault.of(ExceptionVector.UD);
            }
            sys.requireCpl0();
            int n = dr == 4 ? 6 : dr == 5 ? 7 : dr; // DR4/DR5 alias DR6/DR7 without CR4.DE
            if (toDr) {
                sys.sys.dr[n] = cpu.gpr[gpr];
            } else {
                cpu.gpr[gpr] = sys.sys.dr[n];
            }
        }
    }

    /** LGDT, LIDT (load) and SGDT, SIDT (store, #GP at CPL &gt; 0 with CR4.UMIP). */
    static final class DescriptorTableRegister extends SystemInsn {
        private final Locs.Mem mem;
        private final boolean idt;
        private final boolean load;

        DescriptorTableRegister(DecodedInstruction d, SystemCpu sys, Locs.Mem mem, boolean idt, boolean load) {
            super(d, sys);
            this.mem = mem;
            this.idt = idt;
            this.load = load;
        }

        @Override
        public void execute(Interpreter cpu) {
            org.hvsim.core.system.DescriptorTableRegister r = idt ? sys.sys.idtr : sys.sys.gdtr;
            long a = mem.address(cpu);
            if (load) {
                sys.requireCpl0();
                sys.charge(sys.costs().descriptorLoad());
                int limit = cpu.memory.read16(a);
                long base = cpu.memory.read64(a + 2);
                SystemCpu.requireCanonical(base);
                r.load(base, limit);
            } else {
                requireUmipAllows(sys);
                cpu.memory.probeWrite(a, 10);
                cpu.memory.write16(a, r.limit);
                cpu.memory.write64(a + 2, r.base);
            }
        }
    }

    static void requireUmipAllows(SystemCpu sys) {
        if ((sys.sys.cr4 & CR4_UMIP) != 0 && sys.cpl() > 0) {
            throw SystemCpu.gp(0);
        }
    }

    /** SLDT, STR, SMSW: store LDTR, TR or CR0[15:0] (all of CR0 for a 32/64-bit register). */
    static final class StoreSystemValue extends SystemInsn {
        static final int LDTR = 0;
        static final int TR = 1;
        static final int MSW = 2;
        private final int what;
        private final Loc dst;

        StoreSystemValue(DecodedInstruction d, SystemCpu sys, int what, Loc dst) {
            super(d, sys);
            this.what = what;
            this.dst = dst;
        }

        @Override
        public void execute(Interpreter cpu) {
            requireUmipAllows(sys);
            long v;
            switch (what) {
                case LDTR: v = sys.sys.ldtr.selector; break;
                case TR: v = sys.sys.tr.selector; break;
                default: v = dst.isMemory() ? sys.sys.cr0 & 0xFFFF : sys.sys.cr0; break;
            }
            Locs.store(dst, cpu, v);
        }
    }

    /** LLDT and LTR: load LDTR or TR from a 16-byte system descriptor in the GDT. */
    static final class LoadSystemSegment extends SystemInsn {
        private final Loc selector;
        private final boolean task;

        LoadSystemSegment(DecodedInstruction d, SystemCpu sys, Loc selector, boolean task) {
            super(d, sys);
            this.selector = selector;
            this.task = task;
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.requireCpl0();
            sys.charge(sys.costs().descriptorLoad());
            int sel = (int) selector.read(cpu) & 0xFFFF;
            SegmentRegister target = task ? sys.sys.tr : sys.sys.ldtr;
            if ((sel & 0xFFFC) == 0) {
                if (task) {
                    throw SystemCpu.gp(0);
                }
                target.loadNull(sel);
                return;
            }
            if ((sel & 4) != 0) {
                throw SystemCpu.gp(sel & 0xFFFC); // must be in the GDT
            }
            long low = sys.readDescriptor(sel, ExceptionVector.GP);
            long high = sys.readDescriptorHigh(sel);
            int type = SegmentDescriptor.type(low);
            int wanted = task ? SegmentDescriptor.SYSTEM_TSS_AVAILABLE : SegmentDescriptor.SYSTEM_LDT;
            if (!SegmentDescriptor.isSystem(low) || type != wanted) {
                throw SystemCpu.gp(sel & 0xFFFC);
            }
            if (!SegmentDescriptor.present(low)) {
                throw new GuestFault(ExceptionVector.NP, sel & 0xFFFC, 0);
            }
            long base = SegmentDescriptor.base(low, high);
            SystemCpu.requireCanonical(base);
            if (task) {
                // Mark the TSS busy in the GDT (type 9 -> 11).
                long busy = low | ((long) (SegmentDescriptor.SYSTEM_TSS_BUSY ^ SegmentDescriptor.SYSTEM_TSS_AVAILABLE) << 40);
                sys.writeImplicit(sys.sys.gdtr.base + (sel & ~7), busy, 8);
                low = busy;
            }
            target.load(sel, base, SegmentDescriptor.limit(low), SegmentDescriptor.attributes(low));
        }
    }

    /** LMSW: loads CR0[3:0] (PE can be set but not cleared). */
    static final class LoadMachineStatusWord extends SystemInsn {
        private final Loc src;

        LoadMachineStatusWord(DecodedInstruction d, SystemCpu sys, Loc src) {
            super(d, sys);
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.requireCpl0();
            long v = src.read(cpu) & 0xF;
            long cr0 = sys.sys.cr0;
            sys.writeCr0((cr0 & ~0xEL) | v | (cr0 & CR0_PE));
        }
    }

    /** INVLPG: drop the translation of one linear page from the TLBs. */
    static final class InvalidatePage extends SystemInsn {
        private final Locs.Mem mem;

        InvalidatePage(DecodedInstruction d, SystemCpu sys, Locs.Mem mem) {
            super(d, sys);
            this.mem = mem;
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.requireCpl0();
            sys.charge(sys.costs().invlpg());
            long la = mem.address(cpu);
            sys.mmu().invlpg(la);
            cpu.translationChanged(la);
        }
    }

    /** INVPCID type, descriptor: types 0-3 (SDM Vol. 2A INVPCID). */
    static final class InvalidatePcid extends SystemInsn {
        private final int typeRegister;
        private final Locs.Mem descriptor;

        InvalidatePcid(DecodedInstruction d, SystemCpu sys, int typeRegister, Locs.Mem descriptor) {
            super(d, sys);
            this.typeRegister = typeRegister;
            this.descriptor = descriptor;
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.requireCpl0();
            sys.charge(sys.costs().invlpg());
            long type = cpu.gpr[typeRegister];
            long a = descriptor.address(cpu);
            long pcid = cpu.memory.read64(a);
            long la = cpu.memory.read64(a + 8);
            if (type > 3 || (pcid >>> 12) != 0 || (type == 0 && ((la >> 47) != 0 && (la >> 47) != -1))) {
                throw SystemCpu.gp(0);
            }
            if ((sys.sys.cr4 & CR4_PCIDE) == 0 && (type <= 1) && pcid != 0) {
                throw SystemCpu.gp(0);
            }
            sys.mmu().invpcid(org.hvsim.mmu.paging.InvpcidType.values()[(int) type], (int) pcid, la);
            cpu.translationsChanged();
        }
    }

    /** CPL-0-only instructions without operands: HLT, CLTS, WBINVD, INVD, SWAPGS. */
    static final class Privileged extends SystemInsn {
        static final int HLT = 0;
        static final int CLTS = 1;
        static final int WBINVD = 2;
        static final int SWAPGS = 3;
        private final int op;

        Privileged(DecodedInstruction d, SystemCpu sys, int op) {
            super(d, sys);
            this.op = op;
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.requireCpl0();
            switch (op) {
                case HLT:
                    sys.halt();
                    break;
                case CLTS:
                    sys.charge(sys.costs().movToCr0Cr4());
                    sys.sys.cr0 &= ~CR0_TS;
                    break;
                case SWAPGS: {
                    sys.charge(sys.costs().flagsControl());
                    long kernel = sys.sys.msr(org.hvsim.core.system.Msr.IA32_KERNEL_GS_BASE);
                    sys.sys.setMsr(org.hvsim.core.system.Msr.IA32_KERNEL_GS_BASE, cpu.state.gsBase);
                    cpu.state.gsBase = kernel;
                    break;
                }
                default:
                    break; // WBINVD/INVD: caches are coherent with memory in this model
            }
        }
    }

    /** RDMSR / WRMSR: ECX selects the MSR, EDX:EAX holds the value. */
    static final class ModelSpecificRegister extends SystemInsn {
        private final boolean write;

        ModelSpecificRegister(DecodedInstruction d, SystemCpu sys, boolean write) {
            super(d, sys);
            this.write = write;
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.requireCpl0();
            long[] g = cpu.gpr;
            long address = g[Registers.RCX] & 0xFFFF_FFFFL;
            if (write) {
                sys.writeMsr(address, (g[Registers.RDX] << 32) | (g[Registers.RAX] & 0xFFFF_FFFFL));
            } else {
                long v = sys.readMsr(address);
                g[Registers.RAX] = v & 0xFFFF_FFFFL;
                g[Registers.RDX] = v >>> 32;
            }
        }
    }

    /** RDTSC / RDTSCP: #GP at CPL &gt; 0 when CR4.TSD is set. */
    static final class ReadTimeStampCounter extends SystemInsn {
        private final boolean withAux;

        ReadTimeStampCounter(DecodedInstruction d, SystemCpu sys, boolean withAux) {
            super(d, sys);
            this.withAux = withAux;
        }

        @Override
        public void execute(Interpreter cpu) {
            if ((sys.sys.cr4 & CR4_TSD) != 0 && sys.cpl() > 0) {
                throw SystemCpu.gp(0);
            }
            cpu.at(this);
            long tsc = sys.timeStampCounter(); // read before this instruction's own cost
            sys.charge(sys.costs().rdtsc());
            long[] g = cpu.gpr;
            g[Registers.RAX] = tsc & 0xFFFF_FFFFL;
            g[Registers.RDX] = tsc >>> 32;
            if (withAux) {
                g[Registers.RCX] = sys.sys.msr(org.hvsim.core.system.Msr.IA32_TSC_AUX) & 0xFFFF_FFFFL;
            }
        }
    }

    /** CLI / STI: allowed when CPL &lt;= IOPL; STI opens a one-instruction interrupt shadow. */
    static final class InterruptFlag extends SystemInsn {
        private final boolean set;

        InterruptFlag(DecodedInstruction d, SystemCpu sys, boolean set) {
            super(d, sys);
            this.set = set;
        }

        @Override
        public void execute(Interpreter cpu) {
            if (sys.cpl() > sys.iopl()) {
                throw SystemCpu.gp(0);
            }
            sys.charge(sys.costs().flagsControl());
            boolean was = cpu.flags.systemBit(LazyFlags.IF);
            cpu.flags.setSystemBit(LazyFlags.IF, set);
            if (set && !was) {
                // The shadow is counted in retired instructions: make the count exact first
                // (inside a block it lags until the block ends). Without this the shadow was
                // missing for an STI that is not the first instruction of its block.
                cpu.at(this);
                sys.setInterruptShadow();
            }
        }
    }

    /** IN / OUT with an immediate or DX port, subject to IOPL and the TSS I/O bitmap. */
    static final class PortIo extends SystemInsn {
        private final boolean out;
        private final int immediatePort;
        private final int size;

        PortIo(DecodedInstruction d, SystemCpu sys, boolean out, int immediatePort) {
            super(d, sys);
            this.out = out;
            this.immediatePort = immediatePort;
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            int port = immediatePort >= 0 ? immediatePort : (int) g[Registers.RDX] & 0xFFFF;
            if (!sys.ioPermitted(port, size)) {
                throw SystemCpu.gp(0);
            }
            cpu.at(this);
            sys.chargePortAccess();
            if (out) {
                sys.devices().out(port, size, (int) g[Registers.RAX]);
                cpu.requestAttention(); // a device may now raise an interrupt or stop the machine
            } else {
                int v = sys.devices().in(port, size);
                switch (size) {
                    case 1: g[Registers.RAX] = (g[Registers.RAX] & ~0xFFL) | (v & 0xFF); break;
                    case 2: g[Registers.RAX] = (g[Registers.RAX] & ~0xFFFFL) | (v & 0xFFFF); break;
                    default: g[Registers.RAX] = v & 0xFFFF_FFFFL; break;
                }
            }
        }
    }

    /** INS / OUTS with optional REP: port DX, memory ES:RDI (INS) or seg:RSI (OUTS). */
    static final class StringIo extends SystemInsn {
        private final boolean out;
        private final int size;
        private final boolean rep;
        private final boolean addr32;
        private final int sourceSegment;

        StringIo(DecodedInstruction d, SystemCpu sys, boolean out) {
            super(d, sys);
            this.out = out;
            this.size = d.operandSize;
            this.rep = d.has(DecodedInstruction.PREFIX_REP) || d.has(DecodedInstruction.PREFIX_REPNE);
            this.addr32 = d.addressSize == 4;
            this.sourceSegment = d.segment;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            int port = (int) g[Registers.RDX] & 0xFFFF;
            if (!sys.ioPermitted(port, size)) {
                throw SystemCpu.gp(0);
            }
            long step = cpu.flags.df() ? -size : size;
            int index = out ? Registers.RSI : Registers.RDI;
            long segBase = out ? Strings.segmentBase(cpu, sourceSegment) : 0;
            while (true) {
                if (rep) {
                    long count = addr32 ? g[Registers.RCX] & 0xFFFF_FFFFL : g[Registers.RCX];
                    if (count == 0) {
                        break;
                    }
                }
                long addr = (addr32 ? g[index] & 0xFFFF_FFFFL : g[index]) + segBase;
                cpu.at(this);
                sys.chargePortAccess();
                if (out) {
                    sys.devices().out(port, size, (int) cpu.memory.read(addr, size));
                } else {
                    cpu.memory.probeWrite(addr, size);
                    cpu.memory.write(addr, sys.devices().in(port, size), size);
                }
                long next = g[index] + step;
                g[index] = addr32 ? next & 0xFFFF_FFFFL : next;
                if (!rep) {
                    break;
                }
                long c = g[Registers.RCX] - 1;
                g[Registers.RCX] = addr32 ? c & 0xFFFF_FFFFL : c;
            }
            cpu.requestAttention();
        }
    }

    /** POPF at any CPL: IOPL and IF change only as {@link org.hvsim.core.system.ProtectedTransfers#mergeFlags} allows. */
    static final class PopFlags extends SystemInsn {
        private final int size;

        PopFlags(DecodedInstruction d, SystemCpu sys) {
            super(d, sys);
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long v = cpu.memory.read(g[Registers.RSP], size);
            g[Registers.RSP] += size;
            sys.charge(sys.costs().flagsControl());
            long current = cpu.state.rflags();
            if (size == 2) {
                v = (current & ~0xFFFFL) | v;
            }
            long merged = sys.transfers().mergeFlags(current, v, sys.cpl()) & ~LazyFlags.RF;
            cpu.state.setRflags(merged);
            if ((merged & ~current & LazyFlags.IF) != 0) {
                sys.cpu.requestAttention(); // POPF that sets IF: check for pending interrupts
            }
        }
    }

    /** SYSCALL. */
    static final class SystemCall extends SystemTransfer {
        SystemCall(DecodedInstruction d, SystemCpu sys) {
            super(d, sys);
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.transfers().syscall(decoded.nextAddress());
        }
    }

    /** SYSRET, SYSENTER, SYSEXIT, IRET, far RET. */
    static final class Return extends SystemTransfer {
        static final int SYSRET = 0;
        static final int SYSENTER = 1;
        static final int SYSEXIT = 2;
        static final int IRET = 3;
        static final int FAR_RET = 4;
        private final int op;
        private final int release;

        Return(DecodedInstruction d, SystemCpu sys, int op) {
            super(d, sys);
            this.op = op;
            this.release = d.operands.length > 0 ? (int) d.operands[0].imm & 0xFFFF : 0;
        }

        @Override
        public void execute(Interpreter cpu) {
            boolean rexW = decoded.has(DecodedInstruction.PREFIX_REX_W);
            switch (op) {
                case SYSRET: sys.transfers().sysret(rexW); break;
                case SYSENTER: sys.transfers().sysenter(); break;
                case SYSEXIT: sys.transfers().sysexit(rexW); break;
                case IRET: sys.transfers().iret(rexW ? 8 : decoded.operandSize == 2 ? 2 : 4); break;
                default: sys.transfers().farReturn(rexW ? 8 : decoded.operandSize == 2 ? 2 : 4, release); break;
            }
        }
    }

    /** Far JMP / CALL through a memory far pointer (m16:64 with REX.W). */
    static final class FarTransfer extends SystemTransfer {
        private final Locs.Mem pointer;
        private final boolean call;
        private final int size;

        FarTransfer(DecodedInstruction d, SystemCpu sys, Locs.Mem pointer, boolean call) {
            super(d, sys);
            this.pointer = pointer;
            this.call = call;
            this.size = decodedSize(d);
        }

        private static int decodedSize(DecodedInstruction d) {
            return d.has(DecodedInstruction.PREFIX_REX_W) ? 8 : d.has(DecodedInstruction.PREFIX_OPSIZE) ? 2 : 4;
        }

        @Override
        public void execute(Interpreter cpu) {
            long a = pointer.address(cpu);
            long offset = cpu.memory.read(a, size);
            int selector = cpu.memory.read16(a + size);
            sys.transfers().farTransfer(selector, offset, call, decoded.nextAddress(), size);
        }
    }

    /** INT n, INT3, INT1: software interrupts through the IDT (INT n and INT3 check the gate DPL). */
    static final class SoftwareInterrupt extends SystemTransfer {
        private final int vector;
        private final boolean checkDpl;

        SoftwareInterrupt(DecodedInstruction d, SystemCpu sys, int vector, boolean checkDpl) {
            super(d, sys);
            this.vector = vector;
            this.checkDpl = checkDpl;
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.deliver(vector, false, 0, checkDpl, decoded.nextAddress());
        }
    }

    /** MOV Sreg, r/m and POP FS/GS: data-segment and stack-segment loads with their checks. */
    static final class LoadSegment extends SystemInsn {
        private final int sreg;
        private final Loc src;
        private final boolean pop;

        LoadSegment(DecodedInstruction d, SystemCpu sys, int sreg, Loc src, boolean pop) {
            super(d, sys);
            this.sreg = sreg;
            this.src = src;
            this.pop = pop;
        }

        @Override
        public void execute(Interpreter cpu) {
            if (sreg == DecodedInstruction.CS || sreg > DecodedInstruction.GS) {
                throw GuestFault.of(ExceptionVector.UD);
            }
            long[] g = cpu.gpr;
            int selector;
            if (pop) {
                selector = (int) cpu.memory.read(g[Registers.RSP], decoded.operandSize) & 0xFFFF;
            } else {
                selector = (int) src.read(cpu) & 0xFFFF;
            }
            if (sreg == DecodedInstruction.SS) {
                sys.segments().loadStack(selector, sys.cpl());
                cpu.at(this); // exact retired count for the shadow, as for STI
                sys.setInterruptShadow();
            } else {
                sys.segments().loadData(sreg, selector);
            }
            if (pop) {
                g[Registers.RSP] += decoded.operandSize;
            }
        }
    }

    /** MOV r/m, Sreg and PUSH FS/GS: the visible selector. */
    static final class StoreSegment extends SystemInsn {
        private final int sreg;
        private final Loc dst;

        StoreSegment(DecodedInstruction d, SystemCpu sys, int sreg, Loc dst) {
            super(d, sys);
            this.sreg = sreg;
            this.dst = dst;
        }

        @Override
        public void execute(Interpreter cpu) {
            int selector = sys.sys.segment(sreg).selector;
            if (dst == null) {
                Stack.push(cpu, selector, decoded.operandSize);
            } else {
                Locs.store(dst, cpu, selector);
            }
        }
    }

    /** LAR, LSL, VERR, VERW: descriptor queries that set ZF instead of faulting. */
    static final class SelectorQuery extends SystemInsn {
        static final int LAR = 0;
        static final int LSL = 1;
        static final int VERR = 2;
        static final int VERW = 3;
        private final int op;
        private final Loc dst;
        private final Loc selector;

        SelectorQuery(DecodedInstruction d, SystemCpu sys, int op, Loc dst, Loc selector) {
            super(d, sys);
            this.op = op;
            this.dst = dst;
            this.selector = selector;
        }

        @Override
        public void execute(Interpreter cpu) {
            int sel = (int) selector.read(cpu) & 0xFFFF;
            long d = sys.segments().visibleDescriptor(sel);
            boolean ok = d != 0 && validFor(d);
            LazyFlags f = cpu.flags;
            f.setStatus(ok ? f.status() | LazyFlags.ZF : f.status() & ~LazyFlags.ZF);
            if (!ok) {
                return;
            }
            if (op == LAR) {
                dst.write(cpu, (d >>> 32) & 0x00F0_FF00L);
            } else if (op == LSL) {
                dst.write(cpu, SegmentDescriptor.limit(d) & 0xFFFF_FFFFL);
            }
        }

        private boolean validFor(long d) {
            int type = SegmentDescriptor.type(d);
            if (SegmentDescriptor.isSystem(d)) {
                // In IA-32e mode LAR accepts LDT and TSS descriptors; LSL the same (SDM Vol. 2A LAR/LSL).
                boolean tssOrLdt = type == SegmentDescriptor.SYSTEM_LDT || type == SegmentDescriptor.SYSTEM_TSS_AVAILABLE
                        || type == SegmentDescriptor.SYSTEM_TSS_BUSY;
                return (op == LAR || op == LSL) && tssOrLdt;
            }
            boolean code = SegmentDescriptor.isCode(d);
            switch (op) {
                case VERR: return !code || (type & SegmentDescriptor.TYPE_READABLE) != 0;
                case VERW: return !code && (type & SegmentDescriptor.TYPE_READABLE) != 0;
                default: return true;
            }
        }
    }

    /** CLAC / STAC: clear or set RFLAGS.AC, only at CPL 0 (#UD otherwise, SDM Vol. 2A CLAC). */
    static final class AlignmentCheckFlag extends SystemInsn {
        private final boolean set;

        AlignmentCheckFlag(DecodedInstruction d, SystemCpu sys, boolean set) {
            super(d, sys);
            this.set = set;
        }

        @Override
        public void execute(Interpreter cpu) {
            if (sys.cpl() != 0) {
                throw GuestFault.of(ExceptionVector.UD);
            }
            cpu.flags.setSystemBit(LazyFlags.AC, set);
        }
    }

    /** CPUID in system mode: the model's answer plus its microcode cost. */
    static final class Cpuid extends SystemInsn {
        private final org.hvsim.core.cpu.Cpuid table;
        private final int[] out = new int[4];

        Cpuid(DecodedInstruction d, SystemCpu sys, org.hvsim.core.cpu.Cpuid table) {
            super(d, sys);
            this.table = table;
        }

        @Override
        public void execute(Interpreter cpu) {
            sys.charge(sys.costs().cpuid());
            UserModeSystem.Cpuid.answer(table, out, cpu.gpr);
        }
    }
}
