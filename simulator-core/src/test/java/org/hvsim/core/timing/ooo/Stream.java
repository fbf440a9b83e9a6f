package org.hvsim.core.timing.ooo;

import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.hvsim.core.mem.AccessLog;
import org.hvsim.core.timing.InstructionProfiles;
import org.hvsim.core.timing.MemoryTiming;
import org.hvsim.core.timing.RetiredInstruction;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PhysicalMemory;

/**
 * Feeds an {@link OutOfOrderModel} a synthetic retired stream of register-only instructions
 * (decoded from real encodings at fixed addresses), with control over branch outcomes and
 * microcode cycles: for the laws that need exact control of mispredictions and serialization.
 */
final class Stream {
    static final long BASE = 0x40_0000L;

    final OutOfOrderModel model;
    private final Decoder decoder = new Decoder();
    private final RetiredInstruction r = new RetiredInstruction();
    private long sequence;

    Stream(OutOfOrderConfig config) {
        Mmu mmu = new Mmu(MmuConfig.skylake(), new PhysicalMemory());
        mmu.setControlRegisters(0, 0, 0);
        model = new OutOfOrderModel(config, new MemoryTiming(mmu));
        r.accesses = new AccessLog();
    }

    /** Decodes {@code bytes} as one instruction placed at {@code BASE + offset}. */
    DecodedInstruction decode(int offset, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return decoder.decode(BASE + offset, ByteSource.of(b, BASE + offset));
    }

    /** Retires {@code d}; {@code taken} and {@code target} matter for branches only. */
    void retire(DecodedInstruction d, boolean taken, long target, long microcodeCycles) {
        r.sequence = sequence++;
        r.pc = d.address;
        r.decoded = d;
        r.profile = InstructionProfiles.of(d);
        r.taken = taken;
        r.nextPc = taken ? target : d.address + d.length;
        r.microcodeCycles = microcodeCycles;
        r.user = true;
        model.retire(r);
        Machine.assertConsistent(model);
    }

    void retire(DecodedInstruction d) {
        retire(d, false, 0, 0);
    }
}
