package org.hvsim.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hvsim.core.user.ElfFormatException;
import org.hvsim.core.user.ElfImage;

/** Reads a program file given on the command line, turning every failure into a one-line error. */
final class ProgramFiles {
    /** Larger files are certainly not test programs; refusing them avoids exhausting the heap. */
    private static final long MAX_FILE_SIZE = 1L << 30;

    private ProgramFiles() {
    }

    static byte[] readBytes(String name) {
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw new CliException(ExitCodes.NOT_FOUND, name + ": invalid file name");
        }
        try {
            if (Files.isDirectory(path)) {
                throw new CliException(ExitCodes.CANNOT_EXECUTE, name + ": is a directory");
            }
            if (Files.size(path) > MAX_FILE_SIZE) {
                throw new CliException(ExitCodes.CANNOT_EXECUTE, name + ": file too large for an executable");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.NOT_FOUND, name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(ExitCodes.NOT_FOUND, name + ": permission denied");
        } catch (IOException e) {
            throw new CliException(ExitCodes.NOT_FOUND, name + ": cannot read: " + oneLine(e.getMessage()));
        }
    }

    static ElfImage readElf(String name) {
        try {
            return ElfImage.parse(readBytes(name));
        } catch (ElfFormatException e) {
            throw new CliException(ExitCodes.CANNOT_EXECUTE, name + ": " + e.getMessage());
        }
    }

    static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s+", " ").trim();
    }
}
