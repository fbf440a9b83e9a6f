package org.hvsim.core.diff;

import static org.hvsim.core.diff.DiffLayout.INITIAL_RSP;
import static org.hvsim.core.diff.DiffLayout.SCRATCH_BASE;
import static org.hvsim.core.diff.DiffLayout.SCRATCH_SIZE;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds one random case: initial state plus a sequence of instruction forms. Forms ask it for
 * registers, immediates and memory operands; it emits the setup instructions that give memory
 * operands known in-bounds addresses, tracks which status flags are defined (so that no flag
 * reader ever sees an undefined flag: if it would, a CMP that defines all six is inserted first)
 * and tracks RSP while it is known.
 *
 * <p>Register constraints: RSP is never a random destination (it must stay inside the scratch
 * page); AH/CH/DH/BH are only used by instructions without a REX prefix ("legacy" instructions:
 * no 64-bit operand size, no R8-R15, no SPL/BPL/SIL/DIL, no REX-register addressing).
 */
final class CaseBuilder {
    static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    static final String[] R8H = {"ah", "ch", "dh", "bh"};
    static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;

    /** A register operand; {@code high} selects AH/CH/DH/BH of register {@code num} (0-3). */
    record Reg(int num, int width, boolean high) {
        String name() {
            if (high) {
                return "%" + R8H[num];
            }
            switch (width) {
                case 8: return "%" + R8[num];
                case 16: return "%" + R16[num];
                case 32: return "%" + R32[num];
                default: return "%" + R64[num];
            }
        }

        int bit() {
            return 1 << num;
        }
    }

    final SplittableRandom rnd;
    final HostFeatures features;
    private final List<Line> lines = new ArrayList<>();
    private int group = -1;
    private long defined = StatusFlags.ALL;
    /** RSP value if known at the current point of the sequence, else -1. */
    long rsp = INITIAL_RSP;
    /** DF at the current point: 0, 1, or -1 when unknown. */
    int df;
    /** True while generating an instruction that may not have a REX prefix (AH..BH allowed). */
    boolean legacy;
    /** Set by a form that must be the last of its case. */
    boolean ended;

    CaseBuilder(SplittableRandom rnd, HostFeatures features, boolean initialDf) {
        this.rnd = rnd;
        this.features = features;
        this.df = initialDf ? 1 : 0;
    }

    List<Line> lines() {
        return lines;
    }

    void startForm() {
        group++;
        legacy = false;
    }

    /** Decides whether the next instruction is legacy (no REX); only when it has no 64-bit operand. */
    void pickLegacy(int width) {
        legacy = width != 64 && rnd.nextInt(3) == 0;
    }

    // ---- emission -----------------------------------------------------------------------------

    /** Emits the instruction under test. */
    void emit(String asm, long reads, long written, long undefined) {
        add(asm, false, reads, written, undefined, -1);
    }

    void emitMasking(String asm, long reads, long written, long undefined, int maskReg) {
        add(asm, false, reads, written, undefined, maskReg);
    }

    /** Emits a setup instruction that does not touch the flags (MOV, LEA). */
    void setup(String asm) {
        add(asm, true, 0, 0, 0, -1);
    }

    void label(String name) {
        lines.add(new Line(name + ":", true, false, group, 0, 0, 0, -1));
    }

    private void add(String asm, boolean setup, long reads, long written, long undefined, int maskReg) {
        if ((reads & ~defined) != 0) {
            throw new IllegalStateException("generator bug: " + asm + " reads undefined flags "
                    + StatusFlags.names(reads & ~defined));
        }
        lines.add(new Line(asm, false, setup, group, reads, written, undefined, maskReg));
        defined = (defined | written) & ~undefined;
    }

    /** Makes sure the given flags are defined, inserting a CMP (defines all six) if needed. */
    void needFlags(long mask) {
        if ((mask & ~defined) != 0) {
            int w = width();
            add("cmp " + anyReg(w).name() + ", " + anyReg(w).name(), true, 0, StatusFlags.ALL, 0, -1);
        }
    }

    long definedFlags() {
        return defined;
    }

    // ---- registers ----------------------------------------------------------------------------

    int width() {
        int[] w = {8, 16, 32, 64};
        return w[rnd.nextInt(4)];
    }

    /** A random register of the width, legal for the current instruction; never RSP/SPL for writes. */
    Reg reg(int width, boolean write, int excludeMask) {
        for (int tries = 0; tries < 1000; tries++) {
            Reg r;
            if (legacy && width == 8) {
                int n = rnd.nextInt(8);
                r = n < 4 ? new Reg(n, 8, false) : new Reg(n - 4, 8, true);
            } else {
                r = new Reg(rnd.nextInt(legacy ? 8 : 16), width, false);
            }
            if (write && r.num() == RSP && !r.high()) {
                continue;
            }
            if ((excludeMask & r.bit()) != 0) {
                continue;
            }
            return r;
        }
        throw new IllegalStateException("no register available");
    }

    Reg dst(int width) {
        return reg(width, true, 0);
    }

    Reg src(int width) {
        return reg(width, false, 0);
    }

    /** Any register (used by flag-defining setups and by reads). */
    Reg anyReg(int width) {
        return reg(width, false, 0);
    }

    /** A 64-bit register other than RSP, chosen from the ones the current instruction may encode. */
    int scratchReg(int excludeMask) {
        return reg(64, true, excludeMask | (1 << RSP)).num;
    }

    // ---- values -------------------------------------------------------------------------------

    private static final long[] EDGES = {0, 1, 2, -1, -2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
        0x1_0000, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE,
        -0x80, -0x8000, -0x8000_0000L, 0x5555_5555_5555_5555L, 0xaaaa_aaaa_aaaa_aaaaL, 0x8000_0000_0000_0001L};

    /** An edge-biased 64-bit value. */
    long value() {
        switch (rnd.nextInt(6)) {
            case 0: return EDGES[rnd.nextInt(EDGES.length)];
            case 1: return rnd.nextInt(-4, 5);
            case 2: return EDGES[rnd.nextInt(EDGES.length)] + rnd.nextInt(-2, 3);
            case 3: return rnd.nextLong() >> rnd.nextInt(64);
            default: return rnd.nextLong();
        }
    }

    /** An edge-biased value that fits the operand width (signed range for imm32 of 64-bit ops). */
    long imm(int width) {
        long v = value();
        switch (width) {
            case 8: return rnd.nextBoolean() ? (byte) v : v & 0xff;
            case 16: return rnd.nextBoolean() ? (short) v : v & 0xffff;
            case 32: return rnd.nextBoolean() ? (int) v : v & 0xffff_ffffL;
            default: return (int) v;
        }
    }

    /** An immediate that fits a sign-extended imm8. */
    long imm8() {
        long[] e = {0, 1, -1, 0x7f, -0x80, 2, -2, 0x40};
        return rnd.nextBoolean() ? e[rnd.nextInt(e.length)] : rnd.nextInt(-128, 128);
    }

    static String imm(long v) {
        return v < 0 ? "$-0x" + Long.toHexString(-v) : "$0x" + Long.toHexString(v);
    }

    static String hex(long v) {
        return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
    }

    /** Loads a known 64-bit value into a register, with the shortest MOV form GNU as picks. */
    void loadConst(int reg, long v) {
        if (v >= 0 && v <= 0xffff_ffffL) {
            setup("mov " + imm(v) + ", %" + R32[reg]);
        } else if (v >= Integer.MIN_VALUE && v < 0) {
            setup("mov " + imm(v) + ", %" + R64[reg]);
        } else {
            setup("movabs $0x" + Long.toHexString(v) + ", %" + R64[reg]);
        }
    }

    // ---- memory operands ----------------------------------------------------------------------

    /**
     * Returns an operand addressing {@code width} bytes at scratch offset {@code off}, emitting
     * the setups that load base/index registers. Registers in {@code excludeMask} are not used
     * (the caller sets them up afterwards). Returns the registers used via {@link #lastMemRegs}.
     */
    String memAt(long off, int excludeMask) {
        long target = SCRATCH_BASE + off;
        lastMemRegs = 0;
        int exclude = excludeMask | (1 << RSP);
        int kind = rnd.nextInt(12);
        if (kind == 0 && rsp >= 0) {
            // Stack-relative: address = RSP + disp.
            long disp = target - rsp;
            return hex(disp) + "(%rsp)";
        }
        if (kind == 1) {
            return "0x" + Long.toHexString(target); // SIB absolute disp32
        }
        if (kind == 2) {
            return addr32(target, exclude);
        }
        int base = scratchReg(exclude);
        lastMemRegs |= 1 << base;
        long disp = dispFor();
        if (kind <= 6) {
            loadConst(base, target - disp);
            return (disp == 0 && rnd.nextBoolean() ? "" : hex(disp)) + "(%" + R64[base] + ")";
        }
        int index = scratchReg(exclude | (1 << base));
        lastMemRegs |= 1 << index;
        int scale = 1 << rnd.nextInt(4);
        long idx = rnd.nextInt(-8, 17);
        loadConst(index, idx);
        if (kind == 11) {
            // No base: disp32 + index*scale.
            lastMemRegs &= ~(1 << base);
            return "0x" + Long.toHexString(target - idx * scale) + "(,%" + R64[index] + "," + scale + ")";
        }
        loadConst(base, target - disp - idx * scale);
        return hex(disp) + "(%" + R64[base] + ",%" + R64[index] + "," + scale + ")";
    }

    /** Registers loaded by the last {@link #memAt} call. */
    int lastMemRegs;

    private long dispFor() {
        switch (rnd.nextInt(4)) {
            case 0: return 0;
            case 1: return rnd.nextInt(-128, 128);
            case 2: return rnd.nextInt(-0x10000, 0x10000);
            default: return rnd.nextInt(Integer.MIN_VALUE / 2, Integer.MAX_VALUE / 2);
        }
    }

    /** 32-bit addressing (0x67 prefix): the upper halves of base and index are garbage. */
    private String addr32(long target, int exclude) {
        int base = scratchReg(exclude);
        lastMemRegs |= 1 << base;
        long disp = rnd.nextBoolean() ? rnd.nextInt(-128, 128) : rnd.nextInt();
        long garbage = rnd.nextLong() & 0xffff_ffff_0000_0000L;
        if (rnd.nextBoolean()) {
            long b = (target - disp) & 0xffff_ffffL;
            setup("movabs $0x" + Long.toHexString(garbage | b) + ", %" + R64[base]);
            return hex(disp) + "(%" + R32[base] + ")";
        }
        int index = scratchReg(exclude | (1 << base));
        lastMemRegs |= 1 << index;
        int scale = 1 << rnd.nextInt(4);
        long idx = rnd.nextInt() & 0xffff_ffffL;
        long b = (target - disp - idx * scale) & 0xffff_ffffL;
        setup("movabs $0x" + Long.toHexString((rnd.nextLong() & 0xffff_ffff_0000_0000L) | idx) + ", %" + R64[index]);
        setup("movabs $0x" + Long.toHexString(garbage | b) + ", %" + R64[base]);
        return hex(disp) + "(%" + R32[base] + ",%" + R32[index] + "," + scale + ")";
    }

    /** A random in-bounds data operand of {@code width} bits (any alignment). */
    String mem(int width, int excludeMask) {
        return memAt(dataOffset(width / 8, 1), excludeMask);
    }

    /** Scratch offset for an access of {@code size} bytes with the given alignment. */
    long dataOffset(int size, int align) {
        long off = rnd.nextInt(0, SCRATCH_SIZE - size + 1);
        if (align > 1 || rnd.nextInt(3) == 0) {
            int a = Math.max(align, size);
            off = off / a * a;
        }
        return off;
    }

    /** Either a register or a memory operand; {@code regOut[0]} receives the register or null. */
    String rm(int width, boolean write, int excludeMask, Reg[] regOut) {
        if (rnd.nextInt(3) == 0) {
            regOut[0] = null;
            return mem(width, excludeMask);
        }
        Reg r = reg(width, write, excludeMask);
        regOut[0] = r;
        return r.name();
    }

    static long mask(int width) {
        return width == 64 ? -1L : (1L << width) - 1;
    }

    static String suffix(int width) {
        switch (width) {
            case 8: return "b";
            case 16: return "w";
            case 32: return "l";
            default: return "q";
        }
    }

    /** Marks RSP as unknown from here on (e.g. after POP %RSP). */
    void rspUnknown() {
        rsp = -1;
    }

    void pushed(int bytes) {
        if (rsp >= 0) {
            rsp -= bytes;
        }
    }
}
