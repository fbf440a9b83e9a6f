package org.hvsim.core.platform.ata;

import java.io.IOException;

/** The medium behind a disk: fixed-size 512-byte sectors addressed by LBA. */
public interface BlockStorage {
    int SECTOR_SIZE = 512;

    /** Capacity in whole sectors. */
    long sectorCount();

    /** Copies sector {@code lba} into {@code buffer[offset .. offset + 511]}. */
    void readSector(long lba, byte[] buffer, int offset) throws IOException;

    /** Writes {@code buffer[offset .. offset + 511]} to sector {@code lba}. */
    void writeSector(long lba, byte[] buffer, int offset) throws IOException;

    /** Makes completed writes durable (FLUSH CACHE). */
    void flush() throws IOException;
}
