package org.hvsim.core.disasm;

import static org.hvsim.core.decode.DecodedInstruction.NO_SEGMENT;

import java.util.List;
import org.hvsim.core.decode.Operand;

/** Operand text in AT&amp;T syntax as GNU objdump prints it: source first, {@code %reg}, {@code $imm}. */
final class AttSyntax {
    private AttSyntax() {
    }

    /** The operands, reversed from Intel order unless {@code keepOrder} (ENTER). */
    static String operands(List<Shown> shown, int addressSize, boolean keepOrder) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < shown.size(); k++) {
            Shown s = shown.get(keepOrder ? k : shown.size() - 1 - k);
            if (s.shiftByOne()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(operand(s, addressSize));
        }
        return sb.toString();
    }

    static String operand(Shown s, int addressSize) {
        Operand op = s.op();
        String text;
        switch (op.kind) {
            case REG:
                text = s.port() ? "(%dx)" : "%" + RegisterNames.of(op, s.size(), false);
                break;
            case IMM:
                text = "$" + Hex.masked(op.imm, op.size);
                break;
            case REL:
                text = Hex.unsigned(op.imm);
                break;
            default:
                text = memory(op, s.segment(), addressSize);
                break;
        }
        return s.indirect() ? "*" + text : text;
    }

    private static String memory(Operand op, int segment, int addressSize) {
        String seg = segment == NO_SEGMENT ? "" : "%" + RegisterNames.segment(segment) + ":";
        if (op.ripRelative) {
            return seg + Hex.signed(op.disp) + (addressSize == 4 ? "(%eip)" : "(%rip)");
        }
        if (op.base == Operand.NONE && op.index == Operand.NONE) {
            return seg + Hex.masked(op.disp, addressSize == 4 && op.dispBytes < 8 ? 4 : 8);
        }
        StringBuilder sb = new StringBuilder(seg);
        if (op.dispBytes > 0) {
            sb.append(Hex.signed(op.disp));
        }
        sb.append('(');
        if (op.base != Operand.NONE) {
            sb.append('%').append(RegisterNames.gpr(op.base, addressSize));
        }
        if (op.index != Operand.NONE) {
            sb.append(",%").append(RegisterNames.gpr(op.index, addressSize)).append(',').append(op.scale);
        }
        return sb.append(')').toString();
    }
}
