package org.hvsim.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;
import org.junit.jupiter.api.Test;

/** Whole programs (hand-assembled machine code) run through the interpreter. */
class UserProcessTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private RunResult run(byte[] code, long limit) throws Exception {
        ElfImage image = ElfImage.parse(TestElf.withCode(code).bytes());
        UserProcess p = UserProcess.create(image, ProcessConfig.of(List.of("t")),
                new GuestStreams(InputStream.nullInputStream(), out, new ByteArrayOutputStream()));
        return p.run(limit);
    }

    private static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }

    @Test
    void exitGroupEndsTheRunWithTheLowEightBitsOfTheStatus() throws Exception {
        // mov edi, 0x12a; mov eax, 231; syscall
        RunResult r = run(bytes(0xBF, 0x2A, 0x01, 0, 0, 0xB8, 0xE7, 0, 0, 0, 0x0F, 0x05), 100);
        assertThat(r.reason()).isEqualTo(StopReason.EXITED);
        assertThat(r.exitCode()).isEqualTo(0x2A);
        assertThat(r.instructions()).isEqualTo(3);
    }

    @Test
    void writeThenExit() throws Exception {
        // lea rsi,[rip+0x17]; mov edi,1; mov edx,3; mov eax,1; syscall; mov edi,0; mov eax,60; syscall; "hi\n"
        byte[] code = bytes(0x48, 0x8D, 0x35, 0x1D, 0, 0, 0,
                0xBF, 1, 0, 0, 0, 0xBA, 3, 0, 0, 0, 0xB8, 1, 0, 0, 0, 0x0F, 0x05,
                0xBF, 0, 0, 0, 0, 0xB8, 60, 0, 0, 0, 0x0F, 0x05, 'h', 'i', '\n');
        RunResult r = run(code, 100);
        assertThat(r.reason()).isEqualTo(StopReason.EXITED);
        assertThat(r.exitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hi\n");
    }

    @Test
    void unsupportedSystemCallStopsWithItsName() throws Exception {
        // mov eax, 257; syscall
        RunResult r = run(bytes(0xB8, 0x01, 0x01, 0, 0, 0x0F, 0x05), 100);
        assertThat(r.reason()).isEqualTo(StopReason.STOP_REQUESTED);
        assertThat(r.message()).isEqualTo("unsupported system call 257 (openat)");
    }

    @Test
    void storeToTheTextSegmentIsAPageFault() throws Exception {
        // mov dword [rip-6], eax  (targets its own text page, which is read+execute only)
        RunResult r = run(bytes(0x89, 0x05, 0xFA, 0xFF, 0xFF, 0xFF), 100);
        assertThat(r.reason()).isEqualTo(StopReason.GUEST_FAULT);
        assertThat(r.fault().vector()).isEqualTo(ExceptionVector.PF);
        assertThat(r.fault().errorCode()).isEqualTo(0x7);
        assertThat(r.faultRip()).isEqualTo(0x401000L);
    }

    @Test
    void runningOffTheEndOfTheTextIsAFetchFault() throws Exception {
        // jmp 0x500000 (E9 rel32)
        RunResult r = run(bytes(0xE9, 0xFB, 0xEF, 0x0F, 0x00), 100);
        assertThat(r.reason()).isEqualTo(StopReason.GUEST_FAULT);
        assertThat(r.fault().errorCode()).isEqualTo(0x14);
        assertThat(r.fault().faultAddress()).isEqualTo(0x500000L);
    }

    @Test
    void instructionLimitStopsAnEndlessLoop() throws Exception {
        RunResult r = run(bytes(0xFF, 0xC0, 0xEB, 0xFC), 1000); // loop: inc %eax; jmp loop
        assertThat(r.reason()).isEqualTo(StopReason.INSTRUCTION_LIMIT);
        assertThat(r.instructions()).isEqualTo(1000);
    }

    @Test
    void aJumpToItselfIsDiagnosedAtOnce() throws Exception {
        RunResult r = run(bytes(0xEB, 0xFE), 1000); // jmp $: nothing can ever leave it in user mode
        assertThat(r.reason()).isEqualTo(StopReason.STOP_REQUESTED);
        assertThat(r.instructions()).isEqualTo(1);
        assertThat(r.message()).startsWith("the guest loops forever at rip 0x");
    }
}
