package org.hvsim.core.user;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The guest's file descriptors: only 0 (stdin), 1 (stdout) and 2 (stderr) exist, bound to host
 * streams. There is no open(): the guest cannot name, let alone reach, any other host file.
 * The descriptors behave like pipes (not terminals, not seekable).
 */
final class FileTable {
    /** Largest chunk copied per host read or write. */
    private static final int CHUNK = 1 << 16;
    private static final int MAX_IOV = 1024; // UIO_MAXIOV
    /** struct stat on x86-64 (asm/stat.h). */
    private static final int STAT_SIZE = 144;
    private static final int S_IFIFO = 0010000;

    private final GuestStreams streams;
    private final GuestMemoryAccess mem;
    private final boolean[] open = {true, true, true};
    private final byte[] buffer = new byte[CHUNK];
    /** The descriptor written last, so output to the other one can flush it first. */
    private long lastWritten = -1;

    FileTable(GuestStreams streams, GuestMemoryAccess mem) {
        this.streams = streams;
        this.mem = mem;
    }

    boolean isOpen(long fd) {
        return fd >= 0 && fd < open.length && open[(int) fd];
    }

    private OutputStream output(long fd) {
        if (!isOpen(fd)) {
            return null;
        }
        return fd == 1 ? streams.stdout() : fd == 2 ? streams.stderr() : null;
    }

    /** read(2): only fd 0. At most {@value #CHUNK} bytes per call, as a pipe may return. */
    long read(long fd, long buf, long count) {
        if (fd != 0 || !isOpen(fd)) {
            return -Errno.EBADF;
        }
        if (count == 0) {
            return 0;
        }
        int n = Long.compareUnsigned(count, CHUNK) < 0 ? (int) count : CHUNK;
        if (!mem.writable(buf, n)) {
            return -Errno.EFAULT;
        }
        try {
            // A prompt written before the read must be visible before we block on input.
            flush();
            InputStream in = streams.stdin();
            int got = in.read(buffer, 0, n);
            if (got <= 0) {
                return 0;
            }
            mem.write(buf, buffer, 0, got);
            return got;
        } catch (IOException e) {
            return -Errno.EIO;
        }
    }

    /** write(2): fd 1 and 2. */
    long write(long fd, long buf, long count) {
        OutputStream out = output(fd);
        if (out == null) {
            return -Errno.EBADF;
        }
        if (!mem.readable(buf, count)) {
            return -Errno.EFAULT;
        }
        try {
            keepOrder(fd);
            copyOut(out, buf, count);
        } catch (IOException e) {
            return -Errno.EPIPE;
        }
        return count;
    }

    /** writev(2): fd 1 and 2; iov is an array of {base, len} pairs. */
    long writev(long fd, long iov, long iovcnt) {
        OutputStream out = output(fd);
        if (out == null) {
            return -Errno.EBADF;
        }
        if (iovcnt < 0 || iovcnt > MAX_IOV) {
            return -Errno.EINVAL;
        }
        if (!mem.readable(iov, 16 * iovcnt)) {
            return -Errno.EFAULT;
        }
        long total = 0;
        for (long i = 0; i < iovcnt; i++) {
            long base = mem.read64(iov + 16 * i);
            long len = mem.read64(iov + 16 * i + 8);
            if (len < 0 || total + len < 0) {
                return -Errno.EINVAL;
            }
            if (!mem.readable(base, len)) {
                return -Errno.EFAULT;
            }
            total += len;
        }
        try {
            keepOrder(fd);
            for (long i = 0; i < iovcnt; i++) {
                copyOut(out, mem.read64(iov + 16 * i), mem.read64(iov + 16 * i + 8));
            }
        } catch (IOException e) {
            return -Errno.EPIPE;
        }
        return total;
    }

    /**
     * The host streams may be buffered; when the guest switches between stdout and stderr, the
     * other stream is flushed first so that output interleaves in system-call order, as it would
     * when both descriptors share one pipe or terminal.
     */
    private void keepOrder(long fd) throws IOException {
        if (lastWritten != fd && lastWritten >= 1) {
            OutputStream previous = output(lastWritten);
            if (previous != null) {
                previous.flush();
            }
        }
        lastWritten = fd;
    }

    private void copyOut(OutputStream out, long buf, long count) throws IOException {
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(CHUNK, count - done);
            mem.read(buf + done, buffer, 0, n);
            out.write(buffer, 0, n);
            done += n;
        }
    }

    /** close(2): the descriptor is gone for good (there is no open() to get it back). */
    long close(long fd) {
        if (!isOpen(fd)) {
            return -Errno.EBADF;
        }
        OutputStream out = output(fd);
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                // Nothing the guest could do about it; close still succeeds as in Linux.
            }
        }
        open[(int) fd] = false;
        return 0;
    }

    /** fstat(2): a pipe owned by the guest user with no size. */
    long fstat(long fd, long statbuf) {
        if (!isOpen(fd)) {
            return -Errno.EBADF;
        }
        if (!mem.writable(statbuf, STAT_SIZE)) {
            return -Errno.EFAULT;
        }
        byte[] st = new byte[STAT_SIZE];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(st).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(8, fd + 1);                          // st_ino
        b.putLong(16, 1);                              // st_nlink
        b.putInt(24, S_IFIFO | (fd == 0 ? 0400 : 0200)); // st_mode
        b.putInt(28, GuestIdentity.UID);               // st_uid
        b.putInt(32, GuestIdentity.GID);               // st_gid
        b.putLong(56, UserAddressSpace.PAGE_SIZE);     // st_blksize
        mem.write(statbuf, st, 0, STAT_SIZE);
        return 0;
    }

    /** ioctl(2): no descriptor is a terminal, so every request fails with ENOTTY. */
    long ioctl(long fd) {
        return isOpen(fd) ? -Errno.ENOTTY : -Errno.EBADF;
    }

    /** lseek(2): pipes cannot seek. */
    long lseek(long fd) {
        return isOpen(fd) ? -Errno.ESPIPE : -Errno.EBADF;
    }

    /** Pushes buffered guest output to the host (before blocking reads and at exit). */
    void flush() throws IOException {
        streams.stdout().flush();
        streams.stderr().flush();
    }
}
