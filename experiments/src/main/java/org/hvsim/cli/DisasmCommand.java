package org.hvsim.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.hvsim.core.disasm.Disassembler;
import org.hvsim.core.user.ElfFormatException;
import org.hvsim.core.user.ElfImage;
import org.hvsim.core.user.ElfSection;
import org.hvsim.core.user.ElfSegment;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hvsim disasm}: decoded instructions in the layout of GNU objdump -d, from the code
 * sections of an ELF file or from bytes given on the command line. The instruction text and the
 * line layout come from {@link Disassembler}; this class only finds the code and reports errors.
 */
@Command(name = "disasm", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Disassemble the code of a static x86-64 ELF file, or bytes given with --hex.")
final class DisasmCommand implements Callable<Integer> {
    /** The syntaxes offered on the command line. */
    enum SyntaxOption {
        att(Disassembler.Syntax.ATT), intel(Disassembler.Syntax.INTEL);

        final Disassembler.Syntax syntax;

        SyntaxOption(Disassembler.Syntax syntax) {
            this.syntax = syntax;
        }
    }

    @Option(names = {"-M", "--syntax"}, paramLabel = "att|intel", defaultValue = "att",
            description = "Assembler syntax (default: ${DEFAULT-VALUE}).")
    private SyntaxOption syntax;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    static final class Input {
        @Parameters(paramLabel = "PROGRAM", description = "ELF file whose code sections to disassemble.")
        String program;

        @Option(names = "--hex", paramLabel = "BYTES",
                description = "Bytes to decode, e.g. \"48 89 e5 c3\" (spaces, commas and 0x optional).")
        String hex;
    }

    @Option(names = "--address", paramLabel = "ADDR", defaultValue = "0",
            description = "Address of the first --hex byte (hex with 0x, or decimal; default: 0).")
    private String address;

    private final Console console;

    DisasmCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(console.out(), StandardCharsets.UTF_8), 1 << 16));
        try {
            if (input.hex != null) {
                byte[] code = parseHex(input.hex);
                disassemble(out, code, parseAddress(address));
            } else {
                disassembleFile(out, input.program);
            }
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }

    private void disassembleFile(PrintWriter out, String name) {
        ElfImage image = ProgramFiles.readElf(name);
        List<ElfSection> code;
        try {
            code = image.sections().stream().filter(ElfSection::isCode).toList();
        } catch (ElfFormatException e) {
            throw new CliException(ExitCodes.CANNOT_EXECUTE, name + ": " + e.getMessage());
        }
        out.printf("%n%s:     file format elf64-x86-64%n%n", name);
        if (!code.isEmpty()) {
            for (ElfSection s : code) {
                out.printf("%nDisassembly of section %s:%n%n", s.name());
                disassemble(out, image.fileBytes(s.offset(), checkedSize(name, s.size())), s.addr());
            }
            return;
        }
        // No section headers (stripped with sstrip, or hand-made): fall back to executable segments.
        for (ElfSegment s : image.loadSegments()) {
            if (s.isExecutable() && s.filesz() > 0) {
                out.printf("%nDisassembly of segment %d (PT_LOAD at 0x%x):%n%n", s.index(), s.vaddr());
                disassemble(out, image.fileBytes(s.offset(), checkedSize(name, s.filesz())), s.vaddr());
            }
        }
    }

    private static int checkedSize(String name, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new CliException(ExitCodes.CANNOT_EXECUTE, name + ": code section too large");
        }
        return (int) size;
    }

    private void disassemble(PrintWriter out, byte[] code, long base) {
        Decoder decoder = new Decoder();
        Disassembler disassembler = new Disassembler();
        ByteSource source = ByteSource.of(code, base);
        long end = base + code.length;
        for (long pc = base; Long.compareUnsigned(pc, end) < 0; ) {
            DecodedInstruction d = decoder.decode(pc, source);
            out.println(disassembler.formatLine(d, syntax.syntax));
            pc += Math.max(1, d.length); // never loop on an empty decode
        }
    }

    /** "48 89 e5", "4889e5", "0x48,0x89,0xe5" -> bytes. */
    static byte[] parseHex(String text) {
        String digits = text.replaceAll("(?i)0x", "").replaceAll("[\\s,:;]+", "");
        if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]+")) {
            throw new CliException(ExitCodes.USAGE, "invalid --hex bytes '" + ProgramFiles.oneLine(text)
                    + "': need pairs of hex digits, e.g. \"48 89 e5\"");
        }
        List<Byte> out = new ArrayList<>();
        for (int i = 0; i < digits.length(); i += 2) {
            out.add((byte) Integer.parseInt(digits.substring(i, i + 2), 16));
        }
        byte[] b = new byte[out.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = out.get(i);
        }
        return b;
    }

    static long parseAddress(String text) {
        try {
            String t = text.trim();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, "invalid --address '" + text + "': need e.g. 0x401000");
        }
    }
}
