package org.hvsim.core.diff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Encodes cases with GNU as, the independent encoder: every case and every instruction line gets a
 * label, the batch is assembled with {@code as --64}, and the bytes between labels are read from
 * the relocatable ELF object (.text and .symtab). hvsim's own decoder is never used to encode.
 */
final class GnuAssembler {
    private final Path dir;

    GnuAssembler(Path dir) {
        this.dir = dir;
    }

    static String label(int caseIndex, int line) {
        return "c" + caseIndex + "_" + line;
    }

    /** Assembles the cases (indexed by position) and fills in their code and offsets. */
    void assemble(List<DiffCase> cases) throws IOException, InterruptedException {
        StringBuilder src = new StringBuilder(cases.size() * 200);
        src.append("\t.text\n");
        Map<Integer, int[]> lineMap = new HashMap<>();
        int asmLine = 2;
        for (int i = 0; i < cases.size(); i++) {
            DiffCase c = cases.get(i);
            for (int j = 0; j < c.lines.size(); j++) {
                Line l = c.lines.get(j);
                if (l.label()) {
                    src.append(l.asm()).append('\n');
                } else {
                    src.append(label(i, j)).append(":\t").append(l.asm()).append('\n');
                }
                lineMap.put(asmLine++, new int[] {i, j});
            }
            src.append(label(i, c.lines.size())).append(":\n");
            asmLine++;
        }
        Path s = dir.resolve("batch.s");
        Path o = dir.resolve("batch.o");
        Files.writeString(s, src.toString());
        Files.deleteIfExists(o);
        Process p = new ProcessBuilder("as", "--64", "-o", o.toString(), s.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("as timed out");
        }
        if (p.exitValue() != 0 || !out.isBlank()) {
            StringBuilder msg = new StringBuilder("GNU as rejected generated code (generator bug):\n");
            int shown = 0;
            for (String ln : out.split("\n")) {
                if (shown++ > 20) {
                    break;
                }
                msg.append(ln).append('\n');
                String[] parts = ln.split(":");
                if (parts.length > 2) {
                    try {
                        int[] at = lineMap.get(Integer.parseInt(parts[1].trim()));
                        if (at != null) {
                            msg.append("    case ").append(at[0]).append(" line ").append(at[1]).append(": ")
                                    .append(cases.get(at[0]).lines.get(at[1]).asm()).append('\n');
                        }
                    } catch (NumberFormatException ignored) {
                        // not a line-numbered message
                    }
                }
            }
            throw new IllegalStateException(msg.toString());
        }
        extract(Files.readAllBytes(o), cases);
    }

    private static void extract(byte[] elf, List<DiffCase> cases) {
        ByteBuffer bb = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        if (bb.getInt(0) != 0x464c457f || elf[4] != 2) {
            throw new IllegalStateException("not an ELF64 object");
        }
        long shoff = bb.getLong(0x28);
        int shentsize = bb.getShort(0x3a) & 0xffff;
        int shnum = bb.getShort(0x3c) & 0xffff;
        int shstrndx = bb.getShort(0x3e) & 0xffff;
        int shstrOff = (int) bb.getLong((int) (shoff + (long) shstrndx * shentsize) + 0x18);
        int textIndex = -1;
        int symIndex = -1;
        for (int k = 0; k < shnum; k++) {
            int h = (int) (shoff + (long) k * shentsize);
            String name = cString(elf, shstrOff + bb.getInt(h));
            int type = bb.getInt(h + 4);
            if (name.equals(".text")) {
                textIndex = k;
            } else if (type == 2) {
                symIndex = k;
            } else if (name.startsWith(".rela")) {
                throw new IllegalStateException("unexpected relocations in " + name + ": generated code refers outside its case");
            }
        }
        int th = (int) (shoff + (long) textIndex * shentsize);
        int textOff = (int) bb.getLong(th + 0x18);
        int textSize = (int) bb.getLong(th + 0x20);
        int sh = (int) (shoff + (long) symIndex * shentsize);
        int symOff = (int) bb.getLong(sh + 0x18);
        int symSize = (int) bb.getLong(sh + 0x20);
        int strIndex = bb.getInt(sh + 0x28);
        int strOff = (int) bb.getLong((int) (shoff + (long) strIndex * shentsize) + 0x18);

        Map<String, Integer> symbols = new HashMap<>();
        for (int p = symOff; p < symOff + symSize; p += 24) {
            int shndx = bb.getShort(p + 6) & 0xffff;
            if (shndx == textIndex) {
                symbols.put(cString(elf, strOff + bb.getInt(p)), (int) bb.getLong(p + 8));
            }
        }
        for (int i = 0; i < cases.size(); i++) {
            DiffCase c = cases.get(i);
            int begin = symbols.get(label(i, firstInstruction(c)));
            int end = symbols.get(label(i, c.lines.size()));
            if (end - begin > DiffLayout.MAX_CODE || end > textSize) {
                throw new IllegalStateException("case " + i + " is too long: " + (end - begin) + " bytes");
            }
            byte[] code = new byte[end - begin];
            System.arraycopy(elf, textOff + begin, code, 0, code.length);
            int[] offsets = new int[c.lines.size()];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = c.lines.get(j).label() ? -1 : symbols.get(label(i, j)) - begin;
            }
            c.code = code;
            c.offsets = offsets;
        }
    }

    private static int firstInstruction(DiffCase c) {
        for (int j = 0; j < c.lines.size(); j++) {
            if (!c.lines.get(j).label()) {
                return j;
            }
        }
        throw new IllegalStateException("case without instructions");
    }

    private static String cString(byte[] b, int off) {
        int e = off;
        while (b[e] != 0) {
            e++;
        }
        return new String(b, off, e - off, StandardCharsets.US_ASCII);
    }
}
