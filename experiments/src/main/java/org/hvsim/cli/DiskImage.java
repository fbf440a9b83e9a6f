package org.hvsim.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hvsim.core.platform.ata.BlockStorage;
import org.hvsim.core.platform.ata.FileBlockStorage;

/**
 * A disk image file given with {@code hvsim boot --disk}, opened read-write (the guest's writes
 * change the file, as with QEMU's {@code -drive format=raw}); every failure is a one-line error.
 */
final class DiskImage implements AutoCloseable {
    private final String name;
    private final FileBlockStorage storage;

    private DiskImage(String name, FileBlockStorage storage) {
        this.name = name;
        this.storage = storage;
    }

    static DiskImage open(String name) {
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw new CliException(ExitCodes.NOT_FOUND, name + ": invalid file name");
        }
        if (Files.isDirectory(path)) {
            throw new CliException(ExitCodes.CANNOT_EXECUTE, name + ": is a directory, not a disk image");
        }
        FileBlockStorage s;
        try {
            s = FileBlockStorage.open(path, false);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.NOT_FOUND, name + ": no such disk image");
        } catch (AccessDeniedException e) {
            throw new CliException(ExitCodes.NOT_FOUND, name + ": permission denied (the disk image must be"
                    + " readable and writable)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.NOT_FOUND, name + ": cannot open disk image: "
                    + ProgramFiles.oneLine(e.getMessage()));
        }
        if (s.sectorCount() == 0) {
            closeQuietly(s);
            throw new CliException(ExitCodes.CANNOT_EXECUTE, name + ": disk image smaller than one "
                    + BlockStorage.SECTOR_SIZE + "-byte sector");
        }
        return new DiskImage(name, s);
    }

    BlockStorage storage() {
        return storage;
    }

    void flush() {
        try {
            storage.flush();
        } catch (IOException e) {
            throw new CliException(ExitCodes.SIMULATOR_ERROR, name + ": writing the disk image failed: "
                    + ProgramFiles.oneLine(e.getMessage()));
        }
    }

    @Override
    public void close() {
        closeQuietly(storage);
    }

    private static void closeQuietly(FileBlockStorage s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing was buffered: flush() already reported write errors
        }
    }
}
