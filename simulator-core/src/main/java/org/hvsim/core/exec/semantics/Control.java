package org.hvsim.core.exec.semantics;

import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/**
 * Near control transfers: JMP, Jcc, CALL, RET, LOOP/LOOPcc, JRCXZ. In 64-bit mode near branches
 * use a 64-bit operand size (Intel behaviour: a 66 prefix is ignored).
 */
final class Control {
    private Control() {
    }

    /** Base for instructions that set RIP themselves. */
    abstract static class Transfer extends Insn {
        Transfer(DecodedInstruction d) {
            super(d);
        }

        @Override
        public final boolean isControlTransfer() {
            return true;
        }
    }

    static final class JumpRelative extends Transfer {
        private final long target;

        JumpRelative(DecodedInstruction d) {
            super(d);
            this.target = d.operands[0].imm;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.state.rip = target;
        }
    }

    static final class JumpIndirect extends Transfer {
        private final Loc target;

        JumpIndirect(DecodedInstruction d, Loc target) {
            super(d);
            this.target = target;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.state.rip = target.read(cpu);
        }
    }

    static final class JumpConditional extends Transfer {
        private final int condition;
        private final long target;
        private final long fallThrough;

        JumpConditional(DecodedInstruction d) {
            super(d);
            this.condition = d.condition;
            this.target = d.operands[0].imm;
            this.fallThrough = d.nextAddress();
        }

        int condition() {
            return condition;
        }

        long target() {
            return target;
        }

        long fallThrough() {
            return fallThrough;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.state.rip = cpu.flags.condition(condition) ? target : fallThrough;
        }
    }

    static final class CallRelative extends Transfer {
        private final long target;
        private final long returnAddress;

        CallRelative(DecodedInstruction d) {
            super(d);
            this.target = d.operands[0].imm;
            this.returnAddress = d.nextAddress();
        }

        @Override
        public void execute(Interpreter cpu) {
            Stack.push64(cpu, returnAddress);
            cpu.state.rip = target;
        }
    }

    static final class CallIndirect extends Transfer {
        private final Loc target;
        private final long returnAddress;

        CallIndirect(DecodedInstruction d, Loc target) {
            super(d);
            this.target = target;
            this.returnAddress = d.nextAddress();
        }

        @Override
        public void execute(Interpreter cpu) {
            long t = target.read(cpu); // read before the push: the operand may be RSP-relative
            Stack.push64(cpu, returnAddress);
            cpu.state.rip = t;
        }
    }

    static final class Return extends Transfer {
        private final long release;

        Return(DecodedInstruction d) {
            super(d);
            this.release = d.operands.length > 0 ? d.operands[0].imm & 0xFFFF : 0;
        }

        @Override
        public void execute(Interpreter cpu) {
            long t = Stack.pop64(cpu);
            cpu.gpr[Registers.RSP] += release;
            cpu.state.rip = t;
        }
    }

    /** LOOP, LOOPE, LOOPNE: decrement the count register (RCX, or ECX with 67) and branch. */
    static final class Loop extends Transfer {
        static final int ALWAYS = 0;
        static final int WHILE_EQUAL = 1;
        static final int WHILE_NOT_EQUAL = 2;
        private final int kind;
        private final boolean addr32;
        private final long target;
        private final long fallThrough;

        Loop(DecodedInstruction d, int kind) {
            super(d);
            this.kind = kind;
            this.addr32 = d.addressSize == 4;
            this.target = d.operands[0].imm;
            this.fallThrough = d.nextAddress();
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long count;
            if (addr32) {
                count = (g[Registers.RCX] - 1) & 0xFFFF_FFFFL;
                g[Registers.RCX] = count;
            } else {
                count = g[Registers.RCX] - 1;
                g[Registers.RCX] = count;
            }
            boolean go = count != 0;
            if (kind == WHILE_EQUAL) {
                go &= cpu.flags.zf();
            } else if (kind == WHILE_NOT_EQUAL) {
                go &= !cpu.flags.zf();
            }
            cpu.state.rip = go ? target : fallThrough;
        }
    }

    /** JRCXZ / JECXZ. */
    static final class JumpIfCountZero extends Transfer {
        private final boolean addr32;
        private final long target;
        private final long fallThrough;

        JumpIfCountZero(DecodedInstruction d) {
            super(d);
            this.addr32 = d.addressSize == 4;
            this.target = d.operands[0].imm;
            this.fallThrough = d.nextAddress();
        }

        @Override
        public void execute(Interpreter cpu) {
            long c = cpu.gpr[Registers.RCX];
            if (addr32) {
                c &= 0xFFFF_FFFFL;
            }
            cpu.state.rip = c == 0 ? target : fallThrough;
        }
    }

    /**
     * A jump to itself ({@code jmp .}, what {@code while (1);} compiles to). In user mode nothing
     * can ever leave it, and in system mode nothing can with interrupts disabled: the run stops
     * with a one-line diagnostic instead of spinning forever. With interrupts enabled it is an
     * idle loop that the next interrupt ends, and it jumps like any other.
     */
    static final class JumpToItself extends Transfer {
        private final long target;
        private final org.hvsim.core.system.SystemCpu system;

        JumpToItself(DecodedInstruction d, org.hvsim.core.system.SystemCpu system) {
            super(d);
            this.target = d.operands[0].imm;
            this.system = system;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.state.rip = target;
            if (system == null || !system.interruptsEnabled()) {
                cpu.stop(String.format("the guest loops forever at rip 0x%x (a jump to itself%s)", target,
                        system == null ? "" : " with interrupts disabled"));
            }
        }
    }
}
