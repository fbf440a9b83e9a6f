package org.hvsim.core.exec.semantics;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/** PUSH, POP, PUSHF, POPF, LEAVE, ENTER. The stack is SS:RSP; SS has base 0 in 64-bit mode. */
final class Stack {
    private Stack() {
    }

    static void push(Interpreter cpu, long value, int size) {
        long[] g = cpu.gpr;
        long sp = g[Registers.RSP] - size;
        cpu.memory.write(sp, value, size);
        g[Registers.RSP] = sp;
    }

    static void push64(Interpreter cpu, long value) {
        long[] g = cpu.gpr;
        long sp = g[Registers.RSP] - 8;
        cpu.memory.write64(sp, value);
        g[Registers.RSP] = sp;
    }

    static long pop64(Interpreter cpu) {
        long[] g = cpu.gpr;
        long sp = g[Registers.RSP];
        long v = cpu.memory.read64(sp);
        g[Registers.RSP] = sp + 8;
        return v;
    }

    static final class Push extends Insn {
        private final Loc src;
        private final int size;

        Push(DecodedInstruction d, Loc src) {
            super(d);
            this.src = src;
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long v = src.read(cpu);
            push(cpu, v, size);
        }
    }

    static final class PushReg64 extends Insn {
        private final int reg;

        PushReg64(DecodedInstruction d, int reg) {
            super(d);
            this.reg = reg;
        }

        @Override
        public void execute(Interpreter cpu) {
            push64(cpu, cpu.gpr[reg]);
        }
    }

    static final class PopReg64 extends Insn {
        private final int reg;

        PopReg64(DecodedInstruction d, int reg) {
            super(d);
            this.reg = reg;
        }

        @Override
        public void execute(Interpreter cpu) {
            long v = pop64(cpu);
            cpu.gpr[reg] = v; // after the RSP update, so POP RSP loads the popped value
        }
    }

    /**
     * POP to any location. RSP is incremented before a memory destination's address is
     * computed (SDM Vol. 2B POP), and the load happens first so a fault leaves RSP unchanged.
     */
    static final class Pop extends Insn {
        private final Loc dst;
        private final int size;

        Pop(DecodedInstruction d, Loc dst) {
            super(d);
            this.dst = dst;
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long sp = g[Registers.RSP];
            long v = cpu.memory.read(sp, size);
            g[Registers.RSP] = sp + size;
            if (dst.isMemory()) {
                try {
                    Locs.store(dst, cpu, v);
                } catch (RuntimeException fault) {
                    g[Registers.RSP] = sp;
                    throw fault;
                }
            } else {
                dst.write(cpu, v);
            }
        }
    }

    /** PUSHF: RFLAGS with VM and RF cleared in the pushed image (SDM Vol. 2B PUSHF). */
    static final class PushFlags extends Insn {
        private final int size;

        PushFlags(DecodedInstruction d) {
            super(d);
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long f = cpu.state.rflags() & ~(LazyFlags.VM | LazyFlags.RF);
            push(cpu, f, size);
        }
    }

    /**
     * POPF at CPL 3 with IOPL 0 (user mode): IF and IOPL are kept silently - the behaviour that
     * makes POPF sensitive but unprivileged - VM, VIF, VIP are kept, RF is cleared.
     */
    static final class PopFlags extends Insn {
        private static final long USER_WRITABLE = LazyFlags.STATUS_FLAGS | LazyFlags.TF | LazyFlags.DF
                | LazyFlags.NT | LazyFlags.AC | LazyFlags.ID;
        private final int size;

        PopFlags(DecodedInstruction d) {
            super(d);
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long v = cpu.memory.read(g[Registers.RSP], size);
            g[Registers.RSP] += size;
            long writable = size == 2 ? USER_WRITABLE & 0xFFFF : USER_WRITABLE;
            long old = cpu.state.rflags();
            cpu.state.setRflags(((old & ~writable) | (v & writable)) & ~LazyFlags.RF);
        }
    }

    /** LEAVE: RSP = RBP; RBP = pop. */
    static final class Leave extends Insn {
        private final int size;

        Leave(DecodedInstruction d) {
            super(d);
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long bp = g[Registers.RBP];
            long v = cpu.memory.read(bp, size);
            g[Registers.RSP] = bp + size;
            if (size == 8) {
                g[Registers.RBP] = v;
            } else {
                g[Registers.RBP] = (g[Registers.RBP] & ~0xFFFFL) | v;
            }
        }
    }

    /** ENTER imm16, imm8: builds a stack frame with {@code level} nested frame pointers. */
    static final class Enter extends Insn {
        private final int frameSize;
        private final int level;
        private final int size;

        Enter(DecodedInstruction d) {
            super(d);
            this.frameSize = (int) d.operands[0].imm & 0xFFFF;
            this.level = (int) d.operands[1].imm & 31;
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long bp = g[Registers.RBP];
            push(cpu, bp, size);
            long frameTemp = g[Registers.RSP];
            if (level > 0) {
                for (int i = 1; i < level; i++) {
                    bp -= size;
                    push(cpu, cpu.memory.read(bp, size), size);
                }
                push(cpu, frameTemp, size);
            }
            if (size == 8) {
                g[Registers.RBP] = frameTemp;
            } else {
                g[Registers.RBP] = (g[Registers.RBP] & ~0xFFFFL) | (frameTemp & 0xFFFF);
            }
            g[Registers.RSP] -= frameSize;
        }
    }
}
