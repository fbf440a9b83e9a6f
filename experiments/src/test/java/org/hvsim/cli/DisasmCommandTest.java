package org.hvsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisasmCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int hvsim(String... args) {
        return HvsimCommand.execute(new Console(new ByteArrayInputStream(new byte[0]), out, err), args);
    }

    @Test
    void longInstructionsContinueOnASecondLine() {
        assertThat(hvsim("disasm", "--hex", "48 b8 01 02 03 04 05 06 07 08", "--address", "0x1000")).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("    1000:\t48 b8 01 02 03 04 05 \tmovabs $0x807060504030201,%rax");
        assertThat(lines[1]).isEqualTo("    1007:\t06 07 08 ");
    }

    @Test
    void hexBytesAcceptCommonSpellings() {
        assertThat(DisasmCommand.parseHex("48 89 e5")).containsExactly(0x48, 0x89, 0xE5);
        assertThat(DisasmCommand.parseHex("4889E5")).containsExactly(0x48, 0x89, 0xE5);
        assertThat(DisasmCommand.parseHex("0x48,0x89, 0xe5")).containsExactly(0x48, 0x89, 0xE5);
        assertThat(DisasmCommand.parseAddress("0x401000")).isEqualTo(0x401000);
        assertThat(DisasmCommand.parseAddress("4096")).isEqualTo(4096);
    }

    @Test
    void decodesHexFromTheCommandLine() {
        assertThat(hvsim("disasm", "--hex", "48 89 e5 c3", "--address", "0x401000")).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("  401000:\t48 89 e5             \tmov    %rsp,%rbp");
        assertThat(lines[1]).startsWith("  401003:\tc3                   \tret");
    }

    @Test
    void intelSyntaxIsSelectable() {
        assertThat(hvsim("disasm", "--syntax", "intel", "--hex", "48 89 e5")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rbp").doesNotContain("%");
    }

    @Test
    void disassemblesTheExecutableSegmentOfAFileWithoutSections() throws Exception {
        Path p = dir.resolve("prog");
        Files.write(p, MiniElf.of(0x90, 0xC3));
        assertThat(hvsim("disasm", p.toString())).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("file format elf64-x86-64").contains("  401000:\t90 ").contains("  401001:\tc3 ");
    }

    @Test
    void badInputIsOneLineWithAStatus() {
        assertThat(hvsim("disasm", "--hex", "4g")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hvsim: invalid --hex bytes").hasLineCount(1);
        err.reset();
        assertThat(hvsim("disasm", dir.resolve("missing").toString())).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1);
        err.reset();
        assertThat(hvsim("disasm")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1);
    }
}
