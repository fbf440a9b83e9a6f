package org.hvsim.core.user;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF64 files for tests: one header, a program header table right after it, and
 * each segment's bytes appended at page-congruent offsets. Fields can be corrupted afterwards
 * through {@link #bytes()}.
 */
final class TestElf {
    static final long BASE = 0x40_0000L;

    private record Seg(int type, int flags, long vaddr, byte[] data, long memsz) {
    }

    private final List<Seg> segs = new ArrayList<>();
    private long entry = BASE + 0x1000;
    private int type = ElfImage.ET_EXEC;
    private int machine = ElfImage.EM_X86_64;

    TestElf entry(long e) {
        entry = e;
        return this;
    }

    TestElf type(int t) {
        type = t;
        return this;
    }

    TestElf machine(int m) {
        machine = m;
        return this;
    }

    TestElf segment(int ptype, int flags, long vaddr, byte[] data, long memsz) {
        segs.add(new Seg(ptype, flags, vaddr, data, memsz));
        return this;
    }

    TestElf load(int flags, long vaddr, byte[] data, long memsz) {
        return segment(ElfSegment.PT_LOAD, flags, vaddr, data, memsz);
    }

    /** A typical static program: R+X text at BASE+0x1000 containing {@code code}. */
    static TestElf withCode(byte[] code) {
        return new TestElf().load(ElfSegment.PF_R | ElfSegment.PF_X, BASE + 0x1000, code, code.length);
    }

    byte[] bytes() {
        int phoff = ElfImage.EHDR_SIZE;
        long offset = phoff + (long) segs.size() * ElfImage.PHDR_SIZE;
        long[] offsets = new long[segs.size()];
        for (int i = 0; i < segs.size(); i++) {
            long want = segs.get(i).vaddr & 0xFFF;
            offset = ((offset + 0xFFF) & ~0xFFFL) + want;
            if (offset - want < phoff + (long) segs.size() * ElfImage.PHDR_SIZE) {
                offset += 0x1000;
            }
            offsets[i] = offset;
            offset += segs.get(i).data.length;
        }
        ByteBuffer b = ByteBuffer.allocate((int) offset).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) type);
        b.putShort(18, (short) machine);
        b.putInt(20, 1);
        b.putLong(24, entry);
        b.putLong(32, phoff);
        b.putLong(40, 0);
        b.putShort(52, (short) ElfImage.EHDR_SIZE);
        b.putShort(54, (short) ElfImage.PHDR_SIZE);
        b.putShort(56, (short) segs.size());
        b.putShort(58, (short) ElfImage.SHDR_SIZE);
        for (int i = 0; i < segs.size(); i++) {
            Seg s = segs.get(i);
            int at = phoff + i * ElfImage.PHDR_SIZE;
            b.putInt(at, s.type);
            b.putInt(at + 4, s.flags);
            b.putLong(at + 8, offsets[i]);
            b.putLong(at + 16, s.vaddr);
            b.putLong(at + 24, s.vaddr);
            b.putLong(at + 32, s.data.length);
            b.putLong(at + 40, s.memsz);
            b.putLong(at + 48, 0x1000);
            b.put((int) offsets[i], s.data);
        }
        return b.array();
    }

    static void putShort(byte[] f, int at, int v) {
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v);
    }

    static void putLong(byte[] f, int at, long v) {
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
    }
}
