package org.hvsim.core.disasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.hvsim.core.decode.Sensitivity;
import org.hvsim.core.disasm.ObjdumpListing.Insn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assembles hand-written listings with GNU {@code as}, disassembles them with objdump (AT&amp;T and
 * Intel) and requires hvsim's decoder and disassembler to agree on every instruction: length,
 * mnemonic, full text. {@code system.s} holds every system, VMX and SVM instruction of issue 2;
 * {@code forms.s} the general-purpose prefix, REX, ModRM, SIB, displacement and immediate forms.
 * A trailing {@code # CLASS} comment on a line names the {@link Sensitivity} the decoder must
 * report for that instruction (no comment: INNOCUOUS).
 */
class AssemblerListingDifferentialTest {

    @ParameterizedTest
    @ValueSource(strings = {"system.s", "forms.s"})
    void objdumpAndHvsimAgreeOnEveryInstruction(String listing, @TempDir Path dir) throws IOException {
        Toolchain.require("as", "objdump");
        Path source = dir.resolve(listing);
        try (InputStream in = getClass().getResourceAsStream("/objdump-corpus/" + listing)) {
            assertThat(in).as("listing %s", listing).isNotNull();
            Files.copy(in, source);
        }
        Toolchain.run(dir, List.of("as", "--64", "-o", "listing.o", source.toString()));
        ObjdumpListing att = ObjdumpListing.parse(Toolchain.run(dir, List.of("objdump", "-d", "listing.o")));
        ObjdumpListing intel = ObjdumpListing.parse(
                Toolchain.run(dir, List.of("objdump", "-d", "-M", "intel", "listing.o")));

        ObjdumpComparison comparison = new ObjdumpComparison();
        comparison.compare(att, intel);
        String summary = comparison.summary(listing);
        System.out.println(summary);
        assertThat(comparison.lengthMismatches).as(summary).isZero();
        assertThat(comparison.mnemonicMismatches).as(summary).isZero();
        assertThat(comparison.attTextMismatches).as(summary).isZero();
        assertThat(comparison.intelTextMismatches).as(summary).isZero();
        assertThat(comparison.lineMismatches).as(summary).isZero();

        List<Sensitivity> expected = expectedClasses(Files.readString(source, StandardCharsets.UTF_8));
        List<Insn> insns = new ArrayList<>();
        att.chunks.forEach(c -> insns.addAll(c.insns()));
        assertThat(insns).as("one instruction per source line").hasSameSizeAs(expected);
        Decoder decoder = new Decoder();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
            Insn insn = insns.get(i);
            DecodedInstruction d = decoder.decode(insn.address(), ByteSource.of(insn.bytes(), insn.address()));
            if (d.sensitivity() != expected.get(i)
                    || d.isSensitive() != (expected.get(i) != Sensitivity.INNOCUOUS)) {
                wrong.add(insn.text() + ": expected " + expected.get(i) + ", decoder says " + d.sensitivity());
            }
        }
        assertThat(wrong).as("sensitivity classification").isEmpty();
    }

    /** One class per instruction line, from its trailing comment. */
    private static List<Sensitivity> expectedClasses(String source) {
        List<Sensitivity> classes = new ArrayList<>();
        for (String line : source.split("\n")) {
            String code = line.contains("#") ? line.substring(0, line.indexOf('#')).trim() : line.trim();
            if (code.isEmpty() || (code.startsWith(".") && !code.startsWith(".byte"))) {
                continue;
            }
            String comment = line.contains("#") ? line.substring(line.indexOf('#') + 1).trim() : "";
            classes.add(comment.isEmpty() ? Sensitivity.INNOCUOUS : Sensitivity.valueOf(comment));
        }
        return classes;
    }
}
