package org.hvsim.core.exec.semantics;

import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.LazyFlags;
import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/**
 * System-level instructions as a Linux user process at CPL 3 experiences them, in user-mode
 * simulation where no guest kernel exists. Privileged instructions raise #GP(0); IOPL-sensitive
 * ones #GP(0) because IOPL is 0; VMX and SVM instructions #UD (CR4.VMXE and EFER.SVME are 0).
 * The sensitive-but-unprivileged ones complete, revealing the fixed system state documented in
 * docs/user-mode.md: the Linux x86-64 user selectors (CS 0x33, SS 0x2b), CR0 = PE|MP|ET|NE|WP|AM|PG,
 * and empty descriptor tables.
 */
final class UserModeSystem {
    /** Linux x86-64 __USER_CS and __USER_DS (arch/x86/include/asm/segment.h). */
    static final int USER_CS = 0x33;
    static final int USER_DS = 0x2B;
    /** CR0 of a Linux x86-64 kernel: PE, MP, ET, NE, WP, AM, PG. SMSW exposes bits 15:0. */
    static final long CR0 = 0x8005_0033L;

    private UserModeSystem() {
    }

    /** Raises an exception when executed: privileged, unsupported or invalid encodings. */
    static final class Raise extends Insn {
        private final ExceptionVector vector;
        private final int errorCode;

        Raise(DecodedInstruction d, ExceptionVector vector, int errorCode) {
            super(d);
            this.vector = vector;
            this.errorCode = errorCode;
        }

        @Override
        public void execute(Interpreter cpu) {
            throw new GuestFault(vector, errorCode, 0);
        }
    }

    /** NOP, PAUSE, ENDBR64, fences, prefetches, CLFLUSH: architecturally no effect here. */
    static final class NoOperation extends Insn {
        NoOperation(DecodedInstruction d) {
            super(d);
        }

        @Override
        public void execute(Interpreter cpu) {
        }
    }

    /** SYSCALL: RCX = next RIP, R11 = RFLAGS, then the OS personality handles the call. */
    static final class SystemCall extends Control.Transfer {
        private final long next;

        SystemCall(DecodedInstruction d) {
            super(d);
            this.next = d.nextAddress();
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            g[Registers.RCX] = next;
            g[Registers.R11] = cpu.state.rflags() & ~LazyFlags.RF;
            cpu.state.rip = next;
            cpu.systemCall(this);
        }
    }

    /** CPUID: the identity and implemented features of the CPU model (shared by both modes). */
    static final class Cpuid extends Insn {
        private final org.hvsim.core.cpu.Cpuid table;
        private final int[] out = new int[4];

        Cpuid(DecodedInstruction d, org.hvsim.core.cpu.Cpuid table) {
            super(d);
            this.table = table;
        }

        @Override
        public void execute(Interpreter cpu) {
            answer(table, out, cpu.gpr);
        }

        /** CPUID's register protocol: leaf in EAX, subleaf in ECX; results in EAX, EBX, ECX, EDX (zero-extended). */
        static void answer(org.hvsim.core.cpu.Cpuid table, int[] out, long[] g) {
            table.query((int) g[Registers.RAX], (int) g[Registers.RCX], out);
            g[Registers.RAX] = out[0] & 0xFFFF_FFFFL;
            g[Registers.RBX] = out[1] & 0xFFFF_FFFFL;
            g[Registers.RCX] = out[2] & 0xFFFF_FFFFL;
            g[Registers.RDX] = out[3] & 0xFFFF_FFFFL;
        }
    }

    /**
     * RDTSC / RDTSCP. Untimed functional simulation counts one cycle per retired instruction, so
     * the TSC is the number of instructions retired before this one. RDTSCP also loads
     * IA32_TSC_AUX (0: processor 0) into ECX.
     */
    static final class ReadTimeStampCounter extends Insn {
        private final boolean withAux;

        ReadTimeStampCounter(DecodedInstruction d, boolean withAux) {
            super(d);
            this.withAux = withAux;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.at(this);
            long tsc = cpu.retiredInstructions();
            long[] g = cpu.gpr;
            g[Registers.RAX] = tsc & 0xFFFF_FFFFL;
            g[Registers.RDX] = tsc >>> 32;
            if (withAux) {
                g[Registers.RCX] = 0;
            }
        }
    }

    /** SGDT / SIDT: store a 10-byte pseudo-descriptor (limit 0, base 0: no tables here). */
    static final class StoreDescriptorTableRegister extends Insn {
        private final Locs.Mem mem;

        StoreDescriptorTableRegister(DecodedInstruction d, Locs.Mem mem) {
            super(d);
            this.mem = mem;
        }

        @Override
        public void execute(Interpreter cpu) {
            long a = mem.address(cpu);
            cpu.memory.probeWrite(a, 10);
            cpu.memory.write16(a, 0);
            cpu.memory.write64(a + 2, 0);
        }
    }

    /** SLDT, STR, SMSW and MOV from a segment register: store a fixed value. */
    static final class StoreValue extends Insn {
        private final Loc dst;
        private final long value;

        StoreValue(DecodedInstruction d, Loc dst, long value) {
            super(d);
            this.dst = dst;
            this.value = value;
        }

        @Override
        public void execute(Interpreter cpu) {
            Locs.store(dst, cpu, value);
        }
    }

    /** LAR, LSL, VERR, VERW: every selector is invalid with empty descriptor tables, so ZF = 0. */
    static final class SelectorCheck extends Insn {
        private final Loc selector;

        SelectorCheck(DecodedInstruction d, Loc selector) {
            super(d);
            this.selector = selector;
        }

        @Override
        public void execute(Interpreter cpu) {
            selector.read(cpu); // a memory selector operand is still read and may fault
            LazyFlags f = cpu.flags;
            f.setStatus(f.status() & ~LazyFlags.ZF);
        }
    }

    /** PUSH FS/GS: the null selector Linux user processes run with. */
    static final class PushSegment extends Insn {
        private final int size;

        PushSegment(DecodedInstruction d) {
            super(d);
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            Stack.push(cpu, 0, size);
        }
    }
}
