package org.hvsim.core.diff;

import static org.hvsim.core.diff.CaseBuilder.RAX;
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

import java.math.BigInteger;
import org.hvsim.core.diff.CaseBuilder.Reg;

/**
 * Forms of the arithmetic and logic instructions: ADD..CMP, INC/DEC/NEG/NOT, TEST, shifts and
 * rotates, SHLD/SHRD, MUL/IMUL/DIV/IDIV. Flag effects follow the SDM instruction pages.
 */
final class ArithmeticForms {
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};

    private ArithmeticForms() {
    }

    private static boolean logic(String op) {
        return op.equals("or") || op.equals("and") || op.equals("xor") || op.equals("test");
    }

    /** ADD/OR/ADC/SBB/AND/SUB/XOR/CMP in all operand forms and widths, LOCK with memory. */
    static void alu(CaseBuilder b) {
        String op = ALU[b.rnd.nextInt(ALU.length)];
        long reads = op.equals("adc") || op.equals("sbb") ? CF : 0;
        long written = logic(op) ? ALL & ~AF : ALL;
        long undef = logic(op) ? AF : 0;
        boolean writes = !op.equals("cmp");
        int w = b.width();
        b.pickLegacy(w);
        b.needFlags(reads);
        String s = suffix(w);
        String text;
        switch (b.rnd.nextInt(7)) {
            case 0: {
                Reg src = b.src(w);
                Reg dst = b.reg(w, writes, 0);
                String hint = b.rnd.nextBoolean() ? "{load} " : "";
                text = hint + op + " " + src.name() + ", " + dst.name();
                break;
            }
            case 1: {
                String m = b.mem(w, 0);
                Reg src = b.src(w);
                String lock = writes && b.rnd.nextInt(3) == 0 ? "lock " : "";
                text = lock + op + " " + src.name() + ", " + m;
                break;
            }
            case 2: {
                String m = b.mem(w, 0);
                Reg dst = b.reg(w, writes, 0);
                text = op + " " + m + ", " + dst.name();
                break;
            }
            case 3: {
                Reg[] r = new Reg[1];
                String t = b.rm(w, writes, 0, r);
                String lock = r[0] == null && writes && b.rnd.nextInt(4) == 0 ? "lock " : "";
                text = lock + op + s + " " + imm(b.imm8()) + ", " + t;
                break;
            }
            case 4: {
                Reg[] r = new Reg[1];
                String t = b.rm(w, writes, 0, r);
                text = op + s + " " + imm(b.imm(w)) + ", " + t;
                break;
            }
            default: {
                String acc = new Reg(RAX, w, false).name();
                text = op + " " + imm(b.imm(w)) + ", " + acc;
                break;
            }
        }
        b.emit(text, reads, written, undef);
    }

    /** INC/DEC (CF unaffected), NEG, NOT on registers and memory, LOCK with memory. */
    static void unary(CaseBuilder b) {
        String[] ops = {"inc", "dec", "neg", "not"};
        String op = ops[b.rnd.nextInt(ops.length)];
        int w = b.width();
        b.pickLegacy(w);
        Reg[] r = new Reg[1];
        String t = b.rm(w, true, 0, r);
        String lock = r[0] == null && b.rnd.nextInt(3) == 0 ? "lock " : "";
        long written;
        switch (op) {
            case "inc":
            case "dec": written = ALL & ~CF; break;
            case "neg": written = ALL; break;
            default: written = 0; break;
        }
        b.emit(lock + op + suffix(w) + " " + t, 0, written, 0);
    }

    /** TEST r/m,r; TEST r/m,imm; TEST AL/AX/EAX/RAX,imm. AF undefined. */
    static void test(CaseBuilder b) {
        int w = b.width();
        b.pickLegacy(w);
        String text;
        switch (b.rnd.nextInt(4)) {
            case 0:
                text = "test " + b.src(w).name() + ", " + b.src(w).name();
                break;
            case 1: {
                String m = b.mem(w, 0);
                text = b.rnd.nextBoolean() ? "test " + b.src(w).name() + ", " + m : "test " + m + ", " + b.src(w).name();
                break;
            }
            case 2: {
                Reg[] r = new Reg[1];
                String t = b.rm(w, false, 0, r);
                text = "test" + suffix(w) + " " + imm(b.imm(w)) + ", " + t;
                break;
            }
            default:
                text = "test " + imm(b.imm(w)) + ", " + new Reg(RAX, w, false).name();
                break;
        }
        b.emit(text, 0, ALL & ~AF, AF);
    }

    private static final String[] SHIFTS = {"rol", "ror", "rcl", "rcr", "shl", "sal", "shr", "sar"};

    private static int shiftCount(CaseBuilder b, int w) {
        int[] edges = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, w - 1, w, w + 1, 1, 1};
        return b.rnd.nextBoolean() ? edges[b.rnd.nextInt(edges.length)] : b.rnd.nextInt(256);
    }

    /**
     * Shifts and rotates by 1, by CL and by imm8, all widths. Flag effects depend on the masked
     * count, which is always known: CL is loaded with a constant first.
     */
    static void shift(CaseBuilder b) {
        String op = SHIFTS[b.rnd.nextInt(SHIFTS.length)];
        int w = b.width();
        b.pickLegacy(w);
        int mode = b.rnd.nextInt(3); // 0: by 1, 1: by CL, 2: by imm8
        int n = mode == 0 ? 1 : shiftCount(b, w);
        String s = suffix(w);
        Reg[] r = new Reg[1];
        String t;
        if (b.rnd.nextInt(3) == 0) {
            t = b.mem(w, mode == 1 ? 1 << RCX : 0);
            r[0] = null;
        } else {
            t = b.reg(w, true, 0).name();
        }
        if (mode == 1) {
            b.setup("mov " + imm(n) + ", %cl");
        }
        int masked = n & (w == 64 ? 63 : 31);
        long reads = 0, written = 0, undef = 0;
        boolean rotate = op.startsWith("r");
        boolean throughCarry = op.equals("rcl") || op.equals("rcr");
        if (throughCarry) {
            reads = CF;
        }
        if (masked != 0) {
            if (rotate) {
                written = CF;
            } else {
                written = CF | PF | ZF | SF;
                undef = AF;
                if (!op.equals("sar") && masked >= w) {
                    // SDM SHL/SHR: CF undefined when the count is >= the operand size.
                    written &= ~CF;
                    undef |= CF;
                }
            }
            if (masked == 1) {
                written |= OF;
            } else {
                undef |= OF;
            }
        }
        b.needFlags(reads);
        String text;
        switch (mode) {
            case 0:
                text = b.rnd.nextBoolean() ? op + s + " " + t : op + s + " $1, " + t;
                break;
            case 1:
                text = op + s + " %cl, " + t;
                break;
            default:
                text = op + s + " " + imm(n) + ", " + t;
                break;
        }
        b.emit(text, reads, written, undef);
    }

    /** SHLD/SHRD by imm8 and CL, 16/32/64 bits; 16-bit counts above 16 are undefined and avoided. */
    static void shiftDouble(CaseBuilder b) {
        String op = b.rnd.nextBoolean() ? "shld" : "shrd";
        int[] ws = {16, 32, 64};
        int w = ws[b.rnd.nextInt(3)];
        b.pickLegacy(w);
        boolean byCl = b.rnd.nextBoolean();
        int n;
        do {
            n = shiftCount(b, w);
        } while (w == 16 && (n & 31) > 16);
        String t = b.rnd.nextInt(3) == 0 ? b.mem(w, byCl ? 1 << RCX : 0) : b.dst(w).name();
        Reg src = b.src(w);
        if (byCl) {
            b.setup("mov " + imm(n) + ", %cl");
        }
        int masked = n & (w == 64 ? 63 : 31);
        long written = 0, undef = 0;
        if (masked != 0) {
            written = CF | PF | ZF | SF;
            undef = AF;
            if (masked == 1) {
                written |= OF;
            } else {
                undef |= OF;
            }
        }
        String count = byCl ? "%cl" : imm(n);
        b.emit(op + suffix(w) + " " + count + ", " + src.name() + ", " + t, 0, written, undef);
    }

    /** MUL/IMUL one-operand, IMUL two- and three-operand. CF/OF defined; SF/ZF/AF/PF undefined. */
    static void multiply(CaseBuilder b) {
        long written = CF | OF;
        long undef = SF | ZF | AF | PF;
        int kind = b.rnd.nextInt(4);
        if (kind <= 1) {
            int w = b.width();
            b.pickLegacy(w);
            Reg[] r = new Reg[1];
            String t = b.rm(w, false, 0, r);
            String op = kind == 0 ? "mul" : "imul";
            b.emit(op + suffix(w) + " " + t, 0, written, undef);
            return;
        }
        int[] ws = {16, 32, 64};
        int w = ws[b.rnd.nextInt(3)];
        b.pickLegacy(w);
        Reg[] r = new Reg[1];
        String t = b.rm(w, false, 0, r);
        Reg dst = b.dst(w);
        if (kind == 2) {
            b.emit("imul " + t + ", " + dst.name(), 0, written, undef);
        } else {
            long v = b.rnd.nextBoolean() ? b.imm8() : b.imm(w == 64 ? 64 : w);
            b.emit("imul " + imm(v) + ", " + t + ", " + dst.name(), 0, written, undef);
        }
    }

    /**
     * DIV/IDIV in all widths. The dividend and divisor are loaded with constants chosen to give a
     * normal quotient, a zero divisor or a quotient overflow (#DE). All flags are undefined.
     */
    static void divide(CaseBuilder b) {
        boolean signed = b.rnd.nextBoolean();
        int w = b.width();
        b.pickLegacy(w);
        int scenario = b.rnd.nextInt(10); // 0: divide by zero, 1-2: overflow, else normal
        long divisor;
        if (scenario == 0) {
            divisor = 0;
        } else {
            do {
                divisor = truncate(b.value(), w, signed);
            } while (divisor == 0);
        }
        BigInteger[] dividend = dividend(b, w, signed, divisor, scenario);
        int accRegs = (1 << RAX) | (w == 8 ? 0 : 1 << RDX);
        String operand;
        if (b.rnd.nextInt(3) == 0) {
            operand = b.mem(w, accRegs);
            String m = operand;
            long v = w == 64 ? (int) divisor : divisor;
            if (w == 64 && v != divisor) {
                // A 64-bit divisor that is no sign-extended imm32: go through a register.
                int tmp = b.scratchReg(accRegs | b.lastMemRegs);
                b.loadConst(tmp, divisor);
                b.setup("mov %" + CaseBuilder.R64[tmp] + ", " + m);
            } else {
                b.setup("mov" + suffix(w) + " " + imm(w == 64 ? v : truncate(divisor, w, false)) + ", " + m);
            }
            loadDividend(b, w, dividend);
        } else {
            Reg r = b.reg(w, false, 0);
            operand = r.name();
            loadDividend(b, w, dividend);
            boolean overlapsAcc = !r.high() && (r.num() == RAX || (r.num() == RDX && w != 8))
                    || r.high() && r.num() == RAX;
            if (!overlapsAcc) {
                if (r.high()) {
                    b.setup("mov " + imm(divisor & 0xff) + ", " + r.name());
                } else if (r.num() == CaseBuilder.RSP) {
                    operand = null; // never load RSP: use a memory divisor instead
                } else {
                    b.loadConst(r.num(), divisor & CaseBuilder.mask(w));
                }
            }
            if (operand == null) {
                operand = b.memAt(b.dataOffset(w / 8, 1), accRegs);
            }
        }
        b.emit((signed ? "idiv" : "div") + suffix(w) + " " + operand, 0, 0, ALL);
    }

    private static long truncate(long v, int w, boolean signed) {
        switch (w) {
            case 8: return signed ? (byte) v : v & 0xff;
            case 16: return signed ? (short) v : v & 0xffff;
            case 32: return signed ? (int) v : v & 0xffff_ffffL;
            default: return v;
        }
    }

    /** Dividend as {high, low} halves (each w bits; for w = 8 the whole AX is in low). */
    private static BigInteger[] dividend(CaseBuilder b, int w, boolean signed, long divisor, int scenario) {
        BigInteger d = signed ? BigInteger.valueOf(divisor) : unsigned(divisor, w);
        BigInteger full;
        BigInteger limit = BigInteger.ONE.shiftLeft(w); // unsigned quotient range
        BigInteger half = BigInteger.ONE.shiftLeft(w - 1);
        if (divisor == 0 || scenario > 2) {
            // Normal: quotient in range, remainder below |divisor|.
            BigInteger q = signed
                    ? BigInteger.valueOf(truncate(b.value(), w, true))
                    : unsigned(truncate(b.value(), w, false), w);
            BigInteger ad = d.abs().max(BigInteger.ONE);
            BigInteger rem = BigInteger.valueOf(b.rnd.nextLong() & Long.MAX_VALUE).mod(ad);
            full = q.multiply(d).add(q.multiply(d).signum() < 0 ? rem.negate() : rem);
            if (divisor == 0) {
                full = BigInteger.valueOf(b.value());
            }
        } else {
            // Overflow: quotient one past the representable range (or MIN / -1).
            BigInteger q = signed ? (b.rnd.nextBoolean() ? half : half.negate().subtract(BigInteger.ONE)) : limit;
            q = q.add(BigInteger.valueOf(b.rnd.nextInt(0, 4)).multiply(BigInteger.valueOf(q.signum())));
            full = q.multiply(d);
        }
        BigInteger mod = BigInteger.ONE.shiftLeft(2 * w);
        full = full.mod(mod);
        BigInteger lowMask = limit.subtract(BigInteger.ONE);
        return new BigInteger[] {full.shiftRight(w), full.and(lowMask)};
    }

    private static BigInteger unsigned(long v, int w) {
        return new BigInteger(Long.toUnsignedString(v)).and(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE));
    }

    private static void loadDividend(CaseBuilder b, int w, BigInteger[] hl) {
        if (w == 8) {
            long ax = (hl[0].longValue() << 8) | hl[1].longValue();
            b.setup("mov " + imm(ax & 0xffff) + ", %ax");
            return;
        }
        long lo = hl[1].longValue();
        long hi = hl[0].longValue();
        if (w == 16) {
            b.setup("mov " + imm(lo & 0xffff) + ", %ax");
            b.setup("mov " + imm(hi & 0xffff) + ", %dx");
        } else {
            b.loadConst(RAX, lo);
            b.loadConst(RDX, hi);
        }
    }
}
