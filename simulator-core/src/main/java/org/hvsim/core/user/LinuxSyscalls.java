package org.hvsim.core.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hvsim.core.CpuState;
import org.hvsim.core.Registers;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.SystemCallHandler;
import org.hvsim.core.mem.LinearMemory;

/**
 * The Linux x86-64 system-call personality of a user-mode process (docs/user-mode.md lists every
 * call and its exact behaviour). Arguments arrive in RDI, RSI, RDX, R10, R8, R9, the number in
 * RAX; the result (or a negated errno) goes to RAX.
 *
 * <p>A call outside the supported set stops the simulation with a message naming it, rather than
 * returning ENOSYS and letting the program fail somewhere less obvious.
 */
public final class LinuxSyscalls implements SystemCallHandler {
    // System call numbers used here (asm/unistd_64.h).
    static final int SYS_READ = 0;
    static final int SYS_WRITE = 1;
    static final int SYS_CLOSE = 3;
    static final int SYS_FSTAT = 5;
    static final int SYS_LSEEK = 8;
    static final int SYS_MMAP = 9;
    static final int SYS_MPROTECT = 10;
    static final int SYS_MUNMAP = 11;
    static final int SYS_BRK = 12;
    static final int SYS_RT_SIGACTION = 13;
    static final int SYS_RT_SIGPROCMASK = 14;
    static final int SYS_IOCTL = 16;
    static final int SYS_WRITEV = 20;
    static final int SYS_SCHED_YIELD = 24;
    static final int SYS_GETPID = 39;
    static final int SYS_EXIT = 60;
    static final int SYS_UNAME = 63;
    static final int SYS_GETTIMEOFDAY = 96;
    static final int SYS_GETRLIMIT = 97;
    static final int SYS_GETUID = 102;
    static final int SYS_GETGID = 104;
    static final int SYS_GETEUID = 107;
    static final int SYS_GETEGID = 108;
    static final int SYS_GETPPID = 110;
    static final int SYS_ARCH_PRCTL = 158;
    static final int SYS_GETTID = 186;
    static final int SYS_TIME = 201;
    static final int SYS_SET_TID_ADDRESS = 218;
    static final int SYS_CLOCK_GETTIME = 228;
    static final int SYS_CLOCK_GETRES = 229;
    static final int SYS_EXIT_GROUP = 231;
    static final int SYS_NEWFSTATAT = 262;
    static final int SYS_SET_ROBUST_LIST = 273;
    static final int SYS_PRLIMIT64 = 302;
    static final int SYS_GETRANDOM = 318;
    static final int SYS_RSEQ = 334;

    // arch_prctl codes (asm/prctl.h).
    static final int ARCH_SET_GS = 0x1001;
    static final int ARCH_SET_FS = 0x1002;
    static final int ARCH_GET_FS = 0x1003;
    static final int ARCH_GET_GS = 0x1004;

    /** struct utsname: six fields of 65 bytes (sysname, nodename, release, version, machine, domainname). */
    static final int UTSNAME_FIELD = 65;
    static final String[] UTSNAME = {"Linux", "hvsim", "6.1.0-hvsim", "#1 SMP PREEMPT_DYNAMIC hvsim", "x86_64",
        "(none)"};

    private static final int AT_EMPTY_PATH = 0x1000;
    private static final long SIGSET_SIZE = 8;
    private static final int MAX_SIGNAL = 64;
    private static final long RLIM_INFINITY = -1L;
    private static final int RLIMIT_STACK = 3;
    private static final int RLIMIT_NOFILE = 7;
    private static final int RLIM_NLIMITS = 16;
    private static final long NANOS = 1_000_000_000L;
    /** Largest getrandom() result in one call, as in Linux (INT_MAX >> 6). */
    private static final int MAX_GETRANDOM = 33_554_431;

    private final GuestMemoryAccess mem;
    private final FileTable files;
    private final ProcessMemory processMemory;
    private final DeterministicRandom random;

    public LinuxSyscalls(UserAddressSpace space, LinearMemory memory, GuestStreams streams,
                         long heapStart, long randomSeed) {
        this.mem = new GuestMemoryAccess(space, memory);
        this.files = new FileTable(streams, mem);
        this.processMemory = new ProcessMemory(space, heapStart);
        // A different stream from AT_RANDOM's, so the two never repeat each other's bytes.
        this.random = new DeterministicRandom(~randomSeed);
    }

    /** The current program break. */
    public long currentBrk() {
        return processMemory.currentBrk();
    }

    /** Pushes buffered guest output to the host streams. */
    public void flush() throws IOException {
        files.flush();
    }

    @Override
    public void systemCall(Interpreter cpu) {
        long[] r = cpu.state.gpr;
        long nr = r[Registers.RAX];
        r[Registers.RAX] = dispatch(cpu, nr, r[Registers.RDI], r[Registers.RSI], r[Registers.RDX],
                r[Registers.R10], r[Registers.R8], r[Registers.R9]);
    }

    long dispatch(Interpreter cpu, long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        if (nr < 0 || nr > Integer.MAX_VALUE) {
            return unsupported(cpu, nr);
        }
        switch ((int) nr) {
            case SYS_READ: return files.read(a0, a1, a2);
            case SYS_WRITE: return files.write(a0, a1, a2);
            case SYS_CLOSE: return files.close(a0);
            case SYS_FSTAT: return files.fstat(a0, a1);
            case SYS_LSEEK: return files.lseek(a0);
            case SYS_IOCTL: return files.ioctl(a0);
            case SYS_WRITEV: return files.writev(a0, a1, a2);
            case SYS_NEWFSTATAT: return newfstatat(cpu, nr, a0, a1, a2, a3);
            case SYS_MMAP: return processMemory.mmap(a0, a1, a2, a3, a4, a5, files::isOpen);
            case SYS_MPROTECT: return processMemory.mprotect(a0, a1, a2);
            case SYS_MUNMAP: return processMemory.munmap(a0, a1);
            case SYS_BRK: return processMemory.brk(a0);
            case SYS_RT_SIGACTION: return rtSigaction(a0, a2, a3);
            case SYS_RT_SIGPROCMASK: return rtSigprocmask(a2, a3);
            case SYS_SCHED_YIELD: return 0;
            case SYS_GETPID:
            case SYS_GETTID:
            case SYS_SET_TID_ADDRESS:
                return GuestIdentity.PID;
            case SYS_GETPPID: return GuestIdentity.PARENT_PID;
            case SYS_GETUID:
            case SYS_GETEUID:
                return GuestIdentity.UID;
            case SYS_GETGID:
            case SYS_GETEGID:
                return GuestIdentity.GID;
            case SYS_EXIT:
            case SYS_EXIT_GROUP:
                cpu.exit((int) (a0 & 0xFF));
                return 0;
            case SYS_UNAME: return uname(a0);
            case SYS_ARCH_PRCTL: return archPrctl(cpu.state, a0, a1);
            case SYS_CLOCK_GETTIME: return clockGettime(cpu, a0, a1);
            case SYS_CLOCK_GETRES: return clockGetres(a0, a1);
            case SYS_GETTIMEOFDAY: return gettimeofday(cpu, a0, a1);
            case SYS_TIME: return time(cpu, a0);
            case SYS_GETRLIMIT: return getrlimit(a0, a1);
            case SYS_PRLIMIT64: return prlimit64(a0, a1, a2, a3);
            case SYS_SET_ROBUST_LIST: return 0;
            case SYS_RSEQ: return -Errno.ENOSYS; // as a kernel built without CONFIG_RSEQ
            case SYS_GETRANDOM: return getrandom(a0, a1);
            default: return unsupported(cpu, nr);
        }
    }

    private static long unsupported(Interpreter cpu, long nr) {
        cpu.stop("unsupported system call " + nr + " (" + SyscallNames.name(nr) + ")");
        return -Errno.ENOSYS;
    }

    /** newfstatat(2) only in its fstat form: an empty path with AT_EMPTY_PATH. */
    private long newfstatat(Interpreter cpu, long nr, long dirfd, long path, long statbuf, long flags) {
        if ((flags & AT_EMPTY_PATH) == 0 || !mem.readable(path, 1) || readByte(path) != 0) {
            return unsupported(cpu, nr); // a path name would mean a host file
        }
        return files.fstat(dirfd, statbuf);
    }

    private int readByte(long address) {
        byte[] one = new byte[1];
        mem.read(address, one, 0, 1);
        return one[0];
    }

    /** Signals are never delivered, so handlers are accepted and forgotten; the old action reads as SIG_DFL. */
    private long rtSigaction(long sig, long oldAct, long sigsetSize) {
        if (sigsetSize != SIGSET_SIZE || sig < 1 || sig > MAX_SIGNAL) {
            return -Errno.EINVAL;
        }
        if (oldAct != 0 && !mem.writeWords(oldAct, 0, 0, 0, 0)) {
            return -Errno.EFAULT;
        }
        return 0;
    }

    /** The signal mask is accepted and ignored; the old mask reads as empty. */
    private long rtSigprocmask(long oldSet, long sigsetSize) {
        if (sigsetSize != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        if (oldSet != 0 && !mem.writeWords(oldSet, 0)) {
            return -Errno.EFAULT;
        }
        return 0;
    }

    private long uname(long buf) {
        byte[] uts = new byte[UTSNAME.length * UTSNAME_FIELD];
        for (int i = 0; i < UTSNAME.length; i++) {
            byte[] s = UTSNAME[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, uts, i * UTSNAME_FIELD, s.length);
        }
        if (!mem.writable(buf, uts.length)) {
            return -Errno.EFAULT;
        }
        mem.write(buf, uts, 0, uts.length);
        return 0;
    }

    private long archPrctl(CpuState state, long code, long addr) {
        switch ((int) code) {
            case ARCH_SET_FS:
            case ARCH_SET_GS:
                if (Long.compareUnsigned(addr, UserAddressSpace.USER_END) >= 0) {
                    return -Errno.EPERM; // Linux refuses bases outside the user address space
                }
                if (code == ARCH_SET_FS) {
                    state.fsBase = addr;
                } else {
                    state.gsBase = addr;
                }
                return 0;
            case ARCH_GET_FS:
                return mem.writeWords(addr, state.fsBase) ? 0 : -Errno.EFAULT;
            case ARCH_GET_GS:
                return mem.writeWords(addr, state.gsBase) ? 0 : -Errno.EFAULT;
            default:
                return -Errno.EINVAL;
        }
    }

    // ---- time: simulated, from retired instructions (SimulatedClock) --------------------------

    /** Clock ids (linux/time.h). */
    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_REALTIME_COARSE = 5;
    static final int CLOCK_REALTIME_ALARM = 8;
    static final int CLOCK_TAI = 11;
    private static final int MAX_CLOCK = 11;

    private static long clockNanos(Interpreter cpu, long clock) {
        long retired = cpu.retiredInstructions();
        boolean realtime = clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE
                || clock == CLOCK_REALTIME_ALARM || clock == CLOCK_TAI;
        return realtime ? SimulatedClock.realtimeNanos(retired) : SimulatedClock.monotonicNanos(retired);
    }

    private static boolean validClock(long clock) {
        return clock >= 0 && clock <= MAX_CLOCK && clock != 9 && clock != 10; // 9, 10 are unused ids
    }

    private long clockGettime(Interpreter cpu, long clock, long ts) {
        if (!validClock(clock)) {
            return -Errno.EINVAL;
        }
        long ns = clockNanos(cpu, clock);
        return mem.writeWords(ts, ns / NANOS, ns % NANOS) ? 0 : -Errno.EFAULT;
    }

    private long clockGetres(long clock, long ts) {
        if (!validClock(clock)) {
            return -Errno.EINVAL;
        }
        if (ts == 0) {
            return 0;
        }
        return mem.writeWords(ts, 0, SimulatedClock.RESOLUTION_NANOS) ? 0 : -Errno.EFAULT;
    }

    private long gettimeofday(Interpreter cpu, long tv, long tz) {
        long ns = clockNanos(cpu, CLOCK_REALTIME);
        if (tv != 0 && !mem.writeWords(tv, ns / NANOS, (ns % NANOS) / 1000)) {
            return -Errno.EFAULT;
        }
        if (tz != 0 && !mem.writeWords(tz, 0)) { // struct timezone: two ints, UTC
            return -Errno.EFAULT;
        }
        return 0;
    }

    private long time(Interpreter cpu, long tloc) {
        long seconds = clockNanos(cpu, CLOCK_REALTIME) / NANOS;
        if (tloc != 0 && !mem.writeWords(tloc, seconds)) {
            return -Errno.EFAULT;
        }
        return seconds;
    }

    // ---- resource limits and randomness -------------------------------------------------------

    private long getrlimit(long resource, long rlim) {
        return prlimit64(0, resource, 0, rlim);
    }

    /** Limits are fixed: they can be read but not changed. */
    private long prlimit64(long pid, long resource, long newLimit, long oldLimit) {
        if (pid != 0 && pid != GuestIdentity.PID) {
            return -Errno.ESRCH;
        }
        if (resource < 0 || resource >= RLIM_NLIMITS) {
            return -Errno.EINVAL;
        }
        if (newLimit != 0) {
            return -Errno.EPERM;
        }
        if (oldLimit == 0) {
            return 0;
        }
        long cur = RLIM_INFINITY;
        long max = RLIM_INFINITY;
        if (resource == RLIMIT_STACK) {
            cur = InitialStack.STACK_SIZE;
        } else if (resource == RLIMIT_NOFILE) {
            cur = 1024;
            max = 1024;
        }
        return mem.writeWords(oldLimit, cur, max) ? 0 : -Errno.EFAULT;
    }

    /** getrandom(2): deterministic bytes from the process seed; never blocks. */
    private long getrandom(long buf, long length) {
        int n = Long.compareUnsigned(length, MAX_GETRANDOM) < 0 ? (int) length : MAX_GETRANDOM;
        if (!mem.writable(buf, n)) {
            return -Errno.EFAULT;
        }
        byte[] bytes = new byte[n];
        random.nextBytes(bytes, 0, n);
        mem.write(buf, bytes, 0, n);
        return n;
    }
}
