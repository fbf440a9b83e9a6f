package org.hvsim.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitialStackTest {
    private static final LoadedProgram PROGRAM = new LoadedProgram(0x401000, 0x400040, 56, 7, 0x405000);
    private static final ProcessConfig CONFIG = new ProcessConfig(List.of("/bin/prog", "a"), List.of("X=1"), 7);

    /**
     * The layout worked out by hand from the documented rules:
     * top 0x7fffffffeff8 (8-byte end marker below 0x7ffffffff000); execfn "/bin/prog\0" at
     * 0x7fffffffefee; argv/env strings (10+2+4 bytes) from 0x7fffffffefde; "x86_64\0" at
     * 0x7fffffffefd7; 16 random bytes at 0x7fffffffefc7; aligned down to 0x7fffffffefc0; 42 words
     * (argc, 2 argv, NULL, 1 envp, NULL, 18 auxv pairs) below that: RSP 0x7fffffffee70.
     */
    @Test
    void layoutIsExactlyAsDocumented() {
        InitialStack.Image image = InitialStack.build(CONFIG, PROGRAM);
        assertThat(image.rsp()).isEqualTo(0x7FFF_FFFF_EE70L);
        assertThat(image.rsp() % 16).isZero();
        assertThat(image.bytes()).hasSize((int) (0x7FFF_FFFF_F000L - 0x7FFF_FFFF_EE70L));

        ByteBuffer b = ByteBuffer.wrap(image.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        long[] expectedWords = {
            2, 0x7FFF_FFFF_EFDEL, 0x7FFF_FFFF_EFE8L, 0,
            0x7FFF_FFFF_EFEAL, 0,
            16, 0, 6, 4096, 17, 100, 3, 0x400040, 4, 56, 5, 7, 7, 0, 8, 0, 9, 0x401000,
            11, 1000, 12, 1000, 13, 1000, 14, 1000, 23, 0, 25, 0x7FFF_FFFF_EFC7L,
            31, 0x7FFF_FFFF_EFEEL, 15, 0x7FFF_FFFF_EFD7L, 0, 0,
        };
        for (int i = 0; i < expectedWords.length; i++) {
            assertThat(b.getLong(8 * i)).as("word %d", i).isEqualTo(expectedWords[i]);
        }
        // Gap between the words and the random bytes is zero.
        for (long a = 0x7FFF_FFFF_EE70L + 8L * expectedWords.length; a < 0x7FFF_FFFF_EFC7L; a++) {
            assertThat(byteAt(image, a)).as("0x%x", a).isZero();
        }
        assertThat(string(image, 0x7FFF_FFFF_EFD7L, 7)).isEqualTo("x86_64\0");
        assertThat(string(image, 0x7FFF_FFFF_EFDEL, 16)).isEqualTo("/bin/prog\0a\0X=1\0");
        assertThat(string(image, 0x7FFF_FFFF_EFEEL, 10)).isEqualTo("/bin/prog\0");
        for (long a = 0x7FFF_FFFF_EFF8L; a < 0x7FFF_FFFF_F000L; a++) {
            assertThat(byteAt(image, a)).isZero();
        }
    }

    @Test
    void randomBytesComeFromTheSeed() {
        byte[] a = InitialStack.build(CONFIG, PROGRAM).bytes();
        byte[] b = InitialStack.build(CONFIG, PROGRAM).bytes();
        byte[] c = InitialStack.build(new ProcessConfig(CONFIG.argv(), CONFIG.env(), 8), PROGRAM).bytes();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        int random = (int) (0x7FFF_FFFF_EFC7L - 0x7FFF_FFFF_EE70L);
        assertThat(Arrays.copyOfRange(a, random, random + 16)).isNotEqualTo(new byte[16]);
    }

    @Test
    void rspIsSixteenByteAlignedForAnyArgumentCount() {
        for (int n = 0; n < 6; n++) {
            List<String> argv = java.util.Collections.nCopies(n + 1, "x".repeat(n));
            assertThat(InitialStack.build(ProcessConfig.of(argv), PROGRAM).rsp() % 16).isZero();
        }
    }

    @Test
    void tooLongArgumentListsAreRefused() {
        ProcessConfig huge = ProcessConfig.of(List.of("p", "x".repeat((int) InitialStack.MAX_STRINGS)));
        assertThatThrownBy(() -> InitialStack.build(huge, PROGRAM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("argument list too long");
    }

    private static int byteAt(InitialStack.Image image, long address) {
        return image.bytes()[(int) (address - image.rsp())];
    }

    private static String string(InitialStack.Image image, long address, int length) {
        int at = (int) (address - image.rsp());
        return new String(image.bytes(), at, length, StandardCharsets.UTF_8);
    }
}
