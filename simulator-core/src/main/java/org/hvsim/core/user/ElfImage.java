package org.hvsim.core.user;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated static ELF64 little-endian x86-64 executable (System V gABI and the x86-64 psABI).
 *
 * <p>Parsing checks everything the loader relies on (identification, machine, type, the
 * program header table and every PT_LOAD segment against the file size and the user address
 * space), so loading itself cannot fail on a malformed file. Every problem is reported as an
 * {@link ElfFormatException} with a one-line message; no read goes unchecked, so a hostile file
 * can never surface as an index-out-of-bounds error.
 *
 * <p>Section headers are optional for execution and parsed only on demand ({@link #sections()}),
 * for the disassembler.
 */
public final class ElfImage {
    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;
    public static final int EM_X86_64 = 62;

    static final int EHDR_SIZE = 64;
    static final int PHDR_SIZE = 56;
    static final int SHDR_SIZE = 64;
    /** More program headers than any linker emits; bounds the work on a hostile file. */
    private static final int MAX_PHNUM = 4096;
    private static final int MAX_SHNUM = 65_279; // SHN_LORESERVE - 1
    /** Largest segment accepted (64 GiB, the same bound as one mmap): bounds the loader's work. */
    static final long MAX_SEGMENT = 1L << 36;

    private final byte[] file;
    private final ByteBuffer buf;
    private final long entry;
    private final long phoff;
    private final int phnum;
    private final List<ElfSegment> segments;

    private ElfImage(byte[] file, long entry, long phoff, int phnum, List<ElfSegment> segments) {
        this.file = file;
        this.buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        this.entry = entry;
        this.phoff = phoff;
        this.phnum = phnum;
        this.segments = segments;
    }

    /** Reads and validates the file at {@code path}. */
    public static ElfImage read(Path path) throws IOException, ElfFormatException {
        return parse(Files.readAllBytes(path));
    }

    /** Validates {@code file} as a static x86-64 executable. The array is kept, not copied. */
    public static ElfImage parse(byte[] file) throws ElfFormatException {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        checkIdent(file);
        if (file.length < EHDR_SIZE) {
            throw new ElfFormatException("truncated ELF header (file has " + file.length + " bytes, the header needs "
                    + EHDR_SIZE + ")");
        }
        int type = b.getShort(16) & 0xFFFF;
        int machine = b.getShort(18) & 0xFFFF;
        long version = b.getInt(20) & 0xFFFF_FFFFL;
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xFFFF;
        int phnum = b.getShort(56) & 0xFFFF;

        if (machine != EM_X86_64) {
            throw new ElfFormatException("wrong machine " + machine + " (" + machineName(machine)
                    + "); hvsim runs x86-64 (EM_X86_64 = 62) executables");
        }
        if (version != 1) {
            throw new ElfFormatException("unsupported ELF version " + version + " in e_version (need 1)");
        }
        if (type != ET_EXEC && type != ET_DYN) {
            checkType(type, false);
        }
        if (phnum == 0) {
            throw new ElfFormatException("no program headers (e_phnum = 0): nothing to load");
        }
        if (phnum > MAX_PHNUM) {
            throw new ElfFormatException("too many program headers (e_phnum = " + phnum + ")");
        }
        if (phentsize != PHDR_SIZE) {
            throw new ElfFormatException("unexpected program header size " + phentsize + " (e_phentsize must be "
                    + PHDR_SIZE + " for ELF64)");
        }
        if (!fits(phoff, (long) phnum * PHDR_SIZE, file.length)) {
            throw new ElfFormatException(String.format(
                    "truncated program header table at offset 0x%x (%d entries of %d bytes, file has %d bytes)",
                    phoff, phnum, PHDR_SIZE, file.length));
        }

        List<ElfSegment> segments = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * PHDR_SIZE;
            segments.add(new ElfSegment(i, b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16),
                    b.getLong(at + 32), b.getLong(at + 40), b.getLong(at + 48), b.getLong(at + 24)));
        }
        checkType(type, segments.stream().anyMatch(s -> s.type() == ElfSegment.PT_INTERP));
        checkSegments(segments, file.length, entry);
        return new ElfImage(file, entry, phoff, phnum, List.copyOf(segments));
    }

    private static void checkIdent(byte[] f) throws ElfFormatException {
        if (f.length < 4 || f[0] != 0x7F || f[1] != 'E' || f[2] != 'L' || f[3] != 'F') {
            throw new ElfFormatException(f.length < 4
                    ? "not an ELF file (only " + f.length + " bytes)"
                    : "not an ELF file (bad magic)");
        }
        if (f.length < 16) {
            throw new ElfFormatException("truncated ELF identification (file has " + f.length + " bytes)");
        }
        int elfClass = f[4];
        if (elfClass == 1) {
            throw new ElfFormatException("32-bit ELF (ELFCLASS32) is not supported; hvsim runs ELF64 x86-64 executables");
        }
        if (elfClass != 2) {
            throw new ElfFormatException("invalid ELF class " + elfClass + " in e_ident[EI_CLASS] (need 2, ELFCLASS64)");
        }
        int data = f[5];
        if (data == 2) {
            throw new ElfFormatException("big-endian ELF (ELFDATA2MSB) is not supported; x86-64 is little-endian");
        }
        if (data != 1) {
            throw new ElfFormatException("invalid data encoding " + data + " in e_ident[EI_DATA] (need 1, ELFDATA2LSB)");
        }
        if (f[6] != 1) {
            throw new ElfFormatException("unsupported ELF version " + f[6] + " in e_ident[EI_VERSION] (need 1)");
        }
    }

    private static void checkType(int type, boolean hasInterp) throws ElfFormatException {
        if (hasInterp) {
            throw new ElfFormatException("dynamically linked executables are not supported; link with -static");
        }
        switch (type) {
            case ET_EXEC:
                return;
            case ET_DYN:
                throw new ElfFormatException("position-independent or dynamically linked executables (ET_DYN) are not"
                        + " supported; link with -static -no-pie");
            case ET_REL:
                throw new ElfFormatException("relocatable object file (ET_REL), not an executable; link it first");
            case ET_CORE:
                throw new ElfFormatException("core dump (ET_CORE), not an executable");
            default:
                throw new ElfFormatException("unknown ELF type " + type + " in e_type (need 2, ET_EXEC)");
        }
    }

    private static void checkSegments(List<ElfSegment> segments, long fileLength, long entry)
            throws ElfFormatException {
        boolean anyLoad = false;
        for (ElfSegment s : segments) {
            if (!s.isLoad()) {
                continue;
            }
            anyLoad = true;
            String what = "PT_LOAD segment " + s.index();
            if (Long.compareUnsigned(s.filesz(), s.memsz()) > 0) {
                throw new ElfFormatException(String.format("%s: p_filesz 0x%x is larger than p_memsz 0x%x",
                        what, s.filesz(), s.memsz()));
            }
            if (!fits(s.offset(), s.filesz(), fileLength)) {
                throw new ElfFormatException(String.format(
                        "%s: file bytes at offset 0x%x, size 0x%x run past the end of the file (%d bytes)",
                        what, s.offset(), s.filesz(), fileLength));
            }
            if (Long.compareUnsigned(s.memsz(), MAX_SEGMENT) > 0) {
                throw new ElfFormatException(String.format("%s: p_memsz 0x%x is larger than 64 GiB", what, s.memsz()));
            }
            if (!fits(s.vaddr(), s.memsz(), UserAddressSpace.USER_END)) {
                throw new ElfFormatException(String.format(
                        "%s at 0x%x, size 0x%x lies outside the user address space (below 0x%x)",
                        what, s.vaddr(), s.memsz(), UserAddressSpace.USER_END));
            }
        }
        if (!anyLoad) {
            throw new ElfFormatException("no PT_LOAD segments: nothing to load");
        }
        checkOverlap(segments);
        boolean entryOk = segments.stream().anyMatch(s -> s.isLoad() && s.isExecutable() && s.containsAddress(entry));
        if (!entryOk) {
            throw new ElfFormatException(String.format(
                    "entry point 0x%x is not inside an executable PT_LOAD segment", entry));
        }
    }

    private static void checkOverlap(List<ElfSegment> segments) throws ElfFormatException {
        List<ElfSegment> loads = segments.stream().filter(ElfSegment::isLoad).toList();
        for (int i = 0; i < loads.size(); i++) {
            for (int j = i + 1; j < loads.size(); j++) {
                ElfSegment a = loads.get(i);
                ElfSegment c = loads.get(j);
                if (a.memsz() > 0 && c.memsz() > 0 && a.vaddr() < c.vaddrEnd() && c.vaddr() < a.vaddrEnd()) {
                    throw new ElfFormatException(String.format(
                            "PT_LOAD segments %d (0x%x-0x%x) and %d (0x%x-0x%x) overlap", a.index(), a.vaddr(),
                            a.vaddrEnd(), c.index(), c.vaddr(), c.vaddrEnd()));
                }
            }
        }
    }

    /** Whether [offset, offset+size) lies within [0, limit), with all values unsigned. */
    static boolean fits(long offset, long size, long limit) {
        return Long.compareUnsigned(offset, limit) <= 0 && Long.compareUnsigned(size, limit - offset) <= 0;
    }

    private static String machineName(int machine) {
        switch (machine) {
            case 0: return "EM_NONE";
            case 2: return "SPARC";
            case 3: return "Intel 80386";
            case 8: return "MIPS";
            case 20: return "PowerPC";
            case 21: return "PowerPC64";
            case 22: return "S/390";
            case 40: return "ARM";
            case 43: return "SPARC V9";
            case 50: return "IA-64";
            case 183: return "AArch64";
            case 243: return "RISC-V";
            case 258: return "LoongArch";
            default: return "unknown";
        }
    }

    // ---- accessors --------------------------------------------------------------------------

    /** e_entry: where execution starts. */
    public long entry() {
        return entry;
    }

    /** e_phoff: file offset of the program header table. */
    public long programHeaderOffset() {
        return phoff;
    }

    public int programHeaderCount() {
        return phnum;
    }

    public int programHeaderEntrySize() {
        return PHDR_SIZE;
    }

    /** All program headers, in file order. */
    public List<ElfSegment> segments() {
        return segments;
    }

    public List<ElfSegment> loadSegments() {
        return segments.stream().filter(ElfSegment::isLoad).toList();
    }

    /** First address after the highest PT_LOAD segment: where the heap (brk) begins, page-aligned up. */
    public long imageEnd() {
        long end = 0;
        for (ElfSegment s : segments) {
            if (s.isLoad()) {
                end = Math.max(end, s.vaddrEnd());
            }
        }
        return end;
    }

    /**
     * The address at which the program header table is visible in memory (the value of AT_PHDR):
     * PT_PHDR if present, else the PT_LOAD segment whose file bytes contain the table, else 0.
     */
    public long programHeaderAddress() {
        for (ElfSegment s : segments) {
            if (s.type() == ElfSegment.PT_PHDR) {
                return s.vaddr();
            }
        }
        long tableSize = (long) phnum * PHDR_SIZE;
        for (ElfSegment s : segments) {
            if (s.isLoad() && Long.compareUnsigned(phoff, s.offset()) >= 0
                    && Long.compareUnsigned(phoff - s.offset() + tableSize, s.filesz()) <= 0) {
                return s.vaddr() + (phoff - s.offset());
            }
        }
        return 0;
    }

    /** A copy of {@code size} file bytes at {@code offset}; the range was validated at parse time. */
    public byte[] fileBytes(long offset, int size) {
        byte[] out = new byte[size];
        System.arraycopy(file, (int) offset, out, 0, size);
        return out;
    }

    /** Copies the file bytes of a segment or section into {@code dst}; the range must be valid. */
    void copyFileBytes(long offset, byte[] dst, int dstOffset, int size) {
        System.arraycopy(file, (int) offset, dst, dstOffset, size);
    }

    /**
     * The section headers (for tools such as the disassembler; execution does not need them).
     * An empty list if the file has none.
     */
    public List<ElfSection> sections() throws ElfFormatException {
        long shoff = buf.getLong(40);
        int shentsize = buf.getShort(58) & 0xFFFF;
        int shnum = buf.getShort(60) & 0xFFFF;
        int shstrndx = buf.getShort(62) & 0xFFFF;
        if (shoff == 0 || shnum == 0) {
            return List.of();
        }
        if (shentsize != SHDR_SIZE) {
            throw new ElfFormatException("unexpected section header size " + shentsize + " (e_shentsize must be "
                    + SHDR_SIZE + " for ELF64)");
        }
        if (shnum > MAX_SHNUM || !fits(shoff, (long) shnum * SHDR_SIZE, file.length)) {
            throw new ElfFormatException(String.format(
                    "truncated section header table at offset 0x%x (%d entries of %d bytes, file has %d bytes)",
                    shoff, shnum, SHDR_SIZE, file.length));
        }
        long strOff = 0;
        long strSize = 0;
        if (shstrndx != 0) {
            if (shstrndx >= shnum) {
                throw new ElfFormatException("section name table index " + shstrndx + " (e_shstrndx) is out of range"
                        + " (" + shnum + " sections)");
            }
            int at = (int) shoff + shstrndx * SHDR_SIZE;
            strOff = buf.getLong(at + 24);
            strSize = buf.getLong(at + 32);
            if (!fits(strOff, strSize, file.length)) {
                throw new ElfFormatException(String.format(
                        "section name table at offset 0x%x, size 0x%x runs past the end of the file", strOff,
                        strSize));
            }
        }
        List<ElfSection> out = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int at = (int) shoff + i * SHDR_SIZE;
            long nameIndex = buf.getInt(at) & 0xFFFF_FFFFL;
            int type = buf.getInt(at + 4);
            long flags = buf.getLong(at + 8);
            long addr = buf.getLong(at + 16);
            long offset = buf.getLong(at + 24);
            long size = buf.getLong(at + 32);
            if (type != ElfSection.SHT_NOBITS && type != 0 && !fits(offset, size, file.length)) {
                throw new ElfFormatException(String.format(
                        "section %d: bytes at offset 0x%x, size 0x%x run past the end of the file (%d bytes)",
                        i, offset, size, file.length));
            }
            out.add(new ElfSection(sectionName(strOff, strSize, nameIndex), type, flags, addr, offset, size));
        }
        return out;
    }

    private String sectionName(long strOff, long strSize, long index) {
        if (strSize == 0 || index >= strSize) {
            return "";
        }
        int start = (int) (strOff + index);
        int end = start;
        int limit = (int) (strOff + strSize);
        while (end < limit && file[end] != 0) {
            end++;
        }
        return new String(file, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
