package org.hvsim.core.platform.ata;

/**
 * The 256-word IDENTIFY DEVICE response of an LBA28, PIO-only ATA disk (word numbers from
 * ATA/ATAPI-6, T13/1410D, section 8.15). Filled: the words simple drivers check (0, 1/3/6
 * default geometry, 10-19 serial, 23-26 firmware, 27-46 model, 47, 49 LBA supported, 53,
 * 54-58 current geometry, 60-61 LBA28 capacity, 64-68 PIO modes 3-4, 80 major version,
 * 82-87 command sets, 255 integrity word). DMA and LBA48 are not advertised.
 */
public final class IdentifyData {
    /** Largest LBA28 capacity: 2^28 - 1 sectors. */
    public static final long MAX_LBA28_SECTORS = 0x0FFF_FFFFL;
    /** Default translation geometry for CHS addressing: 16 heads, 63 sectors per track. */
    public static final int HEADS = 16;
    public static final int SECTORS_PER_TRACK = 63;

    private IdentifyData() {
    }

    /** Cylinders of the default geometry (at most 16383, ATA-6 8.15.7). */
    public static int cylinders(long sectors) {
        return (int) Math.min(16383, sectors / (HEADS * SECTORS_PER_TRACK));
    }

    public static int[] build(long sectors, String model, String serial, String firmware) {
        int[] w = new int[256];
        long lba28 = Math.min(sectors, MAX_LBA28_SECTORS);
        int cylinders = cylinders(sectors);
        w[0] = 0x0040; // ATA device, fixed (non-removable)
        w[1] = cylinders;
        w[3] = HEADS;
        w[6] = SECTORS_PER_TRACK;
        putString(w, 10, 20, serial);
        putString(w, 23, 8, firmware);
        putString(w, 27, 40, model);
        w[47] = 0x8000; // READ/WRITE MULTIPLE not supported (0 sectors per DRQ block)
        w[49] = 1 << 9; // LBA supported; no DMA
        w[51] = 0x0200; // obsolete PIO timing mode 2
        w[53] = 0x0003; // words 54-58 and 64-70 valid
        w[54] = cylinders;
        w[55] = HEADS;
        w[56] = SECTORS_PER_TRACK;
        long chsCapacity = (long) cylinders * HEADS * SECTORS_PER_TRACK;
        w[57] = (int) (chsCapacity & 0xFFFF);
        w[58] = (int) (chsCapacity >>> 16) & 0xFFFF;
        w[60] = (int) (lba28 & 0xFFFF);
        w[61] = (int) (lba28 >>> 16) & 0xFFFF;
        w[64] = 0x0003; // PIO modes 3 and 4
        w[65] = 120;    // minimum multiword DMA cycle time (ns), reported for completeness
        w[66] = 120;
        w[67] = 120;    // minimum PIO cycle time without flow control (ns): PIO mode 4
        w[68] = 120;    // minimum PIO cycle time with IORDY (ns)
        w[80] = 0x007E; // supports ATA-1 .. ATA-6
        w[82] = 1 << 14; // NOP supported
        w[83] = 1 << 14 | 1 << 12; // word valid; FLUSH CACHE supported; no LBA48
        w[84] = 1 << 14;
        w[85] = 1 << 14;
        w[86] = 1 << 12; // FLUSH CACHE enabled
        w[87] = 1 << 14;
        // Integrity word: signature A5h, then a checksum making all 512 bytes sum to 0 mod 256.
        int sum = 0xA5;
        for (int i = 0; i < 255; i++) {
            sum += (w[i] & 0xFF) + (w[i] >>> 8);
        }
        w[255] = (((-sum) & 0xFF) << 8) | 0xA5;
        return w;
    }

    /** ATA strings: two characters per word, first character in the high byte, space-padded. */
    private static void putString(int[] w, int firstWord, int length, String s) {
        for (int i = 0; i < length; i += 2) {
            int hi = i < s.length() ? s.charAt(i) & 0x7F : ' ';
            int lo = i + 1 < s.length() ? s.charAt(i + 1) & 0x7F : ' ';
            w[firstWord + i / 2] = (hi << 8) | lo;
        }
    }
}
