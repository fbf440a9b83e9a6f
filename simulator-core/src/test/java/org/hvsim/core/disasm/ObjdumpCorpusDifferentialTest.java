package org.hvsim.core.disasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against GNU objdump (issue 2, item 8): compiles the C corpus in
 * {@code objdump-corpus/} with the system gcc at every optimisation level and with prefix-rich
 * variants (CET's endbr64/notrack, ABM/MOVBE/CX16 instructions, static linking), disassembles the
 * objects with objdump in AT&amp;T and Intel syntax, and decodes the same bytes with hvsim.
 * Instruction lengths and mnemonics (with their prefixes) must agree for every instruction, and
 * so must the full instruction text in both syntaxes.
 */
class ObjdumpCorpusDifferentialTest {
    private static final List<String> SOURCES = List.of("arith.c", "bits.c", "control.c", "memory.c", "bignum.c",
            "start.c");
    private static final List<String> COMMON = List.of("-ffreestanding", "-mgeneral-regs-only", "-fno-stack-protector");

    /** A named set of gcc flags; {@code link} builds one static executable instead of objects. */
    private record Config(String name, boolean link, List<String> flags) {
    }

    private static final List<Config> CONFIGS = List.of(
            new Config("O0", false, List.of("-O0")),
            new Config("O1", false, List.of("-O1")),
            new Config("O2", false, List.of("-O2")),
            new Config("O3", false, List.of("-O3", "-funroll-loops")),
            new Config("Os", false, List.of("-Os")),
            new Config("O2-cet", false, List.of("-O2", "-fcf-protection=full")),
            new Config("O2-abm", false, List.of("-O2", "-mabm", "-mmovbe", "-mcx16", "-fno-pic")),
            new Config("O3-cet-tune-intel", false, List.of("-O3", "-fcf-protection=full", "-mtune=intel", "-fno-pic")),
            new Config("Os-static", true, List.of("-Os", "-mcx16", "-static", "-nostdlib", "-fno-pic", "-no-pie")),
            new Config("O2-static", true, List.of("-O2", "-mcx16", "-static", "-nostdlib", "-fcf-protection=full", "-no-pie")));

    @Test
    void decoderAndDisassemblerAgreeWithObjdumpOnGccOutput(@TempDir Path dir) throws IOException {
        Toolchain.require("gcc", "objdump");
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        for (String name : SOURCES) {
            try (InputStream in = getClass().getResourceAsStream("/objdump-corpus/" + name)) {
                assertThat(in).as("corpus file %s", name).isNotNull();
                Files.copy(in, src.resolve(name));
            }
        }
        List<String> binaries = new ArrayList<>();
        for (Config config : CONFIGS) {
            Path out = dir.resolve(config.name());
            Files.createDirectories(out);
            List<String> cmd = new ArrayList<>(List.of("gcc"));
            cmd.addAll(COMMON);
            cmd.addAll(config.flags());
            if (config.link()) {
                cmd.addAll(List.of("-e", "_start", "-o", out.resolve("prog").toString()));
                binaries.add(out.resolve("prog").toString());
            } else {
                cmd.add("-c");
                for (String name : SOURCES) {
                    binaries.add(out.resolve(name.replace(".c", ".o")).toString());
                }
            }
            for (String name : SOURCES) {
                cmd.add(src.resolve(name).toString());
            }
            if (config.link()) {
                cmd.add("-lgcc"); // 128-bit division and popcount helpers, also disassembled
            }
            Toolchain.run(out, cmd);
        }

        List<String> att = new ArrayList<>(List.of("objdump", "-d"));
        att.addAll(binaries);
        List<String> intel = new ArrayList<>(List.of("objdump", "-d", "-M", "intel"));
        intel.addAll(binaries);
        // The statically linked programs contain libgcc helpers (__udivti3, ...) that were not
        // compiled with -mgeneral-regs-only and use SSE; only the corpus's own code is compared.
        java.util.function.Predicate<String> corpusCode = symbol -> !symbol.startsWith("__");
        ObjdumpListing attListing = ObjdumpListing.parse(Toolchain.run(dir, att), corpusCode);
        ObjdumpListing intelListing = ObjdumpListing.parse(Toolchain.run(dir, intel), corpusCode);

        ObjdumpComparison comparison = new ObjdumpComparison();
        comparison.compare(attListing, intelListing);
        String summary = comparison.summary("gcc corpus (" + CONFIGS.size() + " configurations)");
        System.out.println(summary);

        assertThat(comparison.compared).as("instructions compared").isGreaterThan(20_000);
        assertThat(comparison.lengthMismatches).as(summary).isZero();
        assertThat(comparison.mnemonicMismatches).as(summary).isZero();
        assertThat(comparison.attTextMismatches).as(summary).isZero();
        assertThat(comparison.intelTextMismatches).as(summary).isZero();
        assertThat(comparison.lineMismatches).as(summary).isZero();
    }
}
