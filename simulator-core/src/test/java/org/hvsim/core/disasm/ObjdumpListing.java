package org.hvsim.core.disasm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code objdump -d} listing: every instruction with its address, bytes (joined across
 * objdump's 7-byte continuation lines) and text, grouped into runs of contiguous code.
 */
final class ObjdumpListing {
    /** One instruction as objdump printed it; {@code lines} is the raw listing text. */
    record Insn(long address, byte[] bytes, String text, String lines) {
    }

    /** Contiguous code of one section of one file. */
    record Chunk(String name, long base, byte[] code, Map<Long, Insn> byAddress, List<Insn> insns) {
    }

    private static final Pattern LINE = Pattern.compile("^ *([0-9a-f]+):\t((?:[0-9a-f]{2} )+) *(?:\t(.*))?$");
    private static final Pattern FILE = Pattern.compile("^(\\S.*):\\s+file format .*$");
    private static final Pattern SYMBOL = Pattern.compile("^[0-9a-f]+ <(.*)>:$");
    private static final Pattern SECTION = Pattern.compile("^Disassembly of section (\\S+):$");
    /** A branch target or address comment with a symbol: {@code 401136 <fib+0x6>}. */
    private static final Pattern SYMBOLIC = Pattern.compile("\\b([0-9a-f]+) <[^>]*>");

    final List<Chunk> chunks = new ArrayList<>();

    static ObjdumpListing parse(String listing) {
        return parse(listing, symbol -> true);
    }

    /** Parses a listing, keeping only the instructions of functions whose symbol passes {@code keep}. */
    static ObjdumpListing parse(String listing, java.util.function.Predicate<String> keep) {
        ObjdumpListing result = new ObjdumpListing();
        String file = "?";
        String section = "?";
        ChunkBuilder current = null;
        Insn pending = null;
        boolean keeping = true;
        StringBuilder pendingLines = null;
        ByteArrayOutputStream pendingBytes = null;
        for (String line : listing.split("\n", -1)) {
            Matcher f = FILE.matcher(line);
            Matcher s = SECTION.matcher(line);
            Matcher m = LINE.matcher(line);
            Matcher sym = SYMBOL.matcher(line);
            if (sym.matches()) {
                keeping = keep.test(sym.group(1));
            }
            if (m.matches() && !keeping) {
                continue;
            }
            if (m.matches()) {
                long address = Long.parseUnsignedLong(m.group(1), 16);
                byte[] bytes = hex(m.group(2));
                if (m.group(3) == null && pending != null) {
                    pendingBytes.writeBytes(bytes);
                    pendingLines.append('\n').append(line);
                    continue;
                }
                if (pending != null) {
                    current = result.add(current, file, section, finish(pending, pendingBytes, pendingLines));
                }
                pending = new Insn(address, null, m.group(3), null);
                pendingBytes = new ByteArrayOutputStream();
                pendingBytes.writeBytes(bytes);
                pendingLines = new StringBuilder(line);
                continue;
            }
            if (pending != null) {
                current = result.add(current, file, section, finish(pending, pendingBytes, pendingLines));
                pending = null;
            }
            if (f.matches() || s.matches()) {
                if (current != null) {
                    result.chunks.add(current.build());
                    current = null;
                }
                if (f.matches()) {
                    file = f.group(1);
                } else {
                    section = s.group(1);
                }
            }
        }
        if (pending != null) {
            current = result.add(current, file, section, finish(pending, pendingBytes, pendingLines));
        }
        if (current != null) {
            result.chunks.add(current.build());
        }
        return result;
    }

    /** objdump's text with symbolic addresses rewritten as plain hex and trailing blanks removed. */
    static String normalize(String text) {
        return SYMBOLIC.matcher(text).replaceAll("0x$1").stripTrailing();
    }

    int instructionCount() {
        int n = 0;
        for (Chunk c : chunks) {
            n += c.insns().size();
        }
        return n;
    }

    private static Insn finish(Insn head, ByteArrayOutputStream bytes, StringBuilder lines) {
        return new Insn(head.address(), bytes.toByteArray(), head.text(), lines.toString());
    }

    private ChunkBuilder add(ChunkBuilder current, String file, String section, Insn insn) {
        if (current == null || current.end != insn.address()) {
            if (current != null) {
                chunks.add(current.build());
            }
            current = new ChunkBuilder(file + " " + section, insn.address());
        }
        current.add(insn);
        return current;
    }

    private static byte[] hex(String s) {
        String[] parts = s.trim().split(" ");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    private static final class ChunkBuilder {
        final String name;
        final long base;
        long end;
        final ByteArrayOutputStream code = new ByteArrayOutputStream();
        final Map<Long, Insn> byAddress = new LinkedHashMap<>();
        final List<Insn> insns = new ArrayList<>();

        ChunkBuilder(String name, long base) {
            this.name = name;
            this.base = base;
            this.end = base;
        }

        void add(Insn insn) {
            code.writeBytes(insn.bytes());
            byAddress.put(insn.address(), insn);
            insns.add(insn);
            end = insn.address() + insn.bytes().length;
        }

        Chunk build() {
            return new Chunk(name, base, code.toByteArray(), byAddress, insns);
        }
    }
}
