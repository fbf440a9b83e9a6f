package org.hvsim.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hvsim.core.Registers;
import org.hvsim.core.mem.AccessKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** System calls invoked directly through the handler, with the registers of the Linux ABI. */
class LinuxSyscallsTest {
    private static final long RW = UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE;
    private static final long ANON_PRIVATE = ProcessMemory.MAP_ANONYMOUS | ProcessMemory.MAP_PRIVATE;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private UserProcess process;
    private long scratch;

    @BeforeEach
    void setUp() throws Exception {
        byte[] code = {0x0F, 0x05};
        ElfImage image = ElfImage.parse(TestElf.withCode(code)
                .load(ElfSegment.PF_R | ElfSegment.PF_W, TestElf.BASE + 0x2000, new byte[16], 0x1800).bytes());
        GuestStreams streams = new GuestStreams(new ByteArrayInputStream("input".getBytes(StandardCharsets.UTF_8)),
                out, err);
        process = UserProcess.create(image, ProcessConfig.of(List.of("prog")), streams);
        scratch = TestElf.BASE + 0x2000;
    }

    private long call(long nr, long... args) {
        long[] r = process.state().gpr;
        int[] regs = {Registers.RDI, Registers.RSI, Registers.RDX, Registers.R10, Registers.R8, Registers.R9};
        for (int i = 0; i < regs.length; i++) {
            r[regs[i]] = i < args.length ? args[i] : 0;
        }
        r[Registers.RAX] = nr;
        process.syscalls().systemCall(process.interpreter());
        return r[Registers.RAX];
    }

    private void poke(long address, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        process.memory().writeBytes(address, b, 0, b.length);
    }

    private String peek(long address, int length) {
        byte[] b = new byte[length];
        process.memory().readBytes(address, b, 0, length);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void initialStateFollowsTheAbi() {
        assertThat(process.state().rip).isEqualTo(0x401000L);
        assertThat(process.state().gpr[Registers.RSP]).isEqualTo(process.initialStackPointer());
        assertThat(process.state().gpr[Registers.RSP] % 16).isZero();
        assertThat(process.state().gpr[Registers.RDX]).isZero();
        assertThat(process.state().rflags()).isEqualTo(0x202);
        assertThat(process.memory().read64(process.initialStackPointer())).isEqualTo(1); // argc
        // The heap starts at the page after .bss (0x402000 + 0x1800 -> 0x404000).
        assertThat(process.currentBrk()).isEqualTo(0x404000L);
    }

    @Test
    void writeGoesToStdoutAndStderrOnly() {
        poke(scratch, "hello");
        assertThat(call(LinuxSyscalls.SYS_WRITE, 1, scratch, 5)).isEqualTo(5);
        assertThat(call(LinuxSyscalls.SYS_WRITE, 2, scratch, 4)).isEqualTo(4);
        assertThat(call(LinuxSyscalls.SYS_WRITE, 0, scratch, 1)).isEqualTo(-Errno.EBADF);
        assertThat(call(LinuxSyscalls.SYS_WRITE, 3, scratch, 1)).isEqualTo(-Errno.EBADF);
        assertThat(call(LinuxSyscalls.SYS_WRITE, 1, 0, 1)).isEqualTo(-Errno.EFAULT);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("hell");
    }

    @Test
    void writevConcatenatesItsBuffers() {
        poke(scratch, "abcdef");
        long iov = scratch + 0x100;
        process.memory().write64(iov, scratch);
        process.memory().write64(iov + 8, 2);
        process.memory().write64(iov + 16, scratch + 4);
        process.memory().write64(iov + 24, 2);
        assertThat(call(LinuxSyscalls.SYS_WRITEV, 1, iov, 2)).isEqualTo(4);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("abef");
    }

    @Test
    void readComesFromStdinOnly() {
        assertThat(call(LinuxSyscalls.SYS_READ, 0, scratch, 3)).isEqualTo(3);
        assertThat(peek(scratch, 3)).isEqualTo("inp");
        assertThat(call(LinuxSyscalls.SYS_READ, 0, scratch, 100)).isEqualTo(2);
        assertThat(call(LinuxSyscalls.SYS_READ, 0, scratch, 100)).isZero(); // end of file
        assertThat(call(LinuxSyscalls.SYS_READ, 1, scratch, 1)).isEqualTo(-Errno.EBADF);
        assertThat(call(LinuxSyscalls.SYS_READ, 0, 0x401000, 1)).isEqualTo(-Errno.EFAULT); // read-only text
    }

    @Test
    void closedDescriptorsStayClosed() {
        assertThat(call(LinuxSyscalls.SYS_CLOSE, 1)).isZero();
        assertThat(call(LinuxSyscalls.SYS_CLOSE, 1)).isEqualTo(-Errno.EBADF);
        assertThat(call(LinuxSyscalls.SYS_WRITE, 1, scratch, 1)).isEqualTo(-Errno.EBADF);
    }

    @Test
    void noHostFileCanBeOpenedOrMapped() {
        poke(scratch, "/etc/passwd\0");
        assertThat(call(2 /* open */, scratch, 0)).isEqualTo(-Errno.ENOSYS);
        assertThat(call(257 /* openat */, -100, scratch, 0)).isEqualTo(-Errno.ENOSYS);
        assertThat(call(LinuxSyscalls.SYS_NEWFSTATAT, -100, scratch, scratch + 0x100, 0)).isEqualTo(-Errno.ENOSYS);
        assertThat(call(LinuxSyscalls.SYS_MMAP, 0, 4096, 1, ProcessMemory.MAP_PRIVATE, 3, 0)).isEqualTo(-Errno.EBADF);
        assertThat(call(LinuxSyscalls.SYS_MMAP, 0, 4096, 1, ProcessMemory.MAP_PRIVATE, 0, 0)).isEqualTo(-Errno.ENODEV);
        assertThat(call(LinuxSyscalls.SYS_IOCTL, 1, 0x5401, scratch)).isEqualTo(-Errno.ENOTTY);
    }

    @Test
    void fstatDescribesThePipes() {
        assertThat(call(LinuxSyscalls.SYS_FSTAT, 1, scratch)).isZero();
        assertThat(process.memory().read32(scratch + 24)).isEqualTo(0010000 | 0200);
        poke(scratch + 0x200, "\0");
        assertThat(call(LinuxSyscalls.SYS_NEWFSTATAT, 0, scratch + 0x200, scratch, 0x1000)).isZero();
        assertThat(process.memory().read32(scratch + 24)).isEqualTo(0010000 | 0400);
    }

    @Test
    void brkGrowsAndShrinksTheHeapWithZeroedPages() {
        long start = call(LinuxSyscalls.SYS_BRK, 0);
        assertThat(start).isEqualTo(0x404000L);
        assertThat(call(LinuxSyscalls.SYS_BRK, start + 0x1800)).isEqualTo(start + 0x1800);
        process.memory().write64(start + 0x1000, -1L);
        assertThat(process.addressSpace().protection(start + 0x1FFF)).isEqualTo((int) RW);
        assertThat(process.addressSpace().protection(start + 0x2000)).isEqualTo(-1);
        // Shrink below the written page, grow again: the page comes back zeroed.
        assertThat(call(LinuxSyscalls.SYS_BRK, start + 0x10)).isEqualTo(start + 0x10);
        assertThat(process.addressSpace().protection(start + 0x1000)).isEqualTo(-1);
        assertThat(call(LinuxSyscalls.SYS_BRK, start + 0x2000)).isEqualTo(start + 0x2000);
        assertThat(process.memory().read64(start + 0x1000)).isZero();
        // Below the heap start: refused, the break stays.
        assertThat(call(LinuxSyscalls.SYS_BRK, 0x1000)).isEqualTo(start + 0x2000);
    }

    @Test
    void brkDoesNotGrowIntoAnotherMapping() {
        long start = call(LinuxSyscalls.SYS_BRK, 0);
        assertThat(call(LinuxSyscalls.SYS_MMAP, start + 0x3000, 0x1000, RW,
                ANON_PRIVATE | ProcessMemory.MAP_FIXED, -1, 0)).isEqualTo(start + 0x3000);
        assertThat(call(LinuxSyscalls.SYS_BRK, start + 0x4000)).isEqualTo(start);
        assertThat(call(LinuxSyscalls.SYS_BRK, start + 0x3000)).isEqualTo(start + 0x3000);
    }

    @Test
    void anonymousMmapIsTopDownZeroedAndUnmappable() {
        long a = call(LinuxSyscalls.SYS_MMAP, 0, 0x2000, RW, ANON_PRIVATE, -1, 0);
        assertThat(a).isEqualTo(ProcessMemory.MMAP_TOP - 0x2000);
        long b = call(LinuxSyscalls.SYS_MMAP, 0, 100, UserAddressSpace.PROT_READ, ANON_PRIVATE, -1, 0);
        assertThat(b).isEqualTo(a - 0x1000);
        process.memory().write64(a + 8, 99);
        assertThat(call(LinuxSyscalls.SYS_MUNMAP, a, 0x2000)).isZero();
        assertThat(process.addressSpace().protection(a)).isEqualTo(-1);
        long c = call(LinuxSyscalls.SYS_MMAP, 0, 0x2000, RW, ANON_PRIVATE, -1, 0);
        assertThat(c).isEqualTo(a);
        assertThat(process.memory().read64(a + 8)).isZero();
    }

    @Test
    void mmapHonoursHintsAndFixedAddresses() {
        long hint = 0x1000_0000L;
        assertThat(call(LinuxSyscalls.SYS_MMAP, hint, 0x1000, RW, ANON_PRIVATE, -1, 0)).isEqualTo(hint);
        // Occupied hint: placed elsewhere.
        assertThat(call(LinuxSyscalls.SYS_MMAP, hint, 0x1000, RW, ANON_PRIVATE, -1, 0)).isNotEqualTo(hint);
        assertThat(call(LinuxSyscalls.SYS_MMAP, hint, 0x1000, RW, ANON_PRIVATE | ProcessMemory.MAP_FIXED_NOREPLACE,
                -1, 0)).isEqualTo(-Errno.EEXIST);
        process.memory().write64(hint, 5);
        assertThat(call(LinuxSyscalls.SYS_MMAP, hint, 0x1000, UserAddressSpace.PROT_READ,
                ANON_PRIVATE | ProcessMemory.MAP_FIXED, -1, 0)).isEqualTo(hint);
        assertThat(process.memory().read64(hint)).isZero();
        assertThat(process.addressSpace().isAccessible(hint, 8, AccessKind.WRITE)).isFalse();
    }

    @Test
    void mmapRejectsInvalidArguments() {
        assertThat(call(LinuxSyscalls.SYS_MMAP, 0, 0, RW, ANON_PRIVATE, -1, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(call(LinuxSyscalls.SYS_MMAP, 0, 4096, RW, ProcessMemory.MAP_ANONYMOUS, -1, 0))
                .isEqualTo(-Errno.EINVAL);
        assertThat(call(LinuxSyscalls.SYS_MMAP, 0, 4096, RW, ANON_PRIVATE, -1, 12)).isEqualTo(-Errno.EINVAL);
        assertThat(call(LinuxSyscalls.SYS_MMAP, 0x1234, 4096, RW, ANON_PRIVATE | ProcessMemory.MAP_FIXED, -1, 0))
                .isEqualTo(-Errno.EINVAL);
        assertThat(call(LinuxSyscalls.SYS_MMAP, 0, -4096L, RW, ANON_PRIVATE, -1, 0)).isEqualTo(-Errno.ENOMEM);
        assertThat(call(LinuxSyscalls.SYS_MUNMAP, 0x1001, 4096)).isEqualTo(-Errno.EINVAL);
        assertThat(call(LinuxSyscalls.SYS_MUNMAP, 0x1000, 0)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void hugeRequestsAreBoundedAndCheap() {
        long a = call(LinuxSyscalls.SYS_MMAP, 0, 1L << 30, RW, ANON_PRIVATE, -1, 0);
        assertThat(a).isPositive();
        assertThat(call(LinuxSyscalls.SYS_MMAP, 0, 1L << 40, RW, ANON_PRIVATE, -1, 0)).isEqualTo(-Errno.ENOMEM);
        long whole = UserAddressSpace.USER_END - ProcessMemory.MMAP_MIN;
        assertThat(call(LinuxSyscalls.SYS_MUNMAP, ProcessMemory.MMAP_MIN, whole)).isZero();
        assertThat(process.addressSpace().protection(a)).isEqualTo(-1);
        assertThat(process.addressSpace().protection(InitialStack.STACK_TOP - 8)).isEqualTo(-1);
    }

    @Test
    void mprotectChangesPermissionsOfMappedPagesOnly() {
        long a = call(LinuxSyscalls.SYS_MMAP, 0, 0x2000, RW, ANON_PRIVATE, -1, 0);
        assertThat(call(LinuxSyscalls.SYS_MPROTECT, a, 0x1000, UserAddressSpace.PROT_READ)).isZero();
        assertThat(process.addressSpace().protection(a)).isEqualTo(UserAddressSpace.PROT_READ);
        assertThat(process.addressSpace().protection(a + 0x1000)).isEqualTo((int) RW);
        assertThat(call(LinuxSyscalls.SYS_MPROTECT, a, 0x3000, UserAddressSpace.PROT_READ)).isEqualTo(-Errno.ENOMEM);
        assertThat(call(LinuxSyscalls.SYS_MPROTECT, a + 1, 0x1000, UserAddressSpace.PROT_READ))
                .isEqualTo(-Errno.EINVAL);
    }

    @Test
    void archPrctlSetsAndReadsTheSegmentBases() {
        assertThat(call(LinuxSyscalls.SYS_ARCH_PRCTL, LinuxSyscalls.ARCH_SET_FS, 0x7000_1000L)).isZero();
        assertThat(call(LinuxSyscalls.SYS_ARCH_PRCTL, LinuxSyscalls.ARCH_SET_GS, 0x7000_2000L)).isZero();
        assertThat(process.state().fsBase).isEqualTo(0x7000_1000L);
        assertThat(process.state().gsBase).isEqualTo(0x7000_2000L);
        assertThat(call(LinuxSyscalls.SYS_ARCH_PRCTL, LinuxSyscalls.ARCH_GET_FS, scratch)).isZero();
        assertThat(process.memory().read64(scratch)).isEqualTo(0x7000_1000L);
        assertThat(call(LinuxSyscalls.SYS_ARCH_PRCTL, LinuxSyscalls.ARCH_GET_GS, scratch)).isZero();
        assertThat(process.memory().read64(scratch)).isEqualTo(0x7000_2000L);
        assertThat(call(LinuxSyscalls.SYS_ARCH_PRCTL, LinuxSyscalls.ARCH_GET_FS, 0)).isEqualTo(-Errno.EFAULT);
        assertThat(call(LinuxSyscalls.SYS_ARCH_PRCTL, LinuxSyscalls.ARCH_SET_FS, 0xFFFF_8000_0000_0000L))
                .isEqualTo(-Errno.EPERM);
        assertThat(call(LinuxSyscalls.SYS_ARCH_PRCTL, 0x1234, 0)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void unameDescribesTheSimulatedSystem() {
        assertThat(call(LinuxSyscalls.SYS_UNAME, scratch)).isZero();
        assertThat(peek(scratch, 6)).isEqualTo("Linux\0");
        assertThat(peek(scratch + 65, 6)).isEqualTo("hvsim\0");
        assertThat(peek(scratch + 130, 12)).isEqualTo("6.1.0-hvsim\0");
        assertThat(peek(scratch + 4 * 65, 7)).isEqualTo("x86_64\0");
        assertThat(call(LinuxSyscalls.SYS_UNAME, 0x10)).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void clocksAreDerivedFromRetiredInstructionsOnly() {
        assertThat(call(LinuxSyscalls.SYS_CLOCK_GETTIME, 0, scratch)).isZero();
        assertThat(process.memory().read64(scratch)).isEqualTo(SimulatedClock.EPOCH_SECONDS);
        assertThat(process.memory().read64(scratch + 8)).isZero();
        assertThat(call(LinuxSyscalls.SYS_CLOCK_GETTIME, 1, scratch)).isZero();
        assertThat(process.memory().read64(scratch)).isZero();
        assertThat(call(LinuxSyscalls.SYS_CLOCK_GETTIME, 99, scratch)).isEqualTo(-Errno.EINVAL);
        assertThat(call(LinuxSyscalls.SYS_TIME, 0)).isEqualTo(SimulatedClock.EPOCH_SECONDS);
        assertThat(call(LinuxSyscalls.SYS_GETTIMEOFDAY, scratch, 0)).isZero();
        assertThat(process.memory().read64(scratch)).isEqualTo(SimulatedClock.EPOCH_SECONDS);
    }

    @Test
    void identityCallsReturnFixedValues() {
        assertThat(call(LinuxSyscalls.SYS_GETPID)).isEqualTo(1000);
        assertThat(call(LinuxSyscalls.SYS_GETTID)).isEqualTo(1000);
        assertThat(call(LinuxSyscalls.SYS_SET_TID_ADDRESS, scratch)).isEqualTo(1000);
        assertThat(call(LinuxSyscalls.SYS_GETUID)).isEqualTo(1000);
        assertThat(call(LinuxSyscalls.SYS_GETEGID)).isEqualTo(1000);
        assertThat(call(LinuxSyscalls.SYS_RT_SIGPROCMASK, 0, 0, scratch, 8)).isZero();
        assertThat(call(LinuxSyscalls.SYS_RT_SIGACTION, 2, 0, scratch, 8)).isZero();
    }

    @Test
    void getrandomIsDeterministic() throws Exception {
        assertThat(call(LinuxSyscalls.SYS_GETRANDOM, scratch, 16, 0)).isEqualTo(16);
        String first = peek(scratch, 16);
        setUp();
        call(LinuxSyscalls.SYS_GETRANDOM, scratch, 16, 0);
        assertThat(peek(scratch, 16)).isEqualTo(first);
    }

    @Test
    void syscallNamesMatchTheLinuxTable() {
        assertThat(SyscallNames.name(0)).isEqualTo("read");
        assertThat(SyscallNames.name(59)).isEqualTo("execve");
        assertThat(SyscallNames.name(257)).isEqualTo("openat");
        assertThat(SyscallNames.name(334)).isEqualTo("rseq");
        assertThat(SyscallNames.name(435)).isEqualTo("clone3");
        assertThat(SyscallNames.name(400)).isEqualTo("unknown");
        assertThat(SyscallNames.name(-1)).isEqualTo("unknown");
    }
}
