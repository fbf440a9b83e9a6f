package org.hvsim.core.user;

/**
 * One ELF64 section header, as far as the disassembler needs it.
 *
 * @param name   the name from the section-name string table (".text"), or "" if it has none
 * @param type   sh_type, e.g. {@link #SHT_PROGBITS}
 * @param flags  sh_flags, e.g. {@link #SHF_EXECINSTR}
 * @param addr   sh_addr: the section's address in memory
 * @param offset sh_offset: file offset of its bytes
 * @param size   sh_size in bytes
 */
public record ElfSection(String name, int type, long flags, long addr, long offset, long size) {
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_NOBITS = 8;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;

    /** Code the program runs: allocated, executable bytes stored in the file. */
    public boolean isCode() {
        return type == SHT_PROGBITS && (flags & SHF_EXECINSTR) != 0 && (flags & SHF_ALLOC) != 0;
    }
}
