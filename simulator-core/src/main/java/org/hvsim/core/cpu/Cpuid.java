package org.hvsim.core.cpu;

/**
 * Answers CPUID for a {@link CpuModel} (Intel SDM Vol. 2A, CPUID). Basic leaves 0, 1 and 7,
 * extended leaves 0x80000000-0x80000004 and 0x80000008 are implemented; other leaves up to the
 * maxima read as zeros. Feature bits are those of the model that hvsim implements
 * ({@link CpuModel#reports}).
 */
public final class Cpuid {
    static final int MAX_BASIC_LEAF = 7;
    static final int MAX_EXTENDED_LEAF = 0x8000_0008;
    /** CPUID.1:EBX[15:8]: CLFLUSH line size in 8-byte units (64 bytes). */
    private static final int CLFLUSH_LINE = 8 << 8;
    /** CPUID.1:EBX[23:16]: one logical processor. */
    private static final int LOGICAL_PROCESSORS = 1 << 16;
    /** CPUID.80000008H:EAX[15:8]: 48 linear address bits (5-level paging is not reported). */
    private static final int LINEAR_ADDRESS_BITS = 48;

    private final CpuModel model;
    private final int[] registers = new int[4];

    public Cpuid(CpuModel model) {
        this.model = model;
    }

    public CpuModel model() {
        return model;
    }

    /** Fills {@code out} with EAX, EBX, ECX, EDX of CPUID({@code leaf}, {@code subleaf}). */
    public void query(int leaf, int subleaf, int[] out) {
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        out[3] = 0;
        switch (leaf) {
            case 0:
                out[0] = MAX_BASIC_LEAF;
                out[1] = chars(model.vendor(), 0);
                out[3] = chars(model.vendor(), 4);
                out[2] = chars(model.vendor(), 8);
                return;
            case 1:
                out[0] = model.signature();
                out[1] = CLFLUSH_LINE | LOGICAL_PROCESSORS;
                features(1, 0, out);
                return;
            case 7:
                if (subleaf == 0) {
                    features(7, 0, out);
                }
                return;
            case 0x8000_0000:
                out[0] = MAX_EXTENDED_LEAF;
                if (model.vendor().equals("AuthenticAMD")) {
                    out[1] = chars(model.vendor(), 0); // AMD repeats the vendor here
                    out[3] = chars(model.vendor(), 4);
                    out[2] = chars(model.vendor(), 8);
                }
                return;
            case 0x8000_0001:
                features(0x8000_0001, 0, out);
                return;
            case 0x8000_0002:
            case 0x8000_0003:
            case 0x8000_0004: {
                int base = (leaf - 0x8000_0002) * 16;
                for (int r = 0; r < 4; r++) {
                    out[r] = chars(model.brand(), base + r * 4);
                }
                return;
            }
            case 0x8000_0008:
                // MAXPHYADDR is the preset's: the same value its modelled MMU checks reserved bits against.
                out[0] = model.microarchitecture().memory().maxPhysicalAddressBits() | (LINEAR_ADDRESS_BITS << 8);
                return;
            default:
                return;
        }
    }

    private void features(int leaf, int unused, int[] out) {
        for (CpuFeature f : model.features()) {
            if (f.leaf() == leaf && model.reports(f)) {
                out[f.register() - 'a'] |= 1 << f.bit();
            }
        }
    }

    /** Four characters of {@code s} from {@code offset}, little-endian, NUL-padded. */
    private static int chars(String s, int offset) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int k = offset + i;
            int c = k < s.length() ? s.charAt(k) : 0;
            v |= (c & 0xFF) << (8 * i);
        }
        return v;
    }
}
