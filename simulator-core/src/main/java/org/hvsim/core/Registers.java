package org.hvsim.core;

/**
 * General-purpose register numbers as encoded in ModRM/SIB/REX (Intel SDM Vol. 2A, Table 2-2),
 * the index into {@link CpuState#gpr}.
 */
public final class Registers {
    public static final int RAX = 0;
    public static final int RCX = 1;
    public static final int RDX = 2;
    public static final int RBX = 3;
    public static final int RSP = 4;
    public static final int RBP = 5;
    public static final int RSI = 6;
    public static final int RDI = 7;
    public static final int R8 = 8;
    public static final int R9 = 9;
    public static final int R10 = 10;
    public static final int R11 = 11;
    public static final int R12 = 12;
    public static final int R13 = 13;
    public static final int R14 = 14;
    public static final int R15 = 15;
    /** Pseudo-register that always reads 0: an absent base or index in an address. */
    public static final int ZERO = 16;

    private static final String[] NAMES64 = {
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    private Registers() {
    }

    /** Lower-case 64-bit register name, e.g. {@code "rax"} or {@code "r12"}. */
    public static String name64(int reg) {
        return NAMES64[reg];
    }
}
