package org.hvsim.core.user;

/**
 * One ELF64 program header (System V gABI, "Program Header").
 *
 * @param index  position in the program header table, for messages
 * @param type   p_type, e.g. {@link #PT_LOAD}
 * @param flags  p_flags: {@link #PF_R}, {@link #PF_W}, {@link #PF_X}
 * @param offset p_offset: file offset of the segment's bytes
 * @param vaddr  p_vaddr: where the segment is loaded
 * @param filesz p_filesz: bytes taken from the file
 * @param memsz  p_memsz: bytes in memory; the rest after {@code filesz} is zero (.bss)
 * @param align  p_align
 * @param paddr  p_paddr: the physical load address (used when booting a kernel image)
 */
public record ElfSegment(int index, int type, int flags, long offset, long vaddr, long filesz, long memsz,
                         long align, long paddr) {
    public static final int PT_NULL = 0;
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_PHDR = 6;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    public boolean isExecutable() {
        return (flags & PF_X) != 0;
    }

    /** First address after the segment in memory. */
    public long vaddrEnd() {
        return vaddr + memsz;
    }

    public boolean containsAddress(long address) {
        return Long.compareUnsigned(address - vaddr, memsz) < 0;
    }
}
