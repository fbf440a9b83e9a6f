package org.hvsim.core.diff;

import static org.hvsim.core.diff.CaseBuilder.R32;
import static org.hvsim.core.diff.CaseBuilder.R64;
import static org.hvsim.core.diff.CaseBuilder.RAX;
import static org.hvsim.core.diff.CaseBuilder.RBX;
import static org.hvsim.core.diff.CaseBuilder.RCX;
import static org.hvsim.core.diff.CaseBuilder.RDX;
import static org.hvsim.core.diff.CaseBuilder.imm;
import static org.hvsim.core.diff.CaseBuilder.suffix;
import static org.hvsim.core.diff.StatusFlags.AF;
import static org.hvsim.core.diff.StatusFlags.ALL;
import static org.hvsim.core.diff.StatusFlags.CF;
import static org.hvsim.core.diff.StatusFlags.OF;
import static org.hvsim.core.diff.StatusFlags.PF;
import static org.hvsim.core.diff.StatusFlags.SF;
import static org.hvsim.core.diff.StatusFlags.ZF;

import org.hvsim.core.diff.CaseBuilder.Reg;

/**
 * Forms of the bit instructions (BT*, BSF/BSR, TZCNT/LZCNT/POPCNT, BSWAP), the atomic
 * read-modify-write instructions (XADD, CMPXCHG, CMPXCHG8B/16B) and conditional/control-flow
 * instructions (SETcc, CMOVcc, Jcc, JMP, CALL/RET, indirect branches).
 */
final class BitForms {
    private static final int[] WIDE = {16, 32, 64};

    private BitForms() {
    }

    /** BT/BTS/BTR/BTC with register and imm8 offsets, register and memory destinations. */
    static void bitTest(CaseBuilder b) {
        String[] ops = {"bt", "bts", "btr", "btc"};
        String op = ops[b.rnd.nextInt(4)];
        int w = WIDE[b.rnd.nextInt(3)];
        b.pickLegacy(w);
        long written = CF;
        long undef = OF | SF | AF | PF; // ZF unaffected
        String s = suffix(w);
        boolean writes = !op.equals("bt");
        switch (b.rnd.nextInt(4)) {
            case 0:
                b.emit(op + " " + b.src(w).name() + ", " + b.reg(w, writes, 0).name(), 0, written, undef);
                break;
            case 1:
                b.emit(op + s + " " + imm(b.rnd.nextInt(0, 256)) + ", " + b.reg(w, writes, 0).name(), 0, written, undef);
                break;
            case 2: {
                String m = b.mem(w, 0);
                String lock = writes && b.rnd.nextInt(3) == 0 ? "lock " : "";
                b.emit(lock + op + s + " " + imm(b.rnd.nextInt(0, 256)) + ", " + m, 0, written, undef);
                break;
            }
            default: {
                // Register bit offset into memory: a signed bit string offset that stays in scratch.
                int bytes = w / 8;
                long off = b.dataOffset(bytes, bytes);
                long minK = -(off / bytes);
                long maxK = (DiffLayout.SCRATCH_SIZE - bytes - off) / bytes;
                long k = b.rnd.nextLong(minK, maxK + 1);
                long bitOffset = k * w + b.rnd.nextInt(w);
                String m = b.memAt(off, 0);
                int r = b.scratchReg(b.lastMemRegs);
                b.loadConst(r, bitOffset);
                String lock = writes && b.rnd.nextInt(3) == 0 ? "lock " : "";
                b.emit(lock + op + " " + new Reg(r, w, false).name() + ", " + m, 0, written, undef);
                break;
            }
        }
    }

    /**
     * BSF/BSR with a known non-zero source (ZF defined, the rest undefined) or, as the last
     * instruction of a case, a zero source (the destination is undefined and not compared).
     */
    static void bitScan(CaseBuilder b) {
        String op = b.rnd.nextBoolean() ? "bsf" : "bsr";
        int w = WIDE[b.rnd.nextInt(3)];
        b.pickLegacy(w);
        boolean zero = b.rnd.nextInt(8) == 0;
        long v;
        do {
            v = b.value() & CaseBuilder.mask(w);
        } while (v == 0 && !zero);
        if (zero) {
            v = 0;
        }
        String src;
        if (b.rnd.nextInt(3) == 0) {
            String m = b.mem(w, 0);
            storeConst(b, w, v, m);
            src = m;
        } else {
            Reg r = b.reg(w, true, 0);
            b.loadConst(r.num(), v);
            src = r.name();
        }
        Reg dst = b.dst(w);
        if (zero) {
            b.emitMasking(op + " " + src + ", " + dst.name(), 0, ZF, ALL & ~ZF, dst.num());
            b.ended = true;
        } else {
            b.emit(op + " " + src + ", " + dst.name(), 0, ZF, ALL & ~ZF);
        }
    }

    private static void storeConst(CaseBuilder b, int w, long v, String m) {
        if (w == 64 && v != (int) v) {
            int tmp = b.scratchReg(b.lastMemRegs);
            b.loadConst(tmp, v);
            b.setup("mov %" + R64[tmp] + ", " + m);
        } else {
            b.setup("mov" + suffix(w) + " " + imm(w == 64 ? v : v & CaseBuilder.mask(w)) + ", " + m);
        }
    }

    /** TZCNT/LZCNT/POPCNT (when the host has BMI1/LZCNT/POPCNT), BSWAP 32/64. */
    static void countAndSwap(CaseBuilder b) {
        int kind = b.rnd.nextInt(4);
        String op = kind == 0 ? "tzcnt" : kind == 1 ? "lzcnt" : "popcnt";
        boolean supported = kind == 0 ? b.features.bmi1() : kind == 1 ? b.features.lzcnt() : b.features.popcnt();
        if (kind == 3 || !supported) {
            boolean wide = b.rnd.nextBoolean();
            b.pickLegacy(wide ? 64 : 32);
            b.emit("bswap " + b.dst(wide ? 64 : 32).name(), 0, 0, 0);
            return;
        }
        int w = WIDE[b.rnd.nextInt(3)];
        b.pickLegacy(w);
        String src;
        if (b.rnd.nextInt(3) == 0) {
            src = b.mem(w, 0);
        } else {
            src = b.src(w).name();
        }
        if (b.rnd.nextInt(4) == 0 && !src.startsWith("%")) {
            storeConst(b, w, 0, src);
        }
        long written = op.equals("popcnt") ? ALL : CF | ZF;
        long undef = op.equals("popcnt") ? 0 : OF | SF | PF | AF;
        b.emit(op + " " + src + ", " + b.dst(w).name(), 0, written, undef);
    }

    /** XADD, CMPXCHG (equal and unequal), CMPXCHG8B/16B, with and without LOCK. */
    static void atomic(CaseBuilder b) {
        int kind = b.rnd.nextInt(5);
        if (kind == 0) {
            int w = b.width();
            b.pickLegacy(w);
            Reg[] r = new Reg[1];
            String t = b.rm(w, true, 0, r);
            String lock = r[0] == null && b.rnd.nextBoolean() ? "lock " : "";
            b.emit(lock + "xadd " + b.dst(w).name() + ", " + t, 0, ALL, 0);
            return;
        }
        if (kind <= 2) {
            int w = b.width();
            b.pickLegacy(w);
            boolean equal = b.rnd.nextBoolean();
            String acc = new Reg(RAX, w, false).name();
            String t;
            boolean memory = b.rnd.nextBoolean();
            if (memory) {
                t = b.mem(w, 1 << RAX);
                if (equal) {
                    b.setup("mov " + t + ", " + acc);
                }
            } else {
                Reg d = b.dst(w);
                t = d.name();
                if (equal && !(d.num() == RAX && !d.high())) {
                    b.setup("mov " + t + ", " + acc);
                }
            }
            String lock = memory && b.rnd.nextBoolean() ? "lock " : "";
            b.emit(lock + "cmpxchg " + b.src(w).name() + ", " + t, 0, ALL, 0);
            return;
        }
        boolean wide = kind == 4 && b.features.cx16();
        int size = wide ? 16 : 8;
        long off = b.dataOffset(size, size);
        int base = b.scratchReg((1 << RAX) | (1 << RDX) | (1 << RBX) | (1 << RCX));
        b.setup("mov $0x" + Long.toHexString(DiffLayout.SCRATCH_BASE + off) + ", %" + R32[base]);
        String m = "(%" + R64[base] + ")";
        if (b.rnd.nextBoolean()) {
            if (wide) {
                b.setup("mov " + m + ", %rax");
                b.setup("mov 8" + m + ", %rdx");
            } else {
                b.setup("mov " + m + ", %eax");
                b.setup("mov 4" + m + ", %edx");
            }
        }
        String lock = b.rnd.nextBoolean() ? "lock " : "";
        b.emit(lock + (wide ? "cmpxchg16b " : "cmpxchg8b ") + m, 0, ZF, 0);
    }

    /** SETcc to registers and memory, all 16 conditions. */
    static void setcc(CaseBuilder b) {
        int cc = b.rnd.nextInt(16);
        long reads = StatusFlags.conditionReads(cc);
        b.pickLegacy(8);
        b.needFlags(reads);
        Reg[] r = new Reg[1];
        String t = b.rm(8, true, 0, r);
        b.emit("set" + StatusFlags.CONDITION_NAMES[cc] + " " + t, reads, 0, 0);
    }

    /** CMOVcc 16/32/64 with register and memory sources (a false 32-bit CMOV still zero-extends). */
    static void cmovcc(CaseBuilder b) {
        int cc = b.rnd.nextInt(16);
        long reads = StatusFlags.conditionReads(cc);
        int w = WIDE[b.rnd.nextInt(3)];
        b.pickLegacy(w);
        b.needFlags(reads);
        Reg[] r = new Reg[1];
        String src = b.rm(w, false, 0, r);
        b.emit("cmov" + StatusFlags.CONDITION_NAMES[cc] + " " + src + ", " + b.dst(w).name(), reads, 0, 0);
    }

    /** A flag-neutral instruction that a forward branch may skip. */
    private static void skippable(CaseBuilder b) {
        switch (b.rnd.nextInt(4)) {
            case 0:
                b.emit("mov " + imm(b.imm(32)) + ", " + b.dst(32).name(), 0, 0, 0);
                break;
            case 1:
                b.emit("not " + b.dst(64).name(), 0, 0, 0);
                break;
            case 2:
                b.emit("lea 1(%" + R64[b.rnd.nextInt(16)] + "), " + b.dst(64).name(), 0, 0, 0);
                break;
            default:
                b.emit("xchg " + b.dst(16).name() + ", " + b.dst(16).name(), 0, 0, 0);
                break;
        }
    }

    /** Short and near Jcc/JMP/JRCXZ forward over one instruction; CALL/RET; indirect JMP/CALL. */
    static void branch(CaseBuilder b) {
        switch (b.rnd.nextInt(8)) {
            case 0:
            case 1:
            case 2: {
                int cc = b.rnd.nextInt(16);
                long reads = StatusFlags.conditionReads(cc);
                b.needFlags(reads);
                String near = b.rnd.nextInt(3) == 0 ? "{disp32} " : "";
                b.emit(near + "j" + StatusFlags.CONDITION_NAMES[cc] + " 1f", reads, 0, 0);
                skippable(b);
                b.label("1");
                break;
            }
            case 3: {
                String near = b.rnd.nextBoolean() ? "{disp32} " : "";
                b.emit(near + "jmp 1f", 0, 0, 0);
                skippable(b);
                b.label("1");
                break;
            }
            case 4: {
                boolean e = b.rnd.nextBoolean();
                if (b.rnd.nextBoolean()) {
                    long v = b.rnd.nextBoolean() ? 0 : b.rnd.nextBoolean() ? 1L << 32 : 1;
                    b.loadConst(RCX, v);
                }
                b.emit((e ? "jecxz" : "jrcxz") + " 1f", 0, 0, 0);
                skippable(b);
                b.label("1");
                break;
            }
            case 5: {
                b.emit("call 1f", 0, 0, 0);
                b.label("1");
                b.emit("pop %" + R64[b.scratchReg(0)], 0, 0, 0);
                break;
            }
            case 6: {
                boolean withImm = b.rnd.nextBoolean() && b.rsp >= 0 && b.rsp < DiffLayout.SCRATCH_BASE + 0x3a0;
                b.emit("call 2f", 0, 0, 0);
                b.emit("jmp 3f", 0, 0, 0);
                b.label("2");
                b.emit(withImm ? "ret $8" : "ret", 0, 0, 0);
                b.label("3");
                if (withImm) {
                    b.pushed(-8);
                }
                break;
            }
            default: {
                int r = b.scratchReg(0);
                b.setup("lea 1f(%rip), %" + R64[r]);
                int kind = b.rnd.nextInt(3);
                if (kind == 0) {
                    b.emit("call *%" + R64[r], 0, 0, 0);
                    b.label("1");
                    b.emit("pop %" + R64[b.scratchReg(0)], 0, 0, 0);
                } else if (kind == 1) {
                    b.emit("jmp *%" + R64[r], 0, 0, 0);
                    skippable(b);
                    b.label("1");
                } else {
                    String m = b.memAt(b.dataOffset(8, 8), 1 << r);
                    b.setup("mov %" + R64[r] + ", " + m);
                    b.emit("jmp *" + m, 0, 0, 0);
                    skippable(b);
                    b.label("1");
                }
                break;
            }
        }
    }
}
