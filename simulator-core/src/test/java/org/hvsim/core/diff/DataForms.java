package org.hvsim.core.diff;

import static org.hvsim.core.diff.CaseBuilder.R32;
import static org.hvsim.core.diff.CaseBuilder.R64;
import static org.hvsim.core.diff.CaseBuilder.RAX;
import static org.hvsim.core.diff.CaseBuilder.RSP;
import static org.hvsim.core.diff.CaseBuilder.hex;
import static org.hvsim.core.diff.CaseBuilder.imm;
import static org.hvsim.core.diff.CaseBuilder.suffix;
import static org.hvsim.core.diff.StatusFlags.AF;
import static org.hvsim.core.diff.StatusFlags.ALL;
import static org.hvsim.core.diff.StatusFlags.CF;
import static org.hvsim.core.diff.StatusFlags.PF;
import static org.hvsim.core.diff.StatusFlags.SF;
import static org.hvsim.core.diff.StatusFlags.ZF;

import org.hvsim.core.diff.CaseBuilder.Reg;

/**
 * Forms of data movement, stack, conversion, flag-control, string and no-op instructions.
 */
final class DataForms {
    private DataForms() {
    }

    /** MOV in every form except moffs: r/m,r; r,r/m; r,imm (incl. MOVABS imm64); r/m,imm. */
    static void mov(CaseBuilder b) {
        int w = b.width();
        b.pickLegacy(w);
        String text;
        switch (b.rnd.nextInt(6)) {
            case 0:
                text = (b.rnd.nextBoolean() ? "{load} " : "") + "mov " + b.src(w).name() + ", " + b.dst(w).name();
                break;
            case 1: {
                String m = b.mem(w, 0);
                text = "mov " + b.src(w).name() + ", " + m;
                break;
            }
            case 2: {
                String m = b.mem(w, 0);
                text = "mov " + m + ", " + b.dst(w).name();
                break;
            }
            case 3:
                text = "mov " + imm(b.imm(w)) + ", " + b.dst(w).name();
                break;
            case 4:
                b.legacy = false;
                text = "movabs $0x" + Long.toHexString(b.value()) + ", " + b.dst(64).name();
                break;
            default: {
                String m = b.mem(w, 0);
                text = "mov" + suffix(w) + " " + imm(b.imm(w)) + ", " + m;
                break;
            }
        }
        b.emit(text, 0, 0, 0);
    }

    /** MOVZX/MOVSX for every width pair and MOVSXD, register and memory sources. */
    static void movExtend(CaseBuilder b) {
        String[][] pairs = {{"b", "w"}, {"b", "l"}, {"b", "q"}, {"w", "l"}, {"w", "q"}};
        boolean sx = b.rnd.nextBoolean();
        String from;
        String to;
        if (sx && b.rnd.nextInt(6) == 0) {
            from = "l";
            to = "q";
        } else {
            String[] p = pairs[b.rnd.nextInt(pairs.length)];
            from = p[0];
            to = p[1];
        }
        int fw = width(from);
        int tw = width(to);
        b.pickLegacy(tw);
        String src = b.rnd.nextInt(3) == 0 ? b.mem(fw, 0) : b.src(fw).name();
        b.emit("mov" + (sx ? "s" : "z") + from + to + " " + src + ", " + b.dst(tw).name(), 0, 0, 0);
    }

    private static int width(String s) {
        switch (s) {
            case "b": return 8;
            case "w": return 16;
            case "l": return 32;
            default: return 64;
        }
    }

    /** LEA with every addressing form, 16/32/64-bit destinations, 32-bit address size, RIP-relative. */
    static void lea(CaseBuilder b) {
        int[] ws = {16, 32, 64};
        int w = ws[b.rnd.nextInt(3)];
        b.pickLegacy(w);
        String addr = address(b);
        String prefix = "";
        if (addr.startsWith("{disp32} ")) {
            prefix = "{disp32} ";
            addr = addr.substring(prefix.length());
        }
        b.emit(prefix + "lea " + addr + ", " + b.dst(w).name(), 0, 0, 0);
    }

    /** A random address expression whose registers hold whatever they hold (no memory access). */
    static String address(CaseBuilder b) {
        int n = b.legacy ? 8 : 16;
        String disp;
        switch (b.rnd.nextInt(4)) {
            case 0: disp = ""; break;
            case 1: disp = hex(b.rnd.nextInt(-128, 128)); break;
            case 2: disp = hex(b.rnd.nextInt()); break;
            default: disp = hex(b.imm8()); break;
        }
        boolean a32 = b.rnd.nextInt(4) == 0;
        String[] names = a32 ? R32 : R64;
        int base = b.rnd.nextInt(n);
        int index;
        do {
            index = b.rnd.nextInt(n);
        } while (index == RSP);
        int scale = 1 << b.rnd.nextInt(4);
        switch (b.rnd.nextInt(7)) {
            case 0: return disp + "(%" + names[base] + ")";
            case 1: return disp + "(%" + names[base] + ",%" + names[index] + "," + scale + ")";
            case 2: return (disp.isEmpty() ? "0" : disp) + "(,%" + names[index] + "," + scale + ")";
            case 3: return (disp.isEmpty() ? "0" : disp) + (a32 ? "(%eip)" : "(%rip)");
            case 4: return "0x" + Integer.toHexString(b.rnd.nextInt() & 0x7fffffff);
            case 5: return "{disp32} " + disp + "(%" + names[base] + ")";
            default: return disp + "(%" + names[base] + ",%" + names[index] + ")";
        }
    }

    /** XCHG reg,reg; reg,mem (implicitly locked); the short accumulator forms. */
    static void xchg(CaseBuilder b) {
        int w = b.width();
        b.pickLegacy(w);
        String text;
        switch (b.rnd.nextInt(3)) {
            case 0:
                text = "xchg " + b.dst(w).name() + ", " + b.dst(w).name();
                break;
            case 1: {
                String m = b.mem(w, 0);
                String lock = b.rnd.nextInt(4) == 0 ? "lock " : "";
                text = b.rnd.nextBoolean() ? lock + "xchg " + b.dst(w).name() + ", " + m
                        : lock + "xchg " + m + ", " + b.dst(w).name();
                break;
            }
            default: {
                int ww = w == 8 ? 32 : w;
                String acc = new Reg(RAX, ww, false).name();
                Reg r = b.dst(ww);
                text = b.rnd.nextBoolean() ? "xchg " + acc + ", " + r.name() : "xchg " + r.name() + ", " + acc;
                break;
            }
        }
        b.emit(text, 0, 0, 0);
    }

    /** PUSH/POP of registers, immediates and memory; 16-bit forms; PUSH/POP RSP; LEAVE. */
    static void stack(CaseBuilder b) {
        // Keep RSP well inside the compared area: near its top, only push.
        int pick = b.rsp > DiffLayout.SCRATCH_BASE + 0x3a0 ? 0 : b.rnd.nextInt(12);
        switch (pick) {
            case 0:
                b.emit("push %" + R64[b.rnd.nextInt(16)], 0, 0, 0);
                b.pushed(8);
                break;
            case 1: {
                int r = b.scratchReg(0);
                b.emit("pop %" + R64[r], 0, 0, 0);
                b.pushed(-8);
                break;
            }
            case 2:
                b.emit("pushq " + imm(b.imm8()), 0, 0, 0);
                b.pushed(8);
                break;
            case 3:
                b.emit("pushq " + imm(b.imm(64)), 0, 0, 0);
                b.pushed(8);
                break;
            case 4:
                if (b.rnd.nextBoolean()) {
                    b.emit("pushw " + imm(b.imm(16)), 0, 0, 0);
                    b.pushed(2);
                } else {
                    b.emit("push " + b.src(16).name(), 0, 0, 0);
                    b.pushed(2);
                }
                break;
            case 5:
                b.emit("pop " + b.dst(16).name(), 0, 0, 0);
                b.pushed(-2);
                break;
            case 6: {
                boolean word = b.rnd.nextInt(4) == 0;
                String m = b.mem(word ? 16 : 64, 0);
                b.emit((word ? "pushw " : "pushq ") + m, 0, 0, 0);
                b.pushed(word ? 2 : 8);
                break;
            }
            case 7: {
                boolean word = b.rnd.nextInt(4) == 0;
                // POP m: an RSP-based address is computed after RSP is incremented (SDM POP).
                String m = b.memAt(b.dataOffset(8, 1) & ~15L, 0);
                b.emit((word ? "popw " : "popq ") + m, 0, 0, 0);
                b.pushed(word ? -2 : -8);
                break;
            }
            case 8: {
                int d = 8 * b.rnd.nextInt(0, 9);
                b.setup("lea " + d + "(%rsp), %rbp");
                boolean word = b.rnd.nextInt(4) == 0;
                b.emit(word ? "leavew" : "leave", 0, 0, 0);
                if (b.rsp >= 0) {
                    b.rsp = b.rsp + d + (word ? 2 : 8);
                }
                break;
            }
            case 9:
                b.emit("push %rsp", 0, 0, 0);
                b.pushed(8);
                break;
            case 10:
                if (b.rnd.nextInt(4) == 0) {
                    // POP RSP loads a random stack word into RSP: only as the last instruction.
                    b.emit("pop %rsp", 0, 0, 0);
                    b.rspUnknown();
                    b.ended = true;
                } else {
                    b.emit("push %" + R64[b.rnd.nextInt(16)], 0, 0, 0);
                    b.pushed(8);
                }
                break;
            default:
                pushfPopf(b);
                break;
        }
    }

    /** PUSHF/POPF (64 and 16 bit). Popped images hold only status flags, DF, IF and bit 1. */
    static void pushfPopf(CaseBuilder b) {
        boolean word = b.rnd.nextInt(4) == 0;
        if (b.rnd.nextBoolean()) {
            b.needFlags(ALL);
            b.emit(word ? "pushfw" : "pushfq", ALL, 0, 0);
            b.pushed(word ? 2 : 8);
            if (b.rnd.nextBoolean()) {
                b.emit(word ? "pop " + b.dst(16).name() : "pop %" + R64[b.scratchReg(0)], 0, 0, 0);
                b.pushed(word ? -2 : -8);
            }
        } else {
            long image = (b.rnd.nextLong() & (ALL | StatusFlags.DF)) | 0x202;
            b.emit(word ? "pushw " + imm(image) : "pushq " + imm(image), 0, 0, 0);
            b.emit(word ? "popfw" : "popfq", 0, ALL, 0);
            b.df = (image & StatusFlags.DF) != 0 ? 1 : 0;
        }
    }

    /** CBW/CWDE/CDQE/CWD/CDQ/CQO, LAHF/SAHF, CLC/STC/CMC/CLD/STD. */
    static void convertAndFlags(CaseBuilder b) {
        String[] conv = {"cbtw", "cwtl", "cltq", "cwtd", "cltd", "cqto"};
        switch (b.rnd.nextInt(9)) {
            case 0:
            case 1:
            case 2:
                b.emit(conv[b.rnd.nextInt(conv.length)], 0, 0, 0);
                break;
            case 3:
                if (b.features.lahf()) {
                    long f = SF | ZF | AF | PF | CF;
                    b.needFlags(f);
                    b.emit("lahf", f, 0, 0);
                }
                break;
            case 4:
                if (b.features.lahf()) {
                    b.emit("sahf", 0, SF | ZF | AF | PF | CF, 0);
                }
                break;
            case 5:
                b.emit(b.rnd.nextBoolean() ? "clc" : "stc", 0, CF, 0);
                break;
            case 6:
                b.needFlags(CF);
                b.emit("cmc", CF, CF, 0);
                break;
            default:
                boolean std = b.rnd.nextBoolean();
                b.emit(std ? "std" : "cld", 0, 0, 0);
                b.df = std ? 1 : 0;
                break;
        }
    }

    /**
     * MOVS/STOS/LODS/SCAS/CMPS in all widths, with and without REP/REPE/REPNE, DF = 0 and 1,
     * RSI/RDI in the scratch area and RCX in 0..16.
     */
    static void string(CaseBuilder b) {
        String[] ops = {"movs", "stos", "lods", "scas", "cmps"};
        String op = ops[b.rnd.nextInt(ops.length)];
        int w = b.width();
        boolean compares = op.equals("scas") || op.equals("cmps");
        if (b.rnd.nextInt(3) == 0) {
            boolean std = b.rnd.nextBoolean();
            b.emit(std ? "std" : "cld", 0, 0, 0);
            b.df = std ? 1 : 0;
        }
        String prefix = "";
        int count = 1;
        if (b.rnd.nextInt(3) != 0) {
            count = b.rnd.nextInt(0, 17);
            prefix = compares ? (b.rnd.nextBoolean() ? "repe " : "repne ") : "rep ";
            b.setup("mov " + imm(count) + ", %ecx");
        }
        if (!op.equals("stos") && !op.equals("scas")) {
            b.setup("mov $0x" + Long.toHexString(DiffLayout.SCRATCH_BASE + b.rnd.nextInt(0x88, 0x300)) + ", %esi");
        }
        if (!op.equals("lods")) {
            b.setup("mov $0x" + Long.toHexString(DiffLayout.SCRATCH_BASE + b.rnd.nextInt(0x88, 0x300)) + ", %edi");
        }
        long written = compares && count > 0 ? ALL : 0;
        b.emit(prefix + op + suffix(w), 0, written, 0);
        if (b.rnd.nextInt(4) == 0 && b.df == 1) {
            b.emit("cld", 0, 0, 0);
            b.df = 0;
        }
    }

    /** Multi-byte NOPs as GNU as pads code, PAUSE, ENDBR64, and redundant/ignored prefixes. */
    static void nopAndPrefixes(CaseBuilder b) {
        switch (b.rnd.nextInt(10)) {
            case 0:
            case 1:
                b.emit(".nops " + b.rnd.nextInt(1, 12), 0, 0, 0);
                break;
            case 2: {
                String[] nops = {"nop", "xchg %ax, %ax", "nopl %eax", "nopw %ax", "nopl (%rax)",
                    "nopw 0x0(%rax,%rax,1)", "{disp32} nopw %cs:0x0(%rax,%rax,1)", "nopq 0x10(%r8,%r9,4)"};
                b.emit(nops[b.rnd.nextInt(nops.length)], 0, 0, 0);
                break;
            }
            case 3:
                b.emit(b.rnd.nextBoolean() ? "endbr64" : "pause", 0, 0, 0);
                break;
            case 4: {
                // 66 together with REX.W: REX.W wins, the operation is 64-bit.
                String[] ops = {"add", "sub", "xor", "mov", "and"};
                String op = ops[b.rnd.nextInt(ops.length)];
                long f = op.equals("mov") ? 0 : op.equals("xor") || op.equals("and") ? ALL & ~AF : ALL;
                long u = op.equals("xor") || op.equals("and") ? AF : 0;
                b.emit("data16 " + op + " " + b.src(64).name() + ", " + b.dst(64).name(), 0, f, u);
                break;
            }
            case 5: {
                // A REX prefix without bits.
                b.legacy = true;
                b.emit("rex add %" + R32[b.rnd.nextInt(8)] + ", %" + R32[b.scratchReg(0)], 0, ALL, 0);
                break;
            }
            case 6: {
                // Segment overrides CS/DS/ES/SS are ignored in 64-bit mode.
                String[] segs = {"cs", "ds", "es", "ss"};
                int w = b.width();
                String m = b.mem(w, 0);
                b.emit("add %" + segs[b.rnd.nextInt(4)] + ":" + m + ", " + b.dst(w).name(), 0, ALL, 0);
                break;
            }
            case 7: {
                int w = b.width();
                String m = b.mem(w, 0);
                b.emit("{disp32} mov " + m + ", " + b.dst(w).name(), 0, 0, 0);
                break;
            }
            case 8: {
                int w = b.width();
                b.emit("{store} mov " + b.src(w).name() + ", " + b.dst(w).name(), 0, 0, 0);
                break;
            }
            default:
                b.emit("nop", 0, 0, 0);
                break;
        }
    }
}
