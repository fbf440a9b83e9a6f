package org.hvsim.core.disasm;

import static org.hvsim.core.decode.DecodedInstruction.NO_SEGMENT;

import java.util.List;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Operand;

/** Operand text in Intel syntax as {@code objdump -M intel} prints it: destination first, SIZE PTR [..]. */
final class IntelSyntax {
    private IntelSyntax() {
    }

    static String operands(DecodedInstruction d, List<Shown> shown) {
        StringBuilder sb = new StringBuilder();
        for (Shown s : shown) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(operand(d, s));
        }
        return sb.toString();
    }

    static String operand(DecodedInstruction d, Shown s) {
        Operand op = s.op();
        switch (op.kind) {
            case REG:
                return s.port() ? "dx" : RegisterNames.of(op, s.size(), true);
            case IMM:
                return s.shiftByOne() ? "1" : Hex.masked(op.imm, op.size);
            case REL:
                return Hex.unsigned(op.imm);
            default:
                return (s.moffs() ? "" : sizePtr(d, op)) + memory(op, s.segment(), d.addressSize);
        }
    }

    /** The {@code DWORD PTR } size keyword objdump puts before a memory operand, if any. */
    private static String sizePtr(DecodedInstruction d, Operand op) {
        switch (d.mnemonic) {
            case LEA: case LGDT: case LIDT: case SGDT: case SIDT: case INVPCID:
                return "";
            default:
                break;
        }
        switch (op.size) {
            case 0: case 1: return "BYTE PTR ";
            case 2: return "WORD PTR ";
            case 4: return "DWORD PTR ";
            case 6: return "FWORD PTR ";
            case 8: return "QWORD PTR ";
            case 10: return "TBYTE PTR ";
            case 16: return "OWORD PTR ";
            default: return "";
        }
    }

    private static String memory(Operand op, int segment, int addressSize) {
        String seg = segment == NO_SEGMENT ? "" : RegisterNames.segment(segment) + ":";
        if (op.ripRelative) {
            return seg + "[" + (addressSize == 4 ? "eip" : "rip") + "+" + Hex.unsigned(op.disp) + "]";
        }
        if (op.base == Operand.NONE && op.index == Operand.NONE) {
            return (seg.isEmpty() ? "ds:" : seg) + Hex.masked(op.disp, addressSize == 4 && op.dispBytes < 8 ? 4 : 8);
        }
        StringBuilder sb = new StringBuilder(seg).append('[');
        if (op.base != Operand.NONE) {
            sb.append(RegisterNames.gpr(op.base, addressSize));
        }
        if (op.index != Operand.NONE) {
            if (op.base != Operand.NONE) {
                sb.append('+');
            }
            sb.append(RegisterNames.gpr(op.index, addressSize)).append('*').append(op.scale);
        }
        if (op.dispBytes > 0) {
            sb.append(op.disp < 0 ? "-" : "+").append(Hex.unsigned(Math.abs(op.disp)));
        }
        return sb.append(']').toString();
    }
}
