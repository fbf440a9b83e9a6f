package org.hvsim.core.disasm;

import static org.hvsim.core.decode.DecodedInstruction.*;

import java.util.ArrayList;
import java.util.List;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.decode.Operand;

/**
 * The prefix words objdump prints before a mnemonic, in encoding order: {@code lock},
 * {@code rep}/{@code repz}/{@code repnz}, {@code notrack}, and the names of prefixes the
 * instruction does not use ({@code data16}, {@code addr32}, {@code cs}, {@code ds}, ...).
 * In 64-bit mode the CS, DS, ES and SS overrides have no effect, so objdump names them as
 * words instead of printing them on the memory operand; FS and GS appear on the operand.
 */
final class PrefixWords {
    private static final String[] SEGMENT_WORDS = {"es", "cs", "ss", "ds", "fs", "gs"};

    private PrefixWords() {
    }

    static List<String> of(DecodedInstruction d, Encoding enc) {
        List<String> words = new ArrayList<>(2);
        int[] p = enc.prefixes;
        int lastOpsize = lastIndexOf(p, 0x66);
        int lastSegment = lastSegmentIndex(p);
        boolean memory = hasMemoryOperand(d);
        for (int i = 0; i < p.length; i++) {
            int b = p[i];
            switch (b) {
                case 0xF0:
                    words.add("lock");
                    break;
                case 0xF3:
                    if (i == lastIndexOf(p, 0xF3) && d.has(PREFIX_REP)) {
                        words.add(isPlainRep(d.mnemonic) ? "rep" : "repz");
                    }
                    break;
                case 0xF2:
                    if (i == lastIndexOf(p, 0xF2) && d.has(PREFIX_REPNE)) {
                        words.add(isBranch(d) ? "bnd" : "repnz");
                    }
                    break;
                case 0x66:
                    if (i != lastOpsize || !opsizeUsed(d)) {
                        words.add("data16");
                    }
                    break;
                case 0x67:
                    if (!memory && !usesAddressSize(d.mnemonic)) {
                        words.add("addr32");
                    }
                    break;
                default:
                    segmentWord(d, b, i == lastSegment, memory, words);
                    break;
            }
        }
        return words;
    }

    private static void segmentWord(DecodedInstruction d, int b, boolean last, boolean memory, List<String> words) {
        int segment = segmentOf(b);
        if (segment < 0) {
            return;
        }
        if (last && (segment == FS || segment == GS) && (memory || isString(d.mnemonic))) {
            return; // printed on the memory operand
        }
        if (last && isString(d.mnemonic) && segment != ES) {
            return; // printed on the source operand
        }
        if (last && segment == DS && isIndirectBranch(d)) {
            words.add("notrack");
            return;
        }
        words.add(SEGMENT_WORDS[segment]);
    }

    private static boolean opsizeUsed(DecodedInstruction d) {
        // The decoder clears PREFIX_OPSIZE when 66 served as a mandatory prefix.
        return !d.has(PREFIX_OPSIZE) || d.operandSize == 2;
    }

    private static boolean usesAddressSize(Mnemonic m) {
        return isString(m) || m == Mnemonic.JRCXZ || m == Mnemonic.JECXZ || m == Mnemonic.LOOP
                || m == Mnemonic.LOOPE || m == Mnemonic.LOOPNE || m == Mnemonic.MONITOR;
    }

    private static boolean isPlainRep(Mnemonic m) {
        return m == Mnemonic.MOVS || m == Mnemonic.STOS || m == Mnemonic.LODS || m == Mnemonic.INS
                || m == Mnemonic.OUTS;
    }

    static boolean isString(Mnemonic m) {
        return isPlainRep(m) || m == Mnemonic.CMPS || m == Mnemonic.SCAS || m == Mnemonic.XLAT;
    }

    private static boolean isBranch(DecodedInstruction d) {
        Mnemonic m = d.mnemonic;
        return m == Mnemonic.JMP || m == Mnemonic.CALL || m == Mnemonic.RET || m == Mnemonic.JCC;
    }

    private static boolean isIndirectBranch(DecodedInstruction d) {
        return (d.mnemonic == Mnemonic.JMP || d.mnemonic == Mnemonic.CALL)
                && d.operandCount() == 1 && d.operand(0).kind != Operand.Kind.REL;
    }

    private static boolean hasMemoryOperand(DecodedInstruction d) {
        for (Operand op : d.operands) {
            if (op.isMemory()) {
                return true;
            }
        }
        return false;
    }

    private static int segmentOf(int prefix) {
        switch (prefix) {
            case 0x26: return ES;
            case 0x2E: return CS;
            case 0x36: return SS;
            case 0x3E: return DS;
            case 0x64: return FS;
            case 0x65: return GS;
            default: return -1;
        }
    }

    private static int lastSegmentIndex(int[] p) {
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (segmentOf(p[i]) >= 0) {
                last = i;
            }
        }
        return last;
    }

    private static int lastIndexOf(int[] p, int value) {
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == value) {
                last = i;
            }
        }
        return last;
    }
}
