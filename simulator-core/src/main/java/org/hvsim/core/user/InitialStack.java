package org.hvsim.core.user;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The initial process stack of the System V x86-64 psABI (section 3.4.1), laid out as Linux
 * lays it out, from high to low addresses:
 *
 * <pre>
 *   STACK_TOP  -  8      8 zero bytes (end marker)
 *                        AT_EXECFN string (the program path)
 *                        argv strings, then envp strings, each NUL-terminated
 *                        AT_PLATFORM string "x86_64"
 *                        16 AT_RANDOM bytes
 *                        padding to 16 bytes
 *                        auxv: (type, value) pairs ending with AT_NULL
 *                        NULL, envp[envc-1] .. envp[0]
 *                        NULL, argv[argc-1] .. argv[0]
 *   RSP  (16-aligned) -> argc
 * </pre>
 *
 * Everything is deterministic: the same arguments, environment and seed give the same bytes.
 */
public final class InitialStack {
    /** Top of the stack: the end of the user address space. */
    public static final long STACK_TOP = UserAddressSpace.USER_END;
    /** The stack mapping: 8 MiB (the usual RLIMIT_STACK), read/write, mapped in full at start. */
    public static final long STACK_SIZE = 8L << 20;
    /** Linux rejects argument and environment strings taking more than a quarter of the stack. */
    public static final long MAX_STRINGS = STACK_SIZE / 4;
    public static final String PLATFORM = "x86_64";

    // Auxiliary vector types (linux/auxvec.h, elf.h).
    public static final int AT_NULL = 0;
    public static final int AT_PHDR = 3;
    public static final int AT_PHENT = 4;
    public static final int AT_PHNUM = 5;
    public static final int AT_PAGESZ = 6;
    public static final int AT_BASE = 7;
    public static final int AT_FLAGS = 8;
    public static final int AT_ENTRY = 9;
    public static final int AT_UID = 11;
    public static final int AT_EUID = 12;
    public static final int AT_GID = 13;
    public static final int AT_EGID = 14;
    public static final int AT_PLATFORM = 15;
    public static final int AT_HWCAP = 16;
    public static final int AT_CLKTCK = 17;
    public static final int AT_SECURE = 23;
    public static final int AT_RANDOM = 25;
    public static final int AT_EXECFN = 31;

    /** sysconf(_SC_CLK_TCK) on Linux. */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    /**
     * The stack contents.
     *
     * @param rsp   the initial RSP: address of argc, 16-byte aligned
     * @param bytes the stack bytes from {@code rsp} up to {@link #STACK_TOP}
     */
    public record Image(long rsp, byte[] bytes) {
    }

    private InitialStack() {
    }

    /**
     * Lays out the stack for {@code config} (execfn = argv[0], or "" if argv is empty).
     *
     * @throws IllegalArgumentException if the strings exceed {@link #MAX_STRINGS} (E2BIG)
     */
    public static Image build(ProcessConfig config, LoadedProgram program) {
        List<byte[]> argv = encode(config.argv());
        List<byte[]> envp = encode(config.env());
        byte[] execfn = cString(config.argv().isEmpty() ? "" : config.argv().get(0));
        byte[] platform = cString(PLATFORM);

        long stringBytes = execfn.length;
        for (byte[] s : argv) {
            stringBytes += s.length;
        }
        for (byte[] s : envp) {
            stringBytes += s.length;
        }
        if (stringBytes > MAX_STRINGS) {
            throw new IllegalArgumentException("argument list too long (" + stringBytes + " bytes of arguments"
                    + " and environment, at most " + MAX_STRINGS + ")");
        }

        // Strings, from the top down.
        long p = STACK_TOP - 8;
        p -= execfn.length;
        long execfnAddr = p;
        long[] argvAddr = new long[argv.size()];
        long[] envAddr = new long[envp.size()];
        long stringsStart = p - (stringBytes - execfn.length);
        long q = stringsStart;
        for (int i = 0; i < argv.size(); i++) {
            argvAddr[i] = q;
            q += argv.get(i).length;
        }
        for (int i = 0; i < envp.size(); i++) {
            envAddr[i] = q;
            q += envp.get(i).length;
        }
        p = stringsStart - platform.length;
        long platformAddr = p;
        p -= 16;
        long randomAddr = p;
        p &= ~15L;

        long[] auxv = {
            AT_HWCAP, 0,
            AT_PAGESZ, UserAddressSpace.PAGE_SIZE,
            AT_CLKTCK, CLOCK_TICKS_PER_SECOND,
            AT_PHDR, program.phdrAddress(),
            AT_PHENT, program.phdrEntrySize(),
            AT_PHNUM, program.phdrCount(),
            AT_BASE, 0,
            AT_FLAGS, 0,
            AT_ENTRY, program.entry(),
            AT_UID, GuestIdentity.UID,
            AT_EUID, GuestIdentity.UID,
            AT_GID, GuestIdentity.GID,
            AT_EGID, GuestIdentity.GID,
            AT_SECURE, 0,
            AT_RANDOM, randomAddr,
            AT_EXECFN, execfnAddr,
            AT_PLATFORM, platformAddr,
            AT_NULL, 0,
        };
        int words = 1 + argv.size() + 1 + envp.size() + 1 + auxv.length;
        long rsp = (p - 8L * words) & ~15L;

        int size = (int) (STACK_TOP - rsp);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.position(0);
        b.putLong(argv.size());
        for (long a : argvAddr) {
            b.putLong(a);
        }
        b.putLong(0);
        for (long a : envAddr) {
            b.putLong(a);
        }
        b.putLong(0);
        for (long v : auxv) {
            b.putLong(v);
        }
        byte[] random = new byte[16];
        new DeterministicRandom(config.randomSeed()).nextBytes(random, 0, random.length);
        put(b, rsp, randomAddr, random);
        put(b, rsp, platformAddr, platform);
        for (int i = 0; i < argv.size(); i++) {
            put(b, rsp, argvAddr[i], argv.get(i));
        }
        for (int i = 0; i < envp.size(); i++) {
            put(b, rsp, envAddr[i], envp.get(i));
        }
        put(b, rsp, execfnAddr, execfn);
        return new Image(rsp, b.array());
    }

    private static void put(ByteBuffer b, long base, long address, byte[] data) {
        b.put((int) (address - base), data);
    }

    private static List<byte[]> encode(List<String> strings) {
        List<byte[]> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add(cString(s));
        }
        return out;
    }

    /** UTF-8 bytes plus the terminating NUL. A NUL inside the string would end it early in C. */
    private static byte[] cString(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 1);
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return out.toByteArray();
    }
}
