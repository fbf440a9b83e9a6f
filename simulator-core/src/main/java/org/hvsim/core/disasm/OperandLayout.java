package org.hvsim.core.disasm;

import static org.hvsim.core.decode.DecodedInstruction.DS;
import static org.hvsim.core.decode.DecodedInstruction.ES;
import static org.hvsim.core.decode.DecodedInstruction.FS;
import static org.hvsim.core.decode.DecodedInstruction.GS;
import static org.hvsim.core.decode.DecodedInstruction.NO_SEGMENT;

import java.util.ArrayList;
import java.util.List;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.decode.Operand;

/**
 * Decides which operands objdump shows for an instruction, in Intel order: the explicit
 * operands, plus the implicit ones it prints for string instructions, XLAT and MONITOR/MWAIT.
 */
final class OperandLayout {
    private static final int RSI = 6;
    private static final int RDI = 7;
    private static final int RBX = 3;
    private static final int RDX = 2;

    private OperandLayout() {
    }

    static List<Shown> of(DecodedInstruction d, Encoding enc, boolean intel) {
        List<Shown> shown = new ArrayList<>(4);
        int size = d.operandSize;
        switch (d.mnemonic) {
            case MOVS:
                shown.add(stringMem(d, size, RDI, ES));
                shown.add(stringMem(d, size, RSI, sourceSegment(d)));
                return shown;
            case CMPS:
                shown.add(stringMem(d, size, RSI, sourceSegment(d)));
                shown.add(stringMem(d, size, RDI, ES));
                return shown;
            case STOS:
                shown.add(stringMem(d, size, RDI, ES));
                shown.add(accumulator(size));
                return shown;
            case LODS:
                shown.add(accumulator(size));
                shown.add(stringMem(d, size, RSI, sourceSegment(d)));
                return shown;
            case SCAS:
                shown.add(accumulator(size));
                shown.add(stringMem(d, size, RDI, ES));
                return shown;
            case INS:
                shown.add(stringMem(d, size, RDI, ES));
                shown.add(port());
                return shown;
            case OUTS:
                shown.add(port());
                shown.add(stringMem(d, size, RSI, sourceSegment(d)));
                return shown;
            case XLAT:
                shown.add(stringMem(d, 1, RBX, sourceSegment(d)));
                return shown;
            case MONITOR:
                if (!intel) {
                    shown.add(gpr(0, d.addressSize));
                    shown.add(gpr(1, 4));
                    shown.add(gpr(2, 4));
                }
                return shown;
            case MWAIT:
                if (!intel) {
                    shown.add(gpr(0, 4));
                    shown.add(gpr(1, 4));
                }
                return shown;
            default:
                break;
        }
        boolean branch = isIndirectCapable(d.mnemonic);
        boolean shiftByOne = enc.oneByte(0xD0) || enc.oneByte(0xD1);
        for (int i = 0; i < d.operands.length; i++) {
            Operand op = d.operands[i];
            int segment = op.isMemory() && (d.segment == FS || d.segment == GS) ? d.segment : NO_SEGMENT;
            boolean indirect = branch && op.kind != Operand.Kind.REL;
            boolean port = (d.mnemonic == Mnemonic.IN || d.mnemonic == Mnemonic.OUT)
                    && op.isGpr() && op.reg == RDX && op.size == 2;
            boolean one = shiftByOne && i == 1 && op.isImmediate();
            boolean moffs = op.isMemory() && !enc.twoByte && enc.opcode >= 0xA0 && enc.opcode <= 0xA3;
            shown.add(new Shown(op, op.size, segment, indirect, port, one, moffs));
        }
        return shown;
    }

    private static boolean isIndirectCapable(Mnemonic m) {
        return m == Mnemonic.CALL || m == Mnemonic.JMP || m == Mnemonic.CALL_FAR || m == Mnemonic.JMP_FAR;
    }

    private static int sourceSegment(DecodedInstruction d) {
        return d.segment == NO_SEGMENT ? DS : d.segment;
    }

    private static Shown stringMem(DecodedInstruction d, int size, int base, int segment) {
        return new Shown(Operand.memory(size, base, Operand.NONE, 1, 0, 0), size, segment, false, false, false);
    }

    private static Shown accumulator(int size) {
        return gpr(0, size);
    }

    private static Shown gpr(int reg, int size) {
        return new Shown(Operand.gpr(reg, size), size, NO_SEGMENT, false, false, false);
    }

    private static Shown port() {
        return new Shown(Operand.gpr(RDX, 2), 2, NO_SEGMENT, false, true, false);
    }
}
