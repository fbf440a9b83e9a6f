package org.hvsim.core.platform.ata;

import java.util.Arrays;

/** A RAM disk for tests and scratch images. */
public final class MemoryBlockStorage implements BlockStorage {
    private final byte[] data;

    public MemoryBlockStorage(long sectors) {
        if (sectors < 0 || sectors * SECTOR_SIZE > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad RAM disk size: " + sectors + " sectors");
        }
        this.data = new byte[(int) sectors * SECTOR_SIZE];
    }

    /** A RAM disk initialised with {@code image} (truncated to whole sectors). */
    public MemoryBlockStorage(byte[] image) {
        this.data = Arrays.copyOf(image, image.length / SECTOR_SIZE * SECTOR_SIZE);
    }

    @Override
    public long sectorCount() {
        return data.length / SECTOR_SIZE;
    }

    @Override
    public void readSector(long lba, byte[] buffer, int offset) {
        System.arraycopy(data, checked(lba), buffer, offset, SECTOR_SIZE);
    }

    @Override
    public void writeSector(long lba, byte[] buffer, int offset) {
        System.arraycopy(buffer, offset, data, checked(lba), SECTOR_SIZE);
    }

    @Override
    public void flush() {
    }

    /** A copy of the whole medium (for tests). */
    public byte[] contents() {
        return data.clone();
    }

    private int checked(long lba) {
        if (lba < 0 || lba >= sectorCount()) {
            throw new IndexOutOfBoundsException("LBA " + lba + " beyond " + sectorCount() + " sectors");
        }
        return (int) lba * SECTOR_SIZE;
    }
}
