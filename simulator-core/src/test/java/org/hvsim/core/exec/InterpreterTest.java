package org.hvsim.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.core.CpuState;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.Registers;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.core.user.UserAddressSpace;
import org.hvsim.mmu.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** The dispatch loop: blocks, chaining, instruction budgets, faults, self-modifying code. */
class InterpreterTest {
    private static final long CODE = 0x40_0000L;
    private static final long STACK_TOP = 0x80_0000L;

    private final PhysicalMemory physical = new PhysicalMemory();
    private final UserAddressSpace space = new UserAddressSpace(physical);
    private final Interpreter cpu;

    InterpreterTest() {
        space.map(CODE, CODE + 0x2000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE | UserAddressSpace.PROT_EXEC);
        space.map(STACK_TOP - 0x1000, STACK_TOP, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        cpu = new Interpreter(new CpuState(), new LinearMemory(physical, space));
        cpu.setSystemCallHandler(c -> c.exit((int) c.gpr[Registers.RAX]));
        cpu.state.rip = CODE;
        cpu.gpr[Registers.RSP] = STACK_TOP;
    }

    private void load(int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            physical.write8(CODE + i, bytes[i]);
        }
    }

    @Test
    void loopRetiresExactInstructionCount() {
        load(0xb9, 0x64, 0x00, 0x00, 0x00,   // mov $100,%ecx
             0xff, 0xc9,                     // loop: dec %ecx
             0x75, 0xfc,                     // jne loop
             0x89, 0xc8,                     // mov %ecx,%eax
             0x0f, 0x05);                    // syscall -> exit(eax)
        RunResult r = cpu.run(Long.MAX_VALUE);
        assertThat(r.reason()).isEqualTo(StopReason.EXITED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.instructions()).isEqualTo(1 + 2 * 100 + 2);
        assertThat(cpu.retiredInstructions()).isEqualTo(203);
    }

    @Test
    void instructionBudgetStopsExactlyAndRunContinues() {
        load(0x48, 0xff, 0xc0,   // loop: inc %rax
             0xeb, 0xfb);        // jmp loop
        RunResult first = cpu.run(1001);
        assertThat(first.reason()).isEqualTo(StopReason.INSTRUCTION_LIMIT);
        assertThat(first.instructions()).isEqualTo(1001);
        assertThat(cpu.gpr[Registers.RAX]).isEqualTo(501);
        assertThat(cpu.state.rip).isEqualTo(CODE + 3); // stopped after an inc, before the jmp
        RunResult second = cpu.run(1);
        assertThat(second.instructions()).isEqualTo(1);
        assertThat(cpu.state.rip).isEqualTo(CODE);
    }

    @Test
    void selfModifyingStoreIsSeenByTheNextInstructionInTheSameBlock() {
        load(0xc6, 0x05, 0x01, 0x00, 0x00, 0x00, 0x2a, // movb $42,1(%rip): patches the imm below
             0xb8, 0x00, 0x00, 0x00, 0x00,             // mov $0,%eax  (becomes mov $42,%eax)
             0x0f, 0x05);                              // syscall -> exit(eax)
        RunResult r = cpu.run(Long.MAX_VALUE);
        assertThat(r.reason()).isEqualTo(StopReason.EXITED);
        assertThat(r.exitCode()).isEqualTo(42);
    }

    @Test
    void rewrittenLoopBodyIsDecodedAgain() {
        // A loop that runs once, patches its own "add $1" into "add $2" and runs again.
        load(0x83, 0xc0, 0x01,                         // body: add $1,%eax
             0x83, 0xfb, 0x01,                         // cmp $1,%ebx
             0x74, 0x0b,                               // je done
             0xc6, 0x05, 0xf3, 0xff, 0xff, 0xff, 0x02, // movb $2,body+2(%rip)
             0xff, 0xc3,                               // inc %ebx
             0xeb, 0xed,                               // jmp body
             0x0f, 0x05);                              // done: syscall -> exit(eax)
        RunResult r = cpu.run(Long.MAX_VALUE);
        assertThat(r.reason()).isEqualTo(StopReason.EXITED);
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void invalidOpcodeIsAGuestFaultAtItsAddress() {
        load(0x90,          // nop
             0x0f, 0x0b);   // ud2
        RunResult r = cpu.run(Long.MAX_VALUE);
        assertThat(r.reason()).isEqualTo(StopReason.GUEST_FAULT);
        assertThat(r.fault().vector()).isEqualTo(ExceptionVector.UD);
        assertThat(r.faultRip()).isEqualTo(CODE + 1);
        assertThat(r.instructions()).isEqualTo(1);
    }

    @Test
    void divideByZeroRaisesDivideError() {
        load(0x31, 0xc9,    // xor %ecx,%ecx
             0xf7, 0xf1);   // div %ecx
        RunResult r = cpu.run(Long.MAX_VALUE);
        assertThat(r.fault().vector()).isEqualTo(ExceptionVector.DE);
        assertThat(r.faultRip()).isEqualTo(CODE + 2);
    }

    @Test
    void readOfUnmappedPageIsAUserPageFault() {
        load(0x48, 0x8b, 0x04, 0x25, 0x00, 0x10, 0x00, 0x00); // mov 0x1000,%rax
        RunResult r = cpu.run(Long.MAX_VALUE);
        GuestFault f = r.fault();
        assertThat(f.vector()).isEqualTo(ExceptionVector.PF);
        assertThat(f.faultAddress()).isEqualTo(0x1000);
        assertThat(f.errorCode()).isEqualTo(GuestFault.PF_USER);
    }

    @Test
    void storeToReadOnlyPageFaultsWithoutChangingFlagsOrMemory() {
        space.map(0x50_0000L, 0x50_1000L, UserAddressSpace.PROT_READ);
        load(0xbb, 0x00, 0x00, 0x50, 0x00,   // mov $0x500000,%ebx
             0x31, 0xc0,                     // xor %eax,%eax (ZF=1)
             0x83, 0x03, 0x05);              // addl $5,(%rbx)
        RunResult r = cpu.run(Long.MAX_VALUE);
        assertThat(r.fault().vector()).isEqualTo(ExceptionVector.PF);
        assertThat(r.fault().errorCode()).isEqualTo(GuestFault.PF_USER | GuestFault.PF_WRITE | GuestFault.PF_PRESENT);
        assertThat(cpu.flags.zf()).isTrue();
        assertThat(physical.read32(0x50_0000L)).isZero();
    }

    @Test
    void callAndReturnUseTheStack() {
        load(0xe8, 0x03, 0x00, 0x00, 0x00,   // call f
             0x0f, 0x05,                     // syscall -> exit(eax)
             0x90,                           // (padding)
             0xb8, 0x07, 0x00, 0x00, 0x00,   // f: mov $7,%eax
             0xc3);                          // ret
        // call f targets CODE+8: rel32 = 8 - 5 = 3
        RunResult r = cpu.run(Long.MAX_VALUE);
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(cpu.gpr[Registers.RSP]).isEqualTo(STACK_TOP);
        assertThat(physical.read64(STACK_TOP - 8)).isEqualTo(CODE + 5);
    }
}
