package org.hvsim.core.disasm;

import org.hvsim.core.decode.Operand;

/** Register names as GNU objdump prints them (without the AT&amp;T {@code %}). */
final class RegisterNames {
    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    private static final String[] HIGH8 = {"ah", "ch", "dh", "bh"};
    private static final String[] SEGMENT = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};

    private RegisterNames() {
    }

    static String gpr(int reg, int size) {
        switch (size) {
            case 1: return R8[reg];
            case 2: return R16[reg];
            case 4: return R32[reg];
            default: return R64[reg];
        }
    }

    static String segment(int reg) {
        return SEGMENT[reg];
    }

    /** Name of a register operand; {@code size} overrides the operand's own width for GPRs. */
    static String of(Operand op, int size, boolean intel) {
        switch (op.regClass) {
            case GPR: return gpr(op.reg, size);
            case GPR_HIGH8: return HIGH8[op.reg];
            case SEGMENT: return SEGMENT[op.reg];
            case CONTROL: return "cr" + op.reg;
            case DEBUG: return (intel ? "dr" : "db") + op.reg;
            default: throw new IllegalArgumentException("register class " + op.regClass);
        }
    }
}
