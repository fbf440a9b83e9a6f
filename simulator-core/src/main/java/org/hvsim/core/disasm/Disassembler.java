package org.hvsim.core.disasm;

import java.util.ArrayList;
import java.util.List;
import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.decode.Operand;

/**
 * Formats decoded instructions the way GNU objdump (binutils 2.40) prints them, in AT&amp;T
 * syntax ({@code objdump -d}) or Intel syntax ({@code objdump -d -M intel}). Branch targets and
 * RIP-relative addresses are printed as hex addresses, as objdump does for a stripped binary.
 *
 * <p>The work is split into small tables: {@link PrefixWords} (prefixes printed as words),
 * {@link MnemonicNames} (mnemonic spelling and AT&amp;T size suffixes), {@link OperandLayout}
 * (which operands are shown), {@link AttSyntax} / {@link IntelSyntax} (operand text) and
 * {@link ObjdumpLine} (address and raw-byte columns). Stateless and thread-safe.
 */
public final class Disassembler {
    /** Assembly syntax. */
    public enum Syntax { ATT, INTEL }

    /** objdump pads the mnemonic (with its prefix words) to this width before the operands. */
    private static final int MNEMONIC_WIDTH = 6;

    /** The instruction text, e.g. {@code "mov    %rsp,%rbp"} or {@code "mov    rbp,rsp"}. */
    public String format(DecodedInstruction d, Syntax syntax) {
        boolean intel = syntax == Syntax.INTEL;
        Encoding enc = Encoding.of(d);
        if (d.mnemonic == Mnemonic.INVALID) {
            return "(bad)";
        }
        List<Shown> shown = OperandLayout.of(d, enc, intel);
        StringBuilder sb = new StringBuilder();
        for (String word : PrefixWords.of(d, enc)) {
            sb.append(word).append(' ');
        }
        sb.append(MnemonicNames.name(d, enc, shown, intel));
        String operands = intel
                ? IntelSyntax.operands(d, shown)
                : AttSyntax.operands(shown, d.addressSize, keepsIntelOrder(d.mnemonic));
        if (d.mnemonic == Mnemonic.NOP && d.operandCount() == 0 && d.operandSize == 2) {
            operands = intel ? "ax,ax" : "%ax,%ax"; // 66 90 is printed as the XCHG it encodes
        }
        if (operands.isEmpty()) {
            return sb.toString();
        }
        while (sb.length() < MNEMONIC_WIDTH) {
            sb.append(' ');
        }
        sb.append(' ').append(operands);
        Operand rip = ripRelativeOperand(d);
        if (rip != null) {
            sb.append("        # ").append(Hex.unsigned(rip.imm));
        }
        return sb.toString();
    }

    /**
     * objdump's full listing line(s) for the instruction: address, up to 7 raw bytes, the text;
     * longer instructions continue on further lines carrying only address and bytes.
     */
    public String formatLine(DecodedInstruction d, Syntax syntax) {
        return formatLine(d, syntax, ObjdumpLine.DEFAULT_ADDRESS_WIDTH);
    }

    /** {@link #formatLine(DecodedInstruction, Syntax)} with an address column {@code addressWidth} wide. */
    public String formatLine(DecodedInstruction d, Syntax syntax, int addressWidth) {
        return ObjdumpLine.of(d.address, d.bytes, format(d, syntax), addressWidth);
    }

    /**
     * The address column width objdump uses for a section ending at {@code sectionEnd}: four hex
     * digits for sections below 0x1000, eight up to 0x10000000, and so on.
     */
    public static int addressWidth(long sectionEnd) {
        return ObjdumpLine.addressWidth(sectionEnd);
    }

    /** Decodes {@code code} placed at {@code base} sequentially and formats every instruction. */
    public List<String> disassemble(byte[] code, long base, Syntax syntax) {
        Decoder decoder = new Decoder();
        ByteSource source = ByteSource.of(code, base);
        List<String> lines = new ArrayList<>();
        long address = base;
        int width = addressWidth(base + code.length);
        while (address < base + code.length) {
            DecodedInstruction d = decoder.decode(address, source);
            lines.add(formatLine(d, syntax, width));
            address += d.length;
        }
        return lines;
    }

    /** Instructions whose AT&T operands objdump prints in Intel order. */
    private static boolean keepsIntelOrder(Mnemonic m) {
        return m == Mnemonic.ENTER || m == Mnemonic.MONITOR || m == Mnemonic.MWAIT;
    }

    private static Operand ripRelativeOperand(DecodedInstruction d) {
        for (Operand op : d.operands) {
            if (op.isMemory() && op.ripRelative) {
                return op;
            }
        }
        return null;
    }
}
