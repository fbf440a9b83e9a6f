package org.hvsim.core.user;

/**
 * Loads the PT_LOAD segments of a validated {@link ElfImage} into a {@link UserAddressSpace},
 * as the Linux binfmt_elf loader does for a static executable: each segment's pages are mapped
 * with the segment's p_flags, its p_filesz bytes are copied from the file and the rest up to
 * p_memsz (.bss) is zero.
 *
 * <p>Bytes are written straight to physical memory (the mapping is the identity), because a text
 * segment is mapped without write permission.
 */
public final class ElfLoader {
    private ElfLoader() {
    }

    public static LoadedProgram load(ElfImage image, UserAddressSpace space) {
        long pageMask = UserAddressSpace.PAGE_SIZE - 1;
        for (ElfSegment s : image.loadSegments()) {
            if (s.memsz() == 0) {
                continue;
            }
            long start = s.vaddr() & ~pageMask;
            long end = (s.vaddrEnd() + pageMask) & ~pageMask;
            space.mapUnion(start, end, protection(s.flags()));
            copy(image, s, space);
            // .bss: explicit zeroing, because the first bss page may be shared with file bytes
            // of another segment that was loaded earlier.
            zero(space, s.vaddr() + s.filesz(), s.memsz() - s.filesz());
        }
        long brkStart = (image.imageEnd() + pageMask) & ~pageMask;
        return new LoadedProgram(image.entry(), image.programHeaderAddress(), image.programHeaderEntrySize(),
                image.programHeaderCount(), brkStart);
    }

    /** Linux PROT_* bits for ELF p_flags. */
    static int protection(int pflags) {
        return ((pflags & ElfSegment.PF_R) != 0 ? UserAddressSpace.PROT_READ : 0)
                | ((pflags & ElfSegment.PF_W) != 0 ? UserAddressSpace.PROT_WRITE : 0)
                | ((pflags & ElfSegment.PF_X) != 0 ? UserAddressSpace.PROT_EXEC : 0);
    }

    private static void copy(ElfImage image, ElfSegment s, UserAddressSpace space) {
        final int chunk = 1 << 16;
        byte[] buffer = new byte[(int) Math.min(chunk, s.filesz())];
        for (long done = 0; done < s.filesz(); done += chunk) {
            int n = (int) Math.min(chunk, s.filesz() - done);
            image.copyFileBytes(s.offset() + done, buffer, 0, n);
            space.physical().writeBytes(s.vaddr() + done, buffer, 0, n);
        }
    }

    /** Zeroes [from, from+length) in frames that exist; untouched frames are zero already. */
    private static void zero(UserAddressSpace space, long from, long length) {
        long end = from + length;
        long a = from;
        while (a < end) {
            long pageEnd = (a | (UserAddressSpace.PAGE_SIZE - 1)) + 1;
            long stop = Math.min(pageEnd, end);
            byte[] frame = space.physical().frameIfPresent(a);
            if (frame != null) {
                int off = (int) (a & (UserAddressSpace.PAGE_SIZE - 1));
                java.util.Arrays.fill(frame, off, off + (int) (stop - a), (byte) 0);
            }
            a = stop;
        }
    }
}
