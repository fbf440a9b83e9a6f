package org.hvsim.core.exec.semantics;

/**
 * What CPUID reports in user-mode simulation: an honest description of the functional core.
 * Feature bits are set only for what hvsim executes (no x87, MMX or SSE), so a program that
 * dispatches on CPUID picks code paths the simulator runs. Leaf and bit positions: Intel SDM
 * Vol. 2A, CPUID, Tables 3-8 to 3-20. The identity is fixed for determinism; per-microarchitecture
 * identities come with the CPU presets.
 */
final class CpuIdentity {
    /** Family 6, model 0x5E, stepping 3 (the Skylake client signature; SDM Table 3-9 layout). */
    static final int SIGNATURE = 0x0005_06E3;
    static final int MAX_BASIC_LEAF = 7;
    static final int MAX_EXTENDED_LEAF = 0x8000_0004;

    // Leaf 1 EDX: TSC (4), CX8 (8), CMOV (15).
    static final int LEAF1_EDX = (1 << 4) | (1 << 8) | (1 << 15);
    // Leaf 1 ECX: CMPXCHG16B (13), MOVBE (22), POPCNT (23).
    static final int LEAF1_ECX = (1 << 13) | (1 << 22) | (1 << 23);
    // Leaf 7 EBX: BMI1 (3), for TZCNT.
    static final int LEAF7_EBX = 1 << 3;
    // Leaf 0x80000001 ECX: LAHF/SAHF in 64-bit mode (0), LZCNT (5).
    static final int EXT1_ECX = 1 | (1 << 5);
    // Leaf 0x80000001 EDX: SYSCALL (11), NX (20), RDTSCP (27), LM (29).
    static final int EXT1_EDX = (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29);

    static final String VENDOR = "GenuineIntel";
    static final String BRAND = "hvsim x86-64 functional core";

    private CpuIdentity() {
    }

    /** Fills {@code out} with EAX, EBX, ECX, EDX for {@code leaf}/{@code subleaf}. */
    static void query(int leaf, int subleaf, int[] out) {
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        out[3] = 0;
        switch (leaf) {
            case 0:
                out[0] = MAX_BASIC_LEAF;
                out[1] = chars(VENDOR, 0);
                out[3] = chars(VENDOR, 4);
                out[2] = chars(VENDOR, 8);
                return;
            case 1:
                out[0] = SIGNATURE;
                out[2] = LEAF1_ECX;
                out[3] = LEAF1_EDX;
                return;
            case 7:
                if (subleaf == 0) {
                    out[1] = LEAF7_EBX;
                }
                return;
            case 0x8000_0000:
                out[0] = MAX_EXTENDED_LEAF;
                return;
            case 0x8000_0001:
                out[2] = EXT1_ECX;
                out[3] = EXT1_EDX;
                return;
            case 0x8000_0002:
            case 0x8000_0003:
            case 0x8000_0004: {
                int base = (leaf - 0x8000_0002) * 16;
                for (int r = 0; r < 4; r++) {
                    out[r] = chars(BRAND, base + r * 4);
                }
                return;
            }
            default:
                return; // leaves above the maximum read as zeros in this model
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
