package org.hvsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HvsimCommandTest {
    /** mov edi, 42; mov eax, 60; syscall */
    private static final int[] EXIT_42 = {0xBF, 42, 0, 0, 0, 0xB8, 60, 0, 0, 0, 0x0F, 0x05};
    /** mov rdi, [rsp] (argc); mov eax, 60; syscall */
    private static final int[] EXIT_ARGC = {0x48, 0x8B, 0x3C, 0x24, 0xB8, 60, 0, 0, 0, 0x0F, 0x05};
    /** lea rsi,[rip+0x1d]; mov edi,1; mov edx,3; mov eax,1; syscall; mov edi,0; mov eax,60; syscall; "hi\n" */
    private static final int[] HELLO = {0x48, 0x8D, 0x35, 0x1D, 0, 0, 0,
        0xBF, 1, 0, 0, 0, 0xBA, 3, 0, 0, 0, 0xB8, 1, 0, 0, 0, 0x0F, 0x05,
        0xBF, 0, 0, 0, 0, 0xB8, 60, 0, 0, 0, 0x0F, 0x05, 'h', 'i', '\n'};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int hvsim(String... args) {
        Console console = new Console(new ByteArrayInputStream(new byte[0]), out, err);
        return HvsimCommand.execute(console, args);
    }

    private String program(int... code) throws IOException {
        Path p = dir.resolve("prog" + code.length);
        Files.write(p, MiniElf.of(code));
        return p.toString();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Exactly one line, starting with "hvsim: ". */
    private String oneErrorLine() {
        String e = stderr();
        assertThat(e).startsWith("hvsim: ").endsWith(System.lineSeparator());
        assertThat(e.lines().count()).as(e).isEqualTo(1);
        return e.strip();
    }

    @Test
    void runExitsWithTheGuestStatus() throws IOException {
        assertThat(hvsim("run", program(EXIT_42))).isEqualTo(42);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void runForwardsGuestOutput() throws IOException {
        assertThat(hvsim("run", program(HELLO))).isZero();
        assertThat(stdout()).isEqualTo("hi\n");
    }

    @Test
    void wordsAfterTheProgramBelongToTheGuest() throws IOException {
        assertThat(hvsim("run", program(EXIT_ARGC), "--stats", "--max-insts", "x")).isEqualTo(4);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void statsReportInstructionsSecondsAndMips() throws IOException {
        assertThat(hvsim("run", "--stats", program(EXIT_42))).isEqualTo(42);
        assertThat(stderr()).matches("hvsim stats: simulated instructions 3\\R"
                + "hvsim stats: host seconds \\d+\\.\\d{3}\\R"
                + "hvsim stats: MIPS \\d+\\.\\d\\R");
    }

    @Test
    void instructionLimitIsExitStatus124() throws IOException {
        // loop: inc %eax; jmp loop
        assertThat(hvsim("run", "--max-insts", "1000", program(0xFF, 0xC0, 0xEB, 0xFC)))
                .isEqualTo(ExitCodes.INSTRUCTION_LIMIT);
        assertThat(oneErrorLine()).isEqualTo("hvsim: instruction limit 1000 reached");
    }

    @Test
    void aGuestSpinningOnAJumpToItselfIsAOneLineError() throws IOException {
        assertThat(hvsim("run", program(0xEB, 0xFE))).isEqualTo(ExitCodes.SIMULATOR_ERROR);
        assertThat(oneErrorLine()).startsWith("hvsim: the guest loops forever at rip 0x");
    }

    @Test
    void missingFileIsExitStatus127() {
        String missing = dir.resolve("nope").toString();
        assertThat(hvsim("run", missing)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(oneErrorLine()).isEqualTo("hvsim: " + missing + ": no such file");
    }

    @Test
    void malformedElfIsExitStatus126() throws IOException {
        Path junk = dir.resolve("junk");
        Files.writeString(junk, "#!/bin/sh\necho hi\n");
        assertThat(hvsim("run", junk.toString())).isEqualTo(ExitCodes.CANNOT_EXECUTE);
        assertThat(oneErrorLine()).isEqualTo("hvsim: " + junk + ": not an ELF file (bad magic)");

        byte[] elf32 = MiniElf.of(EXIT_42);
        elf32[4] = 1;
        Path p = dir.resolve("elf32");
        Files.write(p, elf32);
        assertThat(hvsim("run", p.toString())).isEqualTo(ExitCodes.CANNOT_EXECUTE);
    }

    @Test
    void truncatedElfGivesOneLine() throws IOException {
        byte[] full = MiniElf.of(EXIT_42);
        for (int n : new int[] {3, 40, 100, 0x1004}) {
            err.reset();
            Path p = dir.resolve("t" + n);
            Files.write(p, java.util.Arrays.copyOf(full, n));
            assertThat(hvsim("run", p.toString())).as("length %d", n).isEqualTo(ExitCodes.CANNOT_EXECUTE);
            oneErrorLine();
        }
    }

    @Test
    void pageFaultIsReportedLikeSigsegv() throws IOException {
        // mov eax, [0]
        assertThat(hvsim("run", program(0x8B, 0x04, 0x25, 0, 0, 0, 0))).isEqualTo(128 + 11);
        assertThat(oneErrorLine()).isEqualTo(
                "hvsim: guest fault #PF (page fault) at linear address 0x0, error code 0x4 at rip 0x401000");
    }

    @Test
    void invalidOpcodeNamesTheBytes() throws IOException {
        // nop; ud2
        assertThat(hvsim("run", program(0x90, 0x0F, 0x0B))).isEqualTo(128 + 4);
        assertThat(oneErrorLine()).isEqualTo("hvsim: #UD (invalid opcode) at rip 0x401001: bytes 0f 0b");
    }

    @Test
    void unsupportedSystemCallIsExitStatus125() throws IOException {
        // mov eax, 57 (fork); syscall
        assertThat(hvsim("run", program(0xB8, 57, 0, 0, 0, 0x0F, 0x05))).isEqualTo(ExitCodes.SIMULATOR_ERROR);
        assertThat(oneErrorLine()).isEqualTo("hvsim: unsupported system call 57 (fork)");
    }

    @Test
    void guestOutputIsFlushedBeforeTheError() throws IOException {
        int[] code = java.util.Arrays.copyOf(HELLO, HELLO.length);
        code[30] = 57; // "mov eax, 60" (exit) becomes "mov eax, 57" (fork)
        assertThat(hvsim("run", program(code))).isEqualTo(ExitCodes.SIMULATOR_ERROR);
        assertThat(stdout()).isEqualTo("hi\n");
    }

    @Test
    void usageErrorsAreOneLineWithStatus2() throws IOException {
        assertThat(hvsim("run")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneErrorLine()).contains("PROGRAM").endsWith("(see 'hvsim run --help')");
        err.reset();
        assertThat(hvsim("run", "--max-insts", "0", program(EXIT_42))).isEqualTo(ExitCodes.USAGE);
        oneErrorLine();
        err.reset();
        assertThat(hvsim("frobnicate")).isEqualTo(ExitCodes.USAGE);
        oneErrorLine();
        err.reset();
        assertThat(hvsim()).isEqualTo(ExitCodes.USAGE);
        oneErrorLine();
    }

    @Test
    void helpGoesToStdout() {
        assertThat(hvsim("--help")).isZero();
        assertThat(stdout()).contains("run").contains("disasm");
        out.reset();
        assertThat(hvsim("run", "--help")).isZero();
        assertThat(stdout()).contains("--max-insts").contains("--stats");
    }
}
