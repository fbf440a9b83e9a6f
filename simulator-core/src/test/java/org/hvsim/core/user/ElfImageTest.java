package org.hvsim.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ElfImageTest {
    private static final byte[] CODE = {(byte) 0xB8, 60, 0, 0, 0, 0x0F, 0x05};

    private static byte[] valid() {
        return TestElf.withCode(CODE)
                .load(ElfSegment.PF_R | ElfSegment.PF_W, TestElf.BASE + 0x2000, new byte[] {1, 2, 3}, 0x2000)
                .bytes();
    }

    @Test
    void parsesAStaticExecutable() throws Exception {
        ElfImage image = ElfImage.parse(valid());
        assertThat(image.entry()).isEqualTo(0x401000L);
        assertThat(image.loadSegments()).hasSize(2);
        assertThat(image.loadSegments().get(1).memsz()).isEqualTo(0x2000);
        assertThat(image.imageEnd()).isEqualTo(0x404000L);
        assertThat(image.programHeaderCount()).isEqualTo(2);
        assertThat(image.sections()).isEmpty();
    }

    @Test
    void programHeaderAddressComesFromTheSegmentHoldingTheTable() throws Exception {
        // A first R segment that maps the file from offset 0 (as ld does) makes the table visible.
        byte[] headerPage = new byte[0x200];
        byte[] f = new TestElf()
                .load(ElfSegment.PF_R, TestElf.BASE, headerPage, headerPage.length)
                .load(ElfSegment.PF_R | ElfSegment.PF_X, TestElf.BASE + 0x1000, CODE, CODE.length)
                .bytes();
        // Point segment 0 at file offset 0, where the ELF header and phdrs are.
        TestElf.putLong(f, 64 + 8, 0);
        assertThat(ElfImage.parse(f).programHeaderAddress()).isEqualTo(TestElf.BASE + 64);
    }

    @Test
    void rejectsBadMagic() {
        byte[] f = valid();
        f[1] = 'X';
        assertMessage(f, "not an ELF file (bad magic)");
    }

    @Test
    void rejectsTinyFiles() {
        assertMessage(new byte[0], "not an ELF file (only 0 bytes)");
        assertMessage(Arrays.copyOf(valid(), 20), "truncated ELF header (file has 20 bytes, the header needs 64)");
    }

    @Test
    void rejects32BitElf() {
        byte[] f = valid();
        f[4] = 1;
        assertMessage(f, "32-bit ELF (ELFCLASS32) is not supported; hvsim runs ELF64 x86-64 executables");
    }

    @Test
    void rejectsBigEndian() {
        byte[] f = valid();
        f[5] = 2;
        assertThat(messageOf(f)).startsWith("big-endian ELF");
    }

    @Test
    void rejectsWrongMachine() {
        assertMessage(new TestElf().machine(183).load(5, 0x401000, CODE, CODE.length).bytes(),
                "wrong machine 183 (AArch64); hvsim runs x86-64 (EM_X86_64 = 62) executables");
    }

    @Test
    void rejectsDynamicExecutables() {
        byte[] f = TestElf.withCode(CODE).type(ElfImage.ET_DYN)
                .segment(ElfSegment.PT_INTERP, ElfSegment.PF_R, 0x400300, "/lib64/ld.so\0".getBytes(), 13)
                .bytes();
        assertMessage(f, "dynamically linked executables are not supported; link with -static");
        byte[] pie = TestElf.withCode(CODE).type(ElfImage.ET_DYN).bytes();
        assertThat(messageOf(pie)).contains("ET_DYN").contains("-static");
    }

    @Test
    void rejectsObjectFiles() {
        assertThat(messageOf(TestElf.withCode(CODE).type(ElfImage.ET_REL).bytes())).startsWith("relocatable object");
    }

    @Test
    void rejectsTruncatedProgramHeaderTable() {
        byte[] f = valid();
        TestElf.putShort(f, 56, 200); // e_phnum
        assertThat(messageOf(f)).startsWith("truncated program header table at offset 0x40 (200 entries");
    }

    @Test
    void rejectsProgramHeaderOffsetBeyondTheFile() {
        byte[] f = valid();
        TestElf.putLong(f, 32, -8L); // e_phoff = 0xfffffffffffffff8
        assertThat(messageOf(f)).startsWith("truncated program header table at offset 0xfffffffffffffff8");
    }

    @Test
    void rejectsWrongProgramHeaderSize() {
        byte[] f = valid();
        TestElf.putShort(f, 54, 32);
        assertMessage(f, "unexpected program header size 32 (e_phentsize must be 56 for ELF64)");
    }

    @Test
    void rejectsSegmentBytesBeyondTheFile() {
        byte[] f = valid();
        TestElf.putLong(f, 64 + 32, 0x10_0000); // segment 0 p_filesz
        TestElf.putLong(f, 64 + 40, 0x10_0000); // p_memsz
        assertThat(messageOf(f)).startsWith("PT_LOAD segment 0: file bytes at offset 0x1000, size 0x100000 run past");
    }

    @Test
    void rejectsFileSizeLargerThanMemorySize() {
        byte[] f = valid();
        TestElf.putLong(f, 64 + 40, 1);
        assertMessage(f, "PT_LOAD segment 0: p_filesz 0x7 is larger than p_memsz 0x1");
    }

    @Test
    void rejectsSegmentsOutsideUserSpace() {
        byte[] f = TestElf.withCode(CODE).load(ElfSegment.PF_R, 0xFFFF_8000_0000_0000L, new byte[0], 0x1000)
                .bytes();
        assertThat(messageOf(f)).startsWith("PT_LOAD segment 1 at 0xffff800000000000, size 0x1000 lies outside");
    }

    @Test
    void rejectsOverlappingSegments() {
        byte[] f = TestElf.withCode(CODE).load(ElfSegment.PF_R, TestElf.BASE + 0x1004, new byte[8], 8).bytes();
        assertThat(messageOf(f)).startsWith("PT_LOAD segments 0 (0x401000-0x401007) and 1 (0x401004-0x40100c)");
    }

    @Test
    void rejectsEntryOutsideExecutableCode() {
        byte[] f = TestElf.withCode(CODE).entry(0x500000).bytes();
        assertMessage(f, "entry point 0x500000 is not inside an executable PT_LOAD segment");
        byte[] data = new TestElf().load(ElfSegment.PF_R | ElfSegment.PF_W, 0x401000, CODE, CODE.length).bytes();
        assertMessage(data, "entry point 0x401000 is not inside an executable PT_LOAD segment");
    }

    @Test
    void rejectsFilesWithoutLoadableSegments() {
        byte[] f = new TestElf().segment(4 /* PT_NOTE */, 4, 0x400000, new byte[4], 4).bytes();
        assertMessage(f, "no PT_LOAD segments: nothing to load");
    }

    @Test
    void everyTruncationIsAFormatErrorNotACrash() {
        byte[] f = valid();
        for (int n = 0; n < f.length; n++) {
            byte[] truncated = Arrays.copyOf(f, n);
            Throwable t = catchThrowable(() -> ElfImage.parse(truncated));
            assertThat(t).as("length %d", n).isInstanceOf(ElfFormatException.class);
            assertThat(t.getMessage()).doesNotContain("\n");
        }
    }

    @Test
    void randomCorruptionOfTheHeadersNeverEscapesAsAnotherException() {
        Random random = new Random(42);
        byte[] original = valid();
        for (int round = 0; round < 20_000; round++) {
            byte[] f = original.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                f[random.nextInt(64 + 2 * 56)] = (byte) random.nextInt(256);
            }
            try {
                ElfImage image = ElfImage.parse(f);
                image.sections();
                image.programHeaderAddress();
            } catch (ElfFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
            }
        }
    }

    private static String messageOf(byte[] f) {
        Throwable t = catchThrowable(() -> ElfImage.parse(f));
        assertThat(t).isInstanceOf(ElfFormatException.class);
        return t.getMessage();
    }

    private static void assertMessage(byte[] f, String message) {
        assertThatThrownBy(() -> ElfImage.parse(f)).isInstanceOf(ElfFormatException.class).hasMessage(message);
    }
}
