package org.hvsim.core.platform.ata;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw disk image file (like QEMU's {@code format=raw}). The capacity is the file size
 * rounded down to whole sectors. A read-only image rejects writes with an IOException, which
 * the drive reports to the guest as an aborted command.
 */
public final class FileBlockStorage implements BlockStorage, Closeable {
    private final FileChannel channel;
    private final boolean readOnly;
    private final long sectors;

    private FileBlockStorage(FileChannel channel, boolean readOnly) throws IOException {
        this.channel = channel;
        this.readOnly = readOnly;
        this.sectors = channel.size() / SECTOR_SIZE;
    }

    public static FileBlockStorage open(Path image, boolean readOnly) throws IOException {
        FileChannel ch = readOnly
                ? FileChannel.open(image, StandardOpenOption.READ)
                : FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FileBlockStorage(ch, readOnly);
    }

    @Override
    public long sectorCount() {
        return sectors;
    }

    @Override
    public void readSector(long lba, byte[] buffer, int offset) throws IOException {
        check(lba);
        ByteBuffer b = ByteBuffer.wrap(buffer, offset, SECTOR_SIZE);
        long pos = lba * SECTOR_SIZE;
        while (b.hasRemaining()) {
            int n = channel.read(b, pos);
            if (n < 0) {
                throw new IOException("image truncated at sector " + lba);
            }
            pos += n;
        }
    }

    @Override
    public void writeSector(long lba, byte[] buffer, int offset) throws IOException {
        if (readOnly) {
            throw new IOException("image is read-only");
        }
        check(lba);
        ByteBuffer b = ByteBuffer.wrap(buffer, offset, SECTOR_SIZE);
        long pos = lba * SECTOR_SIZE;
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void check(long lba) throws IOException {
        if (lba < 0 || lba >= sectors) {
            throw new IOException("LBA " + lba + " beyond " + sectors + " sectors");
        }
    }
}
