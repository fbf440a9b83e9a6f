package org.hvsim.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The smallest static executable: one R+X PT_LOAD at 0x401000 holding {@code code}; entry at its start. */
final class MiniElf {
    static final long TEXT = 0x401000;

    private MiniElf() {
    }

    static byte[] of(int... code) {
        int offset = 0x1000;
        ByteBuffer b = ByteBuffer.allocate(offset + code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 2);   // ET_EXEC
        b.putShort(18, (short) 62);  // EM_X86_64
        b.putInt(20, 1);
        b.putLong(24, TEXT);         // e_entry
        b.putLong(32, 64);           // e_phoff
        b.putShort(52, (short) 64);
        b.putShort(54, (short) 56);
        b.putShort(56, (short) 1);
        b.putShort(58, (short) 64);
        b.putInt(64, 1);             // PT_LOAD
        b.putInt(68, 5);             // PF_R | PF_X
        b.putLong(72, offset);
        b.putLong(80, TEXT);
        b.putLong(88, TEXT);
        b.putLong(96, code.length);
        b.putLong(104, code.length);
        b.putLong(112, 0x1000);
        for (int i = 0; i < code.length; i++) {
            b.put(offset + i, (byte) code[i]);
        }
        return b.array();
    }
}
