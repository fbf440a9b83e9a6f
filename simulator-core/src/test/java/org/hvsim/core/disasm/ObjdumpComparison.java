package org.hvsim.core.disasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.hvsim.core.disasm.Disassembler.Syntax;
import org.hvsim.core.disasm.ObjdumpListing.Chunk;
import org.hvsim.core.disasm.ObjdumpListing.Insn;

/**
 * Walks the code of an objdump listing sequentially, as objdump does, decodes every instruction
 * with hvsim's {@link Decoder} and compares length, mnemonic and full text (AT&amp;T and Intel)
 * with objdump's. After a length disagreement the walk resynchronises on objdump's boundary.
 */
final class ObjdumpComparison {
    private static final Pattern MNEMONIC_WORD = Pattern.compile("[a-z][a-z0-9]*|\\(bad\\)");
    private static final int MAX_EXAMPLES = 12;

    private final Decoder decoder = new Decoder();
    private final Disassembler disassembler = new Disassembler();

    int compared;
    int lengthMismatches;
    int mnemonicMismatches;
    int attTextMismatches;
    int intelTextMismatches;
    int lineMismatches;
    final List<String> examples = new ArrayList<>();

    /** Compares the AT&amp;T and Intel listings of the same files. */
    void compare(ObjdumpListing att, ObjdumpListing intel) {
        assertThat(intel.chunks).hasSameSizeAs(att.chunks);
        for (int i = 0; i < att.chunks.size(); i++) {
            Chunk a = att.chunks.get(i);
            Chunk n = intel.chunks.get(i);
            assertThat(n.name()).isEqualTo(a.name());
            assertThat(n.base()).isEqualTo(a.base());
            compareChunk(a, n);
        }
    }

    private void compareChunk(Chunk att, Chunk intel) {
        ByteSource source = ByteSource.of(att.code(), att.base());
        long address = att.base();
        long end = att.base() + att.code().length;
        int width = Disassembler.addressWidth(end);
        while (address < end) {
            Insn expected = att.byAddress().get(address);
            Insn expectedIntel = intel.byAddress().get(address);
            assertThat(expected).as("objdump instruction at %x in %s", address, att.name()).isNotNull();
            DecodedInstruction d = decoder.decode(address, source);
            compared++;
            String where = att.name() + " " + Long.toHexString(address) + " [" + d.hexBytes() + "]";
            String want = ObjdumpListing.normalize(expected.text());
            String got = disassembler.format(d, Syntax.ATT);
            if (d.length != expected.bytes().length) {
                lengthMismatches++;
                example("LENGTH " + where + ": objdump " + expected.bytes().length + " bytes '" + want
                        + "', hvsim " + d.length + " '" + got + "'");
            } else if (!mnemonic(want).equals(mnemonic(got))) {
                mnemonicMismatches++;
                example("MNEMONIC " + where + ": objdump '" + want + "', hvsim '" + got + "'");
            }
            if (!want.equals(got)) {
                attTextMismatches++;
                example("ATT " + where + ": objdump '" + want + "', hvsim '" + got + "'");
            } else if (!expected.lines().stripTrailing().equals(
                    disassembler.formatLine(d, Syntax.ATT, width).stripTrailing()) && !hasSymbol(expected.text())) {
                lineMismatches++;
                example("LINE " + where + ":\n" + expected.lines() + "\n" + disassembler.formatLine(d, Syntax.ATT, width));
            }
            String wantIntel = ObjdumpListing.normalize(expectedIntel.text());
            String gotIntel = disassembler.format(d, Syntax.INTEL);
            if (!wantIntel.equals(gotIntel)) {
                intelTextMismatches++;
                example("INTEL " + where + ": objdump '" + wantIntel + "', hvsim '" + gotIntel + "'");
            }
            address += expected.bytes().length;
        }
    }

    private static boolean hasSymbol(String text) {
        return text.contains("<");
    }

    /** The leading words of an instruction's text: prefixes and mnemonic, without operands. */
    static String mnemonic(String text) {
        StringBuilder sb = new StringBuilder();
        for (String token : text.trim().split(" +")) {
            if (!MNEMONIC_WORD.matcher(token).matches()) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(token);
        }
        return sb.toString();
    }

    private final java.util.Map<String, Integer> perCategory = new java.util.HashMap<>();

    /** Keeps the first few examples of each kind of disagreement (the kind is the first word). */
    private void example(String s) {
        String category = s.substring(0, s.indexOf(' '));
        int n = perCategory.merge(category, 1, Integer::sum);
        if (n <= MAX_EXAMPLES) {
            examples.add(s);
        }
    }

    double rate(int mismatches) {
        return compared == 0 ? 0 : 100.0 * (compared - mismatches) / compared;
    }

    String summary(String title) {
        return String.format("%s: %d instructions compared; length mismatches %d, mnemonic mismatches %d;"
                        + " AT&T text agreement %.3f%% (%d differ), Intel text agreement %.3f%% (%d differ),"
                        + " listing lines differ %d%n%s",
                title, compared, lengthMismatches, mnemonicMismatches, rate(attTextMismatches), attTextMismatches,
                rate(intelTextMismatches), intelTextMismatches, lineMismatches, String.join("\n", examples));
    }
}
