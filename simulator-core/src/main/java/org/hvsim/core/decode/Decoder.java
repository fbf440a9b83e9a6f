package org.hvsim.core.decode;

import static org.hvsim.core.decode.DecodedInstruction.*;

import org.hvsim.core.decode.OpcodeTable.Entry;

/**
 * Decodes x86-64 instructions in 64-bit mode (Intel SDM Vol. 2A ch. 2): legacy prefixes, REX,
 * the one-byte, 0F and 0F 38 opcode maps, ModRM/SIB addressing including RIP-relative forms,
 * every displacement and immediate width.
 *
 * <p>An encoding that is invalid in 64-bit mode, or that hvsim does not implement, decodes to
 * {@link Mnemonic#INVALID} with the bytes consumed so far; executing it raises #UD. Decoding is
 * not on the per-instruction path (results are cached), so clarity wins over speed here.
 * Instances are not thread-safe.
 */
public final class Decoder {
    /** Architectural limit on instruction length (SDM Vol. 2A 2.3.11). */
    public static final int MAX_LENGTH = 15;

    private static final OpcodeTable TABLE = new OpcodeTable();

    // Per-decode working state.
    private ByteSource src;
    private long start;
    private int pos;
    private int prefixes;
    private int segment;
    private int rex;
    private int lastMandatory; // last of 66/F2/F3 seen, for mandatory-prefix selection
    private int modrm;
    private int sibBase;
    private int sibIndex;
    private int sibScale;
    private long disp;
    private int dispBytes;
    private boolean ripRelative;
    private boolean noBase;

    /** Decodes the instruction at {@code address}. Never throws for bad encodings. */
    public DecodedInstruction decode(long address, ByteSource source) {
        this.src = source;
        this.start = address;
        this.pos = 0;
        this.prefixes = 0;
        this.segment = NO_SEGMENT;
        this.rex = 0;
        this.lastMandatory = 0;
        try {
            return decodeInstruction();
        } catch (TooLong | IndexOutOfBoundsException e) {
            return invalid();
        }
    }

    private static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super(null, null, false, false);
        }
    }

    private int next() {
        if (pos >= MAX_LENGTH) {
            throw new TooLong();
        }
        int value = src.byteAt(start + pos) & 0xFF; // may throw: pos counts only bytes that exist
        pos++;
        return value;
    }

    private int peek() {
        if (pos >= MAX_LENGTH) {
            throw new TooLong();
        }
        return src.byteAt(start + pos) & 0xFF;
    }

    private DecodedInstruction decodeInstruction() {
        int b;
        while (true) {
            b = next();
            switch (b) {
                case 0xF0: prefixes |= PREFIX_LOCK; rex = 0; continue;
                case 0xF2: prefixes = (prefixes & ~PREFIX_REP) | PREFIX_REPNE; lastMandatory = b; rex = 0; continue;
                case 0xF3: prefixes = (prefixes & ~PREFIX_REPNE) | PREFIX_REP; lastMandatory = b; rex = 0; continue;
                case 0x66: prefixes |= PREFIX_OPSIZE; if (lastMandatory == 0) lastMandatory = b; rex = 0; continue;
                case 0x67: prefixes |= PREFIX_ADDRSIZE; rex = 0; continue;
                case 0x26: segment = ES; prefixes |= PREFIX_SEGMENT; rex = 0; continue;
                case 0x2E: segment = CS; prefixes |= PREFIX_SEGMENT; rex = 0; continue;
                case 0x36: segment = SS; prefixes |= PREFIX_SEGMENT; rex = 0; continue;
                case 0x3E: segment = DS; prefixes |= PREFIX_SEGMENT; rex = 0; continue;
                case 0x64: segment = FS; prefixes |= PREFIX_SEGMENT; rex = 0; continue;
                case 0x65: segment = GS; prefixes |= PREFIX_SEGMENT; rex = 0; continue;
                default: break;
            }
            if ((b & 0xF0) == 0x40) {
                // REX counts only when it immediately precedes the opcode; a legacy prefix after
                // it cancels it (handled above by rex = 0).
                rex = b;
                continue;
            }
            break;
        }
        if (rex != 0) {
            prefixes |= PREFIX_REX;
            if ((rex & 8) != 0) {
                prefixes |= PREFIX_REX_W;
            }
        }

        Entry entry;
        if (b == 0x0F) {
            int b2 = next();
            if (b2 == 0x38) {
                int b3 = next();
                entry = (prefixes & PREFIX_OPSIZE) != 0 ? TABLE.threeByte38With66[b3] : null;
                if (entry == null) {
                    entry = TABLE.threeByte38[b3]; // MOVBE: 66 is an operand-size override here
                }
                if (entry != null && entry.mnemonic() != Mnemonic.MOVBE) {
                    prefixes &= ~PREFIX_OPSIZE; // mandatory prefix, not an operand-size override
                }
                if (entry != null && entry.mnemonic() == Mnemonic.MOVBE && (prefixes & (PREFIX_REP | PREFIX_REPNE)) != 0) {
                    entry = null;
                }
            } else if (b2 == 0x3A) {
                entry = null;
            } else {
                entry = TABLE.twoByte[b2];
                entry = applyTwoBytePrefixes(b2, entry);
            }
            if (entry == null) {
                return invalid();
            }
            return decodeEntry(entry, b2, true);
        }
        entry = TABLE.oneByte[b];
        if (entry == null) {
            return invalid();
        }
        return decodeEntry(entry, b, false);
    }

    /** Mandatory-prefix variants of the 0F map (SDM Vol. 2A 2.1.2). */
    private Entry applyTwoBytePrefixes(int opcode, Entry entry) {
        boolean f3 = (prefixes & PREFIX_REP) != 0;
        switch (opcode) {
            case 0xB8:
                if (!f3) {
                    return null; // JMPE (IA-64) does not exist in 64-bit mode
                }
                prefixes &= ~PREFIX_REP;
                return entry;
            case 0xBC:
            case 0xBD:
                if (f3) {
                    prefixes &= ~PREFIX_REP;
                    return new Entry(opcode == 0xBC ? Mnemonic.TZCNT : Mnemonic.LZCNT, entry.operands(),
                            entry.flags(), -1, null, null);
                }
                return entry;
            case 0x1E:
                if (f3 && peek() == 0xFA) {
                    next();
                    prefixes &= ~PREFIX_REP;
                    return new Entry(Mnemonic.ENDBR64, new OperandSpec[0], 0, -1, null, null);
                }
                if (f3 && peek() == 0xFB) {
                    next();
                    prefixes &= ~PREFIX_REP;
                    return new Entry(Mnemonic.ENDBR32, new OperandSpec[0], 0, -1, null, null);
                }
                return entry;
            default:
                return entry;
        }
    }

    private DecodedInstruction decodeEntry(Entry entry, int opcode, boolean twoByte) {
        Mnemonic mnemonic = entry.mnemonic();
        int flags = entry.flags();
        int condition = entry.condition();
        OperandSpec[] specs = entry.operands();
        boolean hasModrm = entry.needsModrm();
        int mod = 0;
        int reg = 0;
        if (hasModrm) {
            modrm = next();
            mod = modrm >>> 6;
            reg = (modrm >>> 3) & 7;
            if (entry.group() != null) {
                if (twoByte && opcode == 0x01 && mod == 3) {
                    Mnemonic m = TABLE.group7Register.get(modrm);
                    if (m != null) {
                        return finish(m, 0, -1, new Operand[0]);
                    }
                }
                Entry member = mod == 3 && entry.registerGroup() != null
                        ? entry.registerGroup()[reg] : entry.group()[reg];
                if (member == null) {
                    return invalid();
                }
                member = applyGroup9Prefixes(twoByte, opcode, mod, reg, member);
                if (member == null) {
                    return invalid();
                }
                mnemonic = member.mnemonic();
                flags = member.flags();
                specs = member.operands();
                condition = member.condition();
            }
            if (mod == 3 && (flags & OpcodeTable.MEM_ONLY) != 0) {
                return invalid();
            }
            if (mod != 3 && (flags & OpcodeTable.REG_ONLY) != 0) {
                return invalid();
            }
            decodeAddressing(mod, specs);
        }

        int opSize = operandSize(flags);
        if (mnemonic == Mnemonic.NOP && !twoByte && opcode == 0x90) {
            if ((rex & 1) != 0) {
                mnemonic = Mnemonic.XCHG; // 41 90 is xchg %eax,%r8d, not a NOP
                specs = new OperandSpec[] {OperandSpec.Zv, OperandSpec.rAX};
            } else if ((prefixes & PREFIX_REP) != 0) {
                mnemonic = Mnemonic.PAUSE;
                prefixes &= ~PREFIX_REP;
            }
        }
        if (mnemonic == Mnemonic.CWDE) {
            mnemonic = opSize == 2 ? Mnemonic.CBW : opSize == 4 ? Mnemonic.CWDE : Mnemonic.CDQE;
        } else if (mnemonic == Mnemonic.CDQ) {
            mnemonic = opSize == 2 ? Mnemonic.CWD : opSize == 4 ? Mnemonic.CDQ : Mnemonic.CQO;
        } else if (mnemonic == Mnemonic.JRCXZ && (prefixes & PREFIX_ADDRSIZE) != 0) {
            mnemonic = Mnemonic.JECXZ;
        } else if (mnemonic == Mnemonic.CMPXCHG8B && (prefixes & PREFIX_REX_W) != 0) {
            mnemonic = Mnemonic.CMPXCHG16B;
            specs = new OperandSpec[] {OperandSpec.Mdq};
        }

        // Immediates follow the displacement; build operands in order.
        Operand[] operands = new Operand[specs.length];
        int memIndex = -1;
        for (int i = 0; i < specs.length; i++) {
            operands[i] = operand(specs[i], opSize, opcode);
            if (operands[i] == null) {
                memIndex = i;
            }
        }
        if (memIndex >= 0) {
            operands[memIndex] = memoryOperand(memorySize(specs[memIndex], opSize));
        }
        if ((prefixes & PREFIX_LOCK) != 0) {
            boolean memDest = operands.length > 0 && operands[0].isMemory();
            if ((flags & OpcodeTable.LOCKABLE) == 0 || !memDest) {
                return invalid();
            }
        }
        return finish(mnemonic, opSize, condition, operands);
    }

    /** 0F C7 /6 selects VMPTRLD (no prefix), VMCLEAR (66) or VMXON (F3); /7 VMPTRST takes none. */
    private Entry applyGroup9Prefixes(boolean twoByte, int opcode, int mod, int reg, Entry member) {
        if (!twoByte || opcode != 0xC7 || mod == 3 || reg < 6) {
            return member;
        }
        if (reg == 6) {
            if ((prefixes & PREFIX_REP) != 0) {
                prefixes &= ~PREFIX_REP;
                return new Entry(Mnemonic.VMXON, member.operands(), member.flags(), -1, null, null);
            }
            if ((prefixes & PREFIX_OPSIZE) != 0) {
                prefixes &= ~PREFIX_OPSIZE;
                return new Entry(Mnemonic.VMCLEAR, member.operands(), member.flags(), -1, null, null);
            }
        }
        return member;
    }

    private int operandSize(int flags) {
        if ((flags & OpcodeTable.BYTE) != 0) {
            return 1;
        }
        boolean w = (rex & 8) != 0;
        boolean o16 = (prefixes & PREFIX_OPSIZE) != 0;
        if ((flags & OpcodeTable.F64) != 0) {
            return 8;
        }
        if ((flags & OpcodeTable.NO64) != 0) {
            return o16 ? 2 : 4;
        }
        if (w) {
            return 8;
        }
        if (o16) {
            return 2;
        }
        return (flags & OpcodeTable.D64) != 0 ? 8 : 4;
    }

    private void decodeAddressing(int mod, OperandSpec[] specs) {
        ripRelative = false;
        noBase = false;
        sibBase = Operand.NONE;
        sibIndex = Operand.NONE;
        sibScale = 1;
        disp = 0;
        dispBytes = 0;
        if (mod == 3) {
            return;
        }
        int rm = modrm & 7;
        if (rm == 4) {
            int sib = next();
            int scaleBits = sib >>> 6;
            int index = ((sib >>> 3) & 7) | ((rex & 2) << 2);
            int base = (sib & 7) | ((rex & 1) << 3);
            sibScale = 1 << scaleBits;
            sibIndex = index == 4 ? Operand.NONE : index;
            if ((sib & 7) == 5 && mod == 0) {
                noBase = true;
                sibBase = Operand.NONE;
                disp = readSigned(4);
                dispBytes = 4;
            } else {
                sibBase = base;
            }
        } else if (rm == 5 && mod == 0) {
            ripRelative = true;
            disp = readSigned(4);
            dispBytes = 4;
        } else {
            sibBase = rm | ((rex & 1) << 3);
        }
        if (mod == 1) {
            disp = readSigned(1);
            dispBytes = 1;
        } else if (mod == 2) {
            disp = readSigned(4);
            dispBytes = 4;
        }
    }

    private long readSigned(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) next() << (8 * i);
        }
        int shift = 64 - 8 * bytes;
        return v << shift >> shift;
    }

    private long readUnsigned(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) next() << (8 * i);
        }
        return v;
    }

    /** Builds a non-memory operand, or returns null for the ModRM memory operand (built last). */
    private Operand operand(OperandSpec spec, int opSize, int opcode) {
        int mod = modrm >>> 6;
        int reg = ((modrm >>> 3) & 7) | ((rex & 4) << 1);
        int rm = (modrm & 7) | ((rex & 1) << 3);
        switch (spec) {
            case Eb: return mod == 3 ? gpr8(rm) : null;
            case Ew: return mod == 3 ? Operand.gpr(rm, 2) : null;
            case Ed: return mod == 3 ? Operand.gpr(rm, 4) : null;
            case Ev: case MwRv: return mod == 3 ? Operand.gpr(rm, opSize) : null;
            case Eq: return mod == 3 ? Operand.gpr(rm, 8) : null;
            case Rq: return Operand.gpr(rm, 8);
            case M: case Mv: case Mq: case Mdq: case Mp: case Ms: return null;
            case Gb: return gpr8(reg);
            case Gw: return Operand.gpr(reg, 2);
            case Gv: return Operand.gpr(reg, opSize);
            case Gq: return Operand.gpr(reg, 8);
            case Zb: return gpr8((opcode & 7) | ((rex & 1) << 3));
            case Zv: return Operand.gpr((opcode & 7) | ((rex & 1) << 3), opSize);
            case AL: return Operand.gpr(0, 1);
            case rAX: return Operand.gpr(0, opSize);
            case eAX: return Operand.gpr(0, opSize);
            case CL: return Operand.gpr(1, 1);
            case DX: return Operand.gpr(2, 2);
            case ONE: return Operand.immediate(1, 1);
            case Sw: return Operand.register(RegisterClass.SEGMENT, (modrm >>> 3) & 7, 2);
            case FS: return Operand.register(RegisterClass.SEGMENT, DecodedInstruction.FS, 2);
            case GS: return Operand.register(RegisterClass.SEGMENT, DecodedInstruction.GS, 2);
            case Cd: return Operand.register(RegisterClass.CONTROL, reg, 8);
            case Dd: return Operand.register(RegisterClass.DEBUG, reg, 8);
            case Ib: return Operand.immediate(readUnsigned(1), 1);
            case Ibs: return Operand.immediate(readSigned(1), opSize);
            case Iw: return Operand.immediate(readUnsigned(2), 2);
            case Iz: return Operand.immediate(readSigned(opSize == 2 ? 2 : 4), opSize);
            case Iv: return Operand.immediate(opSize == 8 ? readSigned(8) : readUnsigned(opSize), opSize);
            case Jb: {
                long rel = readSigned(1);
                return Operand.relative(start + pos + rel, 8);
            }
            case Jz: {
                long rel = readSigned(4);
                return Operand.relative(start + pos + rel, 8);
            }
            case Ob: case Ov: {
                boolean a32 = (prefixes & PREFIX_ADDRSIZE) != 0;
                long offset = readUnsigned(a32 ? 4 : 8);
                return Operand.memory(spec == OperandSpec.Ob ? 1 : opSize, Operand.NONE, Operand.NONE, 1,
                        offset, a32 ? 4 : 8);
            }
            default: throw new IllegalStateException("unhandled operand spec " + spec);
        }
    }

    private Operand gpr8(int number) {
        if (rex == 0 && number >= 4 && number < 8) {
            return Operand.register(RegisterClass.GPR_HIGH8, number - 4, 1);
        }
        return Operand.gpr(number, 1);
    }

    private static int memorySize(OperandSpec spec, int opSize) {
        switch (spec) {
            case Eb: return 1;
            case Ew: case MwRv: return 2;
            case Ed: return 4;
            case Eq: case Mq: return 8;
            case Mdq: return 16;
            case Mp: return opSize == 8 ? 10 : opSize + 2;
            case Ms: return 10;
            case M: return 0;
            default: return opSize;
        }
    }

    private Operand memoryOperand(int size) {
        if (ripRelative) {
            long next = start + pos;
            long target = next + disp;
            if ((prefixes & PREFIX_ADDRSIZE) != 0) {
                target &= 0xFFFF_FFFFL;
            }
            return Operand.ripRelative(size, target, disp);
        }
        return Operand.memory(size, noBase ? Operand.NONE : sibBase, sibIndex, sibScale, disp, dispBytes);
    }

    private DecodedInstruction finish(Mnemonic mnemonic, int opSize, int condition, Operand[] operands) {
        int addrSize = (prefixes & PREFIX_ADDRSIZE) != 0 ? 4 : 8;
        return new DecodedInstruction(start, pos, mnemonic, opSize == 0 ? operandSize(0) : opSize, addrSize,
                prefixes, segment, condition, operands, bytes(pos));
    }

    private DecodedInstruction invalid() {
        int length = Math.max(1, Math.min(pos, MAX_LENGTH));
        return new DecodedInstruction(start, length, Mnemonic.INVALID, 4, 8, prefixes, segment, -1,
                new Operand[0], bytes(length));
    }

    private byte[] bytes(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            try {
                out[i] = (byte) src.byteAt(start + i);
            } catch (IndexOutOfBoundsException e) {
                return java.util.Arrays.copyOf(out, i);
            }
        }
        return out;
    }
}
