package org.hvsim.core.platform.apic;

/** A 256-bit set of interrupt vectors laid out as the APIC's eight 32-bit ISR/TMR/IRR words. */
final class VectorBitmap {
    private final int[] words = new int[8];

    void set(int vector) {
        words[vector >>> 5] |= 1 << (vector & 31);
    }

    void clear(int vector) {
        words[vector >>> 5] &= ~(1 << (vector & 31));
    }

    boolean test(int vector) {
        return (words[vector >>> 5] & (1 << (vector & 31))) != 0;
    }

    /** The highest vector set, or -1. */
    int highest() {
        for (int i = 7; i >= 0; i--) {
            if (words[i] != 0) {
                return i * 32 + 31 - Integer.numberOfLeadingZeros(words[i]);
            }
        }
        return -1;
    }

    /** Register word {@code i} (vectors 32i .. 32i+31). */
    int word(int i) {
        return words[i];
    }
}
