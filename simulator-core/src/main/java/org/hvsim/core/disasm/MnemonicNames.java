package org.hvsim.core.disasm;

import static org.hvsim.core.decode.Mnemonic.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.decode.Operand;
import org.hvsim.core.decode.RegisterClass;

/**
 * Mnemonic text as GNU objdump prints it in AT&amp;T and Intel syntax: the condition-code
 * families, the AT&amp;T size suffixes and the names that differ between the two syntaxes.
 */
final class MnemonicNames {
    /** tttn condition names (SDM Vol. 1 Appendix B), in objdump's spelling. */
    private static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a",
        "s", "ns", "p", "np", "l", "ge", "le", "g"};
    private static final char[] SUFFIX = {'?', 'b', 'w', '?', 'l', '?', '?', '?', 'q'};

    /** Names identical in both syntaxes that differ from {@link Mnemonic#baseName()}. */
    private static final Map<Mnemonic, String> COMMON = new EnumMap<>(Mnemonic.class);
    /** AT&amp;T-only names. */
    private static final Map<Mnemonic, String> ATT = new EnumMap<>(Mnemonic.class);
    /** Intel-only names. */
    private static final Map<Mnemonic, String> INTEL = new EnumMap<>(Mnemonic.class);
    /**
     * Instructions whose operand size AT&amp;T shows as a suffix when no register operand
     * tells it (memory and immediate operands only).
     */
    private static final Set<Mnemonic> SIZED = EnumSet.of(ADD, OR, ADC, SBB, AND, SUB, XOR, CMP,
        INC, DEC, NEG, NOT, TEST, MOV, MUL, IMUL, DIV, IDIV, ROL, ROR, RCL, RCR, SHL, SHR, SAR,
        BT, BTS, BTR, BTC, NOP, XCHG, CMPXCHG, XADD);
    private static final Set<Mnemonic> SHIFTS = EnumSet.of(ROL, ROR, RCL, RCR, SHL, SHR, SAR);
    /** String instructions that AT&amp;T always spells with a suffix (no register operand). */
    private static final Set<Mnemonic> ALWAYS_SUFFIXED = EnumSet.of(MOVS, CMPS, INS, OUTS);

    static {
        COMMON.put(INVALID, "(bad)");
        COMMON.put(MOV_CR, "mov");
        COMMON.put(MOV_DR, "mov");
        COMMON.put(MOV_SREG, "mov");
        COMMON.put(PUSH_SREG, "push");
        COMMON.put(POP_SREG, "pop");
        ATT.put(CALL_FAR, "lcall");
        ATT.put(JMP_FAR, "ljmp");
        ATT.put(RET_FAR, "lret");
        ATT.put(CBW, "cbtw");
        ATT.put(CWDE, "cwtl");
        ATT.put(CDQE, "cltq");
        ATT.put(CWD, "cwtd");
        ATT.put(CDQ, "cltd");
        ATT.put(CQO, "cqto");
        INTEL.put(CALL_FAR, "call");
        INTEL.put(JMP_FAR, "jmp");
        INTEL.put(RET_FAR, "retf");
    }

    private MnemonicNames() {
    }

    static String name(DecodedInstruction d, Encoding enc, List<Shown> shown, boolean intel) {
        Mnemonic m = d.mnemonic;
        String special = special(d, enc, intel);
        if (special != null) {
            return special;
        }
        String fixed = (intel ? INTEL : ATT).get(m);
        if (fixed == null) {
            fixed = COMMON.get(m);
        }
        String name = fixed != null ? fixed : m.baseName();
        if (!intel && needsSuffix(d, shown)) {
            name += suffix(d.operandSize);
        }
        return name;
    }

    /** Names that depend on the encoding or operand size rather than on the mnemonic alone. */
    private static String special(DecodedInstruction d, Encoding enc, boolean intel) {
        switch (d.mnemonic) {
            case JCC: return "j" + CONDITIONS[d.condition];
            case SETCC: return "set" + CONDITIONS[d.condition];
            case CMOVCC: return "cmov" + CONDITIONS[d.condition];
            case MOVZX: case MOVSX:
                if (intel) {
                    return d.mnemonic.baseName();
                }
                return (d.mnemonic == MOVZX ? "movz" : "movs") + suffix(d.operand(1).size) + suffix(d.operandSize);
            case MOVSXD:
                return !intel && d.operandSize == 8 ? "movslq" : "movsxd";
            case MOV:
                return isMovabs(d, enc) ? "movabs" : null;
            case IRET:
                return d.operandSize == 8 ? "iretq" : d.operandSize == 2 ? "iretw" : "iret";
            case SYSRET: case SYSEXIT:
                return d.mnemonic.baseName() + (d.has(DecodedInstruction.PREFIX_REX_W) ? "q" : intel ? "d" : "l");
            case RET_FAR:
                return (intel ? "retf" : "lret") + sizeLetter(d.operandSize, "");
            case PUSHF: case POPF:
                return d.mnemonic.baseName() + (d.operandSize == 2 ? "w" : "");
            case PREFETCH:
                return prefetchName(enc);
            case NOP:
                if (d.operandCount() == 0 && d.operandSize == 2) {
                    return "xchg";
                }
                return null;
            default:
                if (!intel && ALWAYS_SUFFIXED.contains(d.mnemonic)) {
                    return d.mnemonic.baseName() + suffix(d.operandSize);
                }
                return null;
        }
    }

    /** B8+r with REX.W (a 64-bit immediate) and the A0-A3 moffs forms. */
    private static boolean isMovabs(DecodedInstruction d, Encoding enc) {
        if (!enc.twoByte && enc.opcode >= 0xB8 && enc.opcode <= 0xBF && d.operandSize == 8) {
            return true;
        }
        return !enc.twoByte && enc.opcode >= 0xA0 && enc.opcode <= 0xA3;
    }

    private static String prefetchName(Encoding enc) {
        int reg = enc.modrmReg();
        if (enc.opcode == 0x0D) {
            return reg == 1 ? "prefetchw" : reg == 2 ? "prefetchwt1" : "prefetch";
        }
        switch (reg) {
            case 0: return "prefetchnta";
            case 1: return "prefetcht0";
            case 2: return "prefetcht1";
            case 3: return "prefetcht2";
            default: return "nopl";
        }
    }

    private static boolean needsSuffix(DecodedInstruction d, List<Shown> shown) {
        if (d.mnemonic == PUSH || d.mnemonic == POP) {
            return d.operandSize == 2 && !hasSizingRegister(d, shown);
        }
        if (!SIZED.contains(d.mnemonic)) {
            return false;
        }
        boolean memory = false;
        for (Shown s : shown) {
            memory |= s.op().isMemory();
        }
        return memory && !hasSizingRegister(d, shown);
    }

    private static boolean hasSizingRegister(DecodedInstruction d, List<Shown> shown) {
        for (int i = 0; i < shown.size(); i++) {
            Operand op = shown.get(i).op();
            if (SHIFTS.contains(d.mnemonic) && i > 0) {
                continue;
            }
            if (op.kind == Operand.Kind.REG
                    && (op.regClass == RegisterClass.GPR || op.regClass == RegisterClass.GPR_HIGH8)) {
                return true;
            }
        }
        return false;
    }

    /** "w" or "q" for a 16- or 64-bit form whose default is 32 bits; {@code otherwise} for 32. */
    private static String sizeLetter(int size, String otherwise) {
        return size == 2 ? "w" : size == 8 ? "q" : otherwise;
    }

    static String suffix(int size) {
        return size >= 1 && size <= 8 ? String.valueOf(SUFFIX[size]) : "";
    }
}
