package org.hvsim.core.decode;

import static org.hvsim.core.decode.Mnemonic.*;
import static org.hvsim.core.decode.OperandSpec.*;

import java.util.HashMap;
import java.util.Map;

/**
 * The one-byte, two-byte (0F) and three-byte (0F 38) opcode maps of 64-bit mode, after the
 * Intel SDM Vol. 2D Appendix A (tables and the group table A-6). Only the
 * general-purpose, system, VMX and SVM instructions are present; x87, MMX, SSE and AVX opcodes
 * are absent and therefore decode as {@link Mnemonic#INVALID}.
 */
final class OpcodeTable {
    // Entry attributes.
    static final int MODRM = 1;
    /** Byte operation: operand size 1 regardless of prefixes. */
    static final int BYTE = 1 << 1;
    /** Default operand size 64 in 64-bit mode; 66 selects 16 (PUSH, POP, near branches...). */
    static final int D64 = 1 << 2;
    /** Operand size forced to 64 in 64-bit mode (near branches on Intel CPUs, MOV CR/DR). */
    static final int F64 = 1 << 3;
    /** Accepts a LOCK prefix when the destination is in memory. */
    static final int LOCKABLE = 1 << 4;
    /** ModRM r/m must be a register (mod = 3), else #UD. */
    static final int REG_ONLY = 1 << 5;
    /** ModRM r/m must be memory (mod != 3), else #UD. */
    static final int MEM_ONLY = 1 << 6;
    /** A string instruction: REP/REPE/REPNE prefixes apply. */
    static final int STRING = 1 << 7;
    /** Operand size 16 or 32 only (I/O instructions). */
    static final int NO64 = 1 << 8;

    /** One opcode-map entry. {@code group} is non-null for ModRM-reg-selected groups. */
    record Entry(Mnemonic mnemonic, OperandSpec[] operands, int flags, int condition, Entry[] group,
                 Entry[] registerGroup) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        boolean needsModrm() {
            return (flags & MODRM) != 0 || group != null;
        }
    }

    final Entry[] oneByte = new Entry[256];
    final Entry[] twoByte = new Entry[256];
    /** 0F 38 map entries that require a 66 prefix (INVEPT, INVVPID, INVPCID). */
    final Entry[] threeByte38With66 = new Entry[256];
    /** 0F 38 map entries without a mandatory prefix (MOVBE). */
    final Entry[] threeByte38 = new Entry[256];
    /** 0F 01 with mod = 3: the whole ModRM byte selects the instruction. */
    final Map<Integer, Mnemonic> group7Register = new HashMap<>();

    private static final Mnemonic[] ALU = {ADD, OR, ADC, SBB, AND, SUB, XOR, CMP};
    private static final Mnemonic[] SHIFTS = {ROL, ROR, RCL, RCR, SHL, SHR, SHL, SAR};

    OpcodeTable() {
        buildOneByteMap();
        buildTwoByteMap();
        buildThreeByteMap();
    }

    private static Entry e(Mnemonic m, int flags, OperandSpec... ops) {
        return new Entry(m, ops, flags, -1, null, null);
    }

    private static Entry cc(Mnemonic m, int condition, int flags, OperandSpec... ops) {
        return new Entry(m, ops, flags, condition, null, null);
    }

    private static Entry group(Entry[] members) {
        return new Entry(null, new OperandSpec[0], MODRM, -1, members, null);
    }

    private static Entry group(Entry[] memoryForms, Entry[] registerForms) {
        return new Entry(null, new OperandSpec[0], MODRM, -1, memoryForms, registerForms);
    }

    private void buildOneByteMap() {
        for (int i = 0; i < 8; i++) {
            Mnemonic m = ALU[i];
            int lock = m == CMP ? 0 : LOCKABLE;
            int base = i * 8;
            oneByte[base] = e(m, MODRM | BYTE | lock, Eb, Gb);
            oneByte[base + 1] = e(m, MODRM | lock, Ev, Gv);
            oneByte[base + 2] = e(m, MODRM | BYTE, Gb, Eb);
            oneByte[base + 3] = e(m, MODRM, Gv, Ev);
            oneByte[base + 4] = e(m, BYTE, AL, Ib);
            oneByte[base + 5] = e(m, 0, rAX, Iz);
        }
        for (int r = 0; r < 8; r++) {
            oneByte[0x50 + r] = e(PUSH, D64, Zv);
            oneByte[0x58 + r] = e(POP, D64, Zv);
            oneByte[0xB0 + r] = e(MOV, BYTE, Zb, Ib);
            oneByte[0xB8 + r] = e(MOV, 0, Zv, Iv);
        }
        oneByte[0x63] = e(MOVSXD, MODRM, Gv, Ed);
        oneByte[0x68] = e(PUSH, D64, Iz);
        oneByte[0x69] = e(IMUL, MODRM, Gv, Ev, Iz);
        oneByte[0x6A] = e(PUSH, D64, Ibs);
        oneByte[0x6B] = e(IMUL, MODRM, Gv, Ev, Ibs);
        oneByte[0x6C] = e(INS, BYTE | STRING);
        oneByte[0x6D] = e(INS, STRING | NO64);
        oneByte[0x6E] = e(OUTS, BYTE | STRING);
        oneByte[0x6F] = e(OUTS, STRING | NO64);
        for (int c = 0; c < 16; c++) {
            oneByte[0x70 + c] = cc(JCC, c, F64, Jb);
        }
        oneByte[0x80] = group(aluGroup(MODRM | BYTE, Eb, Ib));
        oneByte[0x81] = group(aluGroup(MODRM, Ev, Iz));
        oneByte[0x83] = group(aluGroup(MODRM, Ev, Ibs));
        oneByte[0x84] = e(TEST, MODRM | BYTE, Eb, Gb);
        oneByte[0x85] = e(TEST, MODRM, Ev, Gv);
        oneByte[0x86] = e(XCHG, MODRM | BYTE | LOCKABLE, Eb, Gb);
        oneByte[0x87] = e(XCHG, MODRM | LOCKABLE, Ev, Gv);
        oneByte[0x88] = e(MOV, MODRM | BYTE, Eb, Gb);
        oneByte[0x89] = e(MOV, MODRM, Ev, Gv);
        oneByte[0x8A] = e(MOV, MODRM | BYTE, Gb, Eb);
        oneByte[0x8B] = e(MOV, MODRM, Gv, Ev);
        oneByte[0x8C] = e(MOV_SREG, MODRM, MwRv, Sw);
        oneByte[0x8D] = e(LEA, MODRM | MEM_ONLY, Gv, M);
        oneByte[0x8E] = e(MOV_SREG, MODRM, Sw, MwRv);
        oneByte[0x8F] = group(new Entry[] {e(POP, MODRM | D64, Ev), null, null, null, null, null, null, null});
        oneByte[0x90] = e(NOP, 0);
        for (int r = 1; r < 8; r++) {
            oneByte[0x90 + r] = e(XCHG, 0, Zv, rAX);
        }
        oneByte[0x98] = e(CWDE, 0);   // CBW/CWDE/CDQE by operand size
        oneByte[0x99] = e(CDQ, 0);    // CWD/CDQ/CQO by operand size
        oneByte[0x9C] = e(PUSHF, D64);
        oneByte[0x9D] = e(POPF, D64);
        oneByte[0x9E] = e(SAHF, 0);
        oneByte[0x9F] = e(LAHF, 0);
        oneByte[0xA0] = e(MOV, BYTE, AL, Ob);
        oneByte[0xA1] = e(MOV, 0, rAX, Ov);
        oneByte[0xA2] = e(MOV, BYTE, Ob, AL);
        oneByte[0xA3] = e(MOV, 0, Ov, rAX);
        oneByte[0xA4] = e(MOVS, BYTE | STRING);
        oneByte[0xA5] = e(MOVS, STRING);
        oneByte[0xA6] = e(CMPS, BYTE | STRING);
        oneByte[0xA7] = e(CMPS, STRING);
        oneByte[0xA8] = e(TEST, BYTE, AL, Ib);
        oneByte[0xA9] = e(TEST, 0, rAX, Iz);
        oneByte[0xAA] = e(STOS, BYTE | STRING);
        oneByte[0xAB] = e(STOS, STRING);
        oneByte[0xAC] = e(LODS, BYTE | STRING);
        oneByte[0xAD] = e(LODS, STRING);
        oneByte[0xAE] = e(SCAS, BYTE | STRING);
        oneByte[0xAF] = e(SCAS, STRING);
        oneByte[0xC0] = group(shiftGroup(MODRM | BYTE, Eb, Ib));
        oneByte[0xC1] = group(shiftGroup(MODRM, Ev, Ib));
        oneByte[0xC2] = e(RET, F64, Iw);
        oneByte[0xC3] = e(RET, F64);
        oneByte[0xC6] = group(new Entry[] {e(MOV, MODRM | BYTE, Eb, Ib), null, null, null, null, null, null, null});
        oneByte[0xC7] = group(new Entry[] {e(MOV, MODRM, Ev, Iz), null, null, null, null, null, null, null});
        oneByte[0xC8] = e(ENTER, D64, Iw, Ib);
        oneByte[0xC9] = e(LEAVE, D64);
        oneByte[0xCA] = e(RET_FAR, 0, Iw);
        oneByte[0xCB] = e(RET_FAR, 0);
        oneByte[0xCC] = e(INT3, 0);
        oneByte[0xCD] = e(INT, 0, Ib);
        oneByte[0xCF] = e(IRET, 0);
        oneByte[0xD0] = group(shiftGroup(MODRM | BYTE, Eb, ONE));
        oneByte[0xD1] = group(shiftGroup(MODRM, Ev, ONE));
        oneByte[0xD2] = group(shiftGroup(MODRM | BYTE, Eb, CL));
        oneByte[0xD3] = group(shiftGroup(MODRM, Ev, CL));
        oneByte[0xD7] = e(XLAT, BYTE);
        oneByte[0xE0] = e(LOOPNE, F64, Jb);
        oneByte[0xE1] = e(LOOPE, F64, Jb);
        oneByte[0xE2] = e(LOOP, F64, Jb);
        oneByte[0xE3] = e(JRCXZ, F64, Jb);
        oneByte[0xE4] = e(IN, BYTE, AL, Ib);
        oneByte[0xE5] = e(IN, NO64, eAX, Ib);
        oneByte[0xE6] = e(OUT, BYTE, Ib, AL);
        oneByte[0xE7] = e(OUT, NO64, Ib, eAX);
        oneByte[0xE8] = e(CALL, F64, Jz);
        oneByte[0xE9] = e(JMP, F64, Jz);
        oneByte[0xEB] = e(JMP, F64, Jb);
        oneByte[0xEC] = e(IN, BYTE, AL, DX);
        oneByte[0xED] = e(IN, NO64, eAX, DX);
        oneByte[0xEE] = e(OUT, BYTE, DX, AL);
        oneByte[0xEF] = e(OUT, NO64, DX, eAX);
        oneByte[0xF1] = e(INT1, 0);
        oneByte[0xF4] = e(HLT, 0);
        oneByte[0xF5] = e(CMC, 0);
        oneByte[0xF6] = group(new Entry[] {
            e(TEST, MODRM | BYTE, Eb, Ib), e(TEST, MODRM | BYTE, Eb, Ib),
            e(NOT, MODRM | BYTE | LOCKABLE, Eb), e(NEG, MODRM | BYTE | LOCKABLE, Eb),
            e(MUL, MODRM | BYTE, Eb), e(IMUL, MODRM | BYTE, Eb),
            e(DIV, MODRM | BYTE, Eb), e(IDIV, MODRM | BYTE, Eb)});
        oneByte[0xF7] = group(new Entry[] {
            e(TEST, MODRM, Ev, Iz), e(TEST, MODRM, Ev, Iz),
            e(NOT, MODRM | LOCKABLE, Ev), e(NEG, MODRM | LOCKABLE, Ev),
            e(MUL, MODRM, Ev), e(IMUL, MODRM, Ev),
            e(DIV, MODRM, Ev), e(IDIV, MODRM, Ev)});
        oneByte[0xF8] = e(CLC, 0);
        oneByte[0xF9] = e(STC, 0);
        oneByte[0xFA] = e(CLI, 0);
        oneByte[0xFB] = e(STI, 0);
        oneByte[0xFC] = e(CLD, 0);
        oneByte[0xFD] = e(STD, 0);
        oneByte[0xFE] = group(new Entry[] {
            e(INC, MODRM | BYTE | LOCKABLE, Eb), e(DEC, MODRM | BYTE | LOCKABLE, Eb),
            null, null, null, null, null, null});
        oneByte[0xFF] = group(new Entry[] {
            e(INC, MODRM | LOCKABLE, Ev), e(DEC, MODRM | LOCKABLE, Ev),
            e(CALL, MODRM | F64, Ev), e(CALL_FAR, MODRM | MEM_ONLY, Mp),
            e(JMP, MODRM | F64, Ev), e(JMP_FAR, MODRM | MEM_ONLY, Mp),
            e(PUSH, MODRM | D64, Ev), null});
    }

    private static Entry[] aluGroup(int flags, OperandSpec dst, OperandSpec src) {
        Entry[] g = new Entry[8];
        for (int i = 0; i < 8; i++) {
            g[i] = e(ALU[i], flags | (ALU[i] == CMP ? 0 : LOCKABLE), dst, src);
        }
        return g;
    }

    private static Entry[] shiftGroup(int flags, OperandSpec dst, OperandSpec count) {
        Entry[] g = new Entry[8];
        for (int i = 0; i < 8; i++) {
            g[i] = e(SHIFTS[i], flags, dst, count);
        }
        return g;
    }

    private void buildTwoByteMap() {
        twoByte[0x00] = group(new Entry[] {
            e(SLDT, MODRM, MwRv), e(STR, MODRM, MwRv), e(LLDT, MODRM, Ew), e(LTR, MODRM, Ew),
            e(VERR, MODRM, Ew), e(VERW, MODRM, Ew), null, null});
        twoByte[0x01] = group(
            new Entry[] {
                e(SGDT, MODRM | MEM_ONLY, Ms), e(SIDT, MODRM | MEM_ONLY, Ms),
                e(LGDT, MODRM | MEM_ONLY, Ms), e(LIDT, MODRM | MEM_ONLY, Ms),
                e(SMSW, MODRM, Ew), null, e(LMSW, MODRM, Ew), e(INVLPG, MODRM | MEM_ONLY, M)},
            new Entry[] {
                null, null, null, null, e(SMSW, MODRM, Ev), null, e(LMSW, MODRM, Ew), null});
        int[] g7 = {0xC1, 0xC2, 0xC3, 0xC4, 0xC8, 0xC9, 0xCA, 0xCB, 0xD0, 0xD1, 0xD4,
            0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xF8, 0xF9};
        Mnemonic[] g7m = {VMCALL, VMLAUNCH, VMRESUME, VMXOFF, MONITOR, MWAIT, CLAC, STAC, XGETBV, XSETBV,
            VMFUNC, VMRUN, VMMCALL, VMLOAD, VMSAVE, STGI, CLGI, SKINIT, INVLPGA, SWAPGS, RDTSCP};
        for (int i = 0; i < g7.length; i++) {
            group7Register.put(g7[i], g7m[i]);
        }
        twoByte[0x02] = e(LAR, MODRM, Gv, MwRv);
        twoByte[0x03] = e(LSL, MODRM, Gv, MwRv);
        twoByte[0x05] = e(SYSCALL, 0);
        twoByte[0x06] = e(CLTS, 0);
        twoByte[0x07] = e(SYSRET, 0);
        twoByte[0x08] = e(INVD, 0);
        twoByte[0x09] = e(WBINVD, 0);
        twoByte[0x0B] = e(UD2, 0);
        twoByte[0x0D] = e(PREFETCH, MODRM | MEM_ONLY, M);
        twoByte[0x18] = e(PREFETCH, MODRM | MEM_ONLY, M);
        for (int op = 0x19; op <= 0x1F; op++) {
            twoByte[op] = e(NOP, MODRM, Ev);   // reserved-NOP hint space; 0F 1F /0 is the long NOP
        }
        twoByte[0x20] = e(MOV_CR, MODRM | F64, Rq, Cd);
        twoByte[0x21] = e(MOV_DR, MODRM | F64, Rq, Dd);
        twoByte[0x22] = e(MOV_CR, MODRM | F64, Cd, Rq);
        twoByte[0x23] = e(MOV_DR, MODRM | F64, Dd, Rq);
        twoByte[0x30] = e(WRMSR, 0);
        twoByte[0x31] = e(RDTSC, 0);
        twoByte[0x32] = e(RDMSR, 0);
        twoByte[0x33] = e(RDPMC, 0);
        twoByte[0x34] = e(SYSENTER, 0);
        twoByte[0x35] = e(SYSEXIT, 0);
        for (int c = 0; c < 16; c++) {
            twoByte[0x40 + c] = cc(CMOVCC, c, MODRM, Gv, Ev);
            twoByte[0x80 + c] = cc(JCC, c, F64, Jz);
            twoByte[0x90 + c] = cc(SETCC, c, MODRM | BYTE, Eb);
        }
        twoByte[0x78] = e(VMREAD, MODRM | F64, Eq, Gq);
        twoByte[0x79] = e(VMWRITE, MODRM | F64, Gq, Eq);
        twoByte[0xA0] = e(PUSH_SREG, D64, FS);
        twoByte[0xA1] = e(POP_SREG, D64, FS);
        twoByte[0xA2] = e(CPUID, 0);
        twoByte[0xA3] = e(BT, MODRM, Ev, Gv);
        twoByte[0xA4] = e(SHLD, MODRM, Ev, Gv, Ib);
        twoByte[0xA5] = e(SHLD, MODRM, Ev, Gv, CL);
        twoByte[0xA8] = e(PUSH_SREG, D64, GS);
        twoByte[0xA9] = e(POP_SREG, D64, GS);
        twoByte[0xAA] = e(RSM, 0);
        twoByte[0xAB] = e(BTS, MODRM | LOCKABLE, Ev, Gv);
        twoByte[0xAC] = e(SHRD, MODRM, Ev, Gv, Ib);
        twoByte[0xAD] = e(SHRD, MODRM, Ev, Gv, CL);
        twoByte[0xAE] = group(
            new Entry[] {null, null, null, null, null, null, null, e(CLFLUSH, MODRM | MEM_ONLY, M)},
            new Entry[] {null, null, null, null, null, e(LFENCE, MODRM), e(MFENCE, MODRM), e(SFENCE, MODRM)});
        twoByte[0xAF] = e(IMUL, MODRM, Gv, Ev);
        twoByte[0xB0] = e(CMPXCHG, MODRM | BYTE | LOCKABLE, Eb, Gb);
        twoByte[0xB1] = e(CMPXCHG, MODRM | LOCKABLE, Ev, Gv);
        twoByte[0xB3] = e(BTR, MODRM | LOCKABLE, Ev, Gv);
        twoByte[0xB6] = e(MOVZX, MODRM, Gv, Eb);
        twoByte[0xB7] = e(MOVZX, MODRM, Gv, Ew);
        twoByte[0xB8] = e(POPCNT, MODRM, Gv, Ev);   // valid only with F3 (checked by the decoder)
        twoByte[0xB9] = e(UD1, MODRM, Gv, Ev);
        twoByte[0xBA] = group(new Entry[] {null, null, null, null,
            e(BT, MODRM, Ev, Ib), e(BTS, MODRM | LOCKABLE, Ev, Ib),
            e(BTR, MODRM | LOCKABLE, Ev, Ib), e(BTC, MODRM | LOCKABLE, Ev, Ib)});
        twoByte[0xBB] = e(BTC, MODRM | LOCKABLE, Ev, Gv);
        twoByte[0xBC] = e(BSF, MODRM, Gv, Ev);      // F3: TZCNT
        twoByte[0xBD] = e(BSR, MODRM, Gv, Ev);      // F3: LZCNT
        twoByte[0xBE] = e(MOVSX, MODRM, Gv, Eb);
        twoByte[0xBF] = e(MOVSX, MODRM, Gv, Ew);
        twoByte[0xC0] = e(XADD, MODRM | BYTE | LOCKABLE, Eb, Gb);
        twoByte[0xC1] = e(XADD, MODRM | LOCKABLE, Ev, Gv);
        // Group 9: the memory forms at /6 depend on the mandatory prefix (none, 66, F3) and are
        // resolved by the decoder; RDRAND/RDSEED are the register forms.
        twoByte[0xC7] = group(
            new Entry[] {null, e(CMPXCHG8B, MODRM | MEM_ONLY | LOCKABLE, Mq), null, null, null, null,
                e(VMPTRLD, MODRM | MEM_ONLY, Mq), e(VMPTRST, MODRM | MEM_ONLY, Mq)},
            new Entry[] {null, null, null, null, null, null, e(RDRAND, MODRM, Ev), e(RDSEED, MODRM, Ev)});
        for (int r = 0; r < 8; r++) {
            twoByte[0xC8 + r] = e(BSWAP, 0, Zv);
        }
        twoByte[0xFF] = e(UD0, MODRM, Gv, Ev);
    }

    private void buildThreeByteMap() {
        threeByte38With66[0x80] = e(INVEPT, MODRM | MEM_ONLY | F64, Gq, Mdq);
        threeByte38With66[0x81] = e(INVVPID, MODRM | MEM_ONLY | F64, Gq, Mdq);
        threeByte38With66[0x82] = e(INVPCID, MODRM | MEM_ONLY | F64, Gq, Mdq);
        threeByte38[0xF0] = e(MOVBE, MODRM | MEM_ONLY, Gv, Mv);
        threeByte38[0xF1] = e(MOVBE, MODRM | MEM_ONLY, Mv, Gv);
    }
}
