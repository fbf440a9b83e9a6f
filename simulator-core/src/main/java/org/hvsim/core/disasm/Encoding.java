package org.hvsim.core.disasm;

import org.hvsim.core.decode.DecodedInstruction;

/**
 * The raw encoding facts a disassembler needs beyond what {@link DecodedInstruction} carries:
 * legacy prefix bytes in their original order (objdump names unused or repeated prefixes in
 * that order), the opcode map and byte, and the ModRM byte when present.
 */
final class Encoding {
    /** Legacy prefix bytes (66, 67, F0, F2, F3, segment overrides) in encoding order. */
    final int[] prefixes;
    final int rex;
    /** True for the 0F map (and 0F 38, see {@link #threeByte}). */
    final boolean twoByte;
    final boolean threeByte;
    final int opcode;
    /** The byte after the opcode (the ModRM byte for opcodes that have one), or -1. */
    final int modrm;

    private Encoding(int[] prefixes, int rex, boolean twoByte, boolean threeByte, int opcode, int modrm) {
        this.prefixes = prefixes;
        this.rex = rex;
        this.twoByte = twoByte;
        this.threeByte = threeByte;
        this.opcode = opcode;
        this.modrm = modrm;
    }

    static Encoding of(DecodedInstruction d) {
        byte[] b = d.bytes;
        int[] prefixes = new int[b.length];
        int count = 0;
        int rex = 0;
        int i = 0;
        while (i < b.length) {
            int v = b[i] & 0xFF;
            if (isLegacyPrefix(v)) {
                prefixes[count++] = v;
                rex = 0;
            } else if ((v & 0xF0) == 0x40) {
                rex = v;
            } else {
                break;
            }
            i++;
        }
        boolean twoByte = false;
        boolean threeByte = false;
        int opcode = i < b.length ? b[i++] & 0xFF : -1;
        if (opcode == 0x0F && i < b.length) {
            twoByte = true;
            opcode = b[i++] & 0xFF;
            if (opcode == 0x38 && i < b.length) {
                threeByte = true;
                opcode = b[i++] & 0xFF;
            }
        }
        int modrm = i < b.length ? b[i] & 0xFF : -1;
        return new Encoding(java.util.Arrays.copyOf(prefixes, count), rex, twoByte, threeByte, opcode, modrm);
    }

    static boolean isLegacyPrefix(int v) {
        switch (v) {
            case 0x66: case 0x67: case 0xF0: case 0xF2: case 0xF3:
            case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65:
                return true;
            default:
                return false;
        }
    }

    boolean oneByte(int op) {
        return !twoByte && opcode == op;
    }

    /** ModRM reg field, or -1 without a ModRM byte. */
    int modrmReg() {
        return modrm < 0 ? -1 : (modrm >>> 3) & 7;
    }
}
