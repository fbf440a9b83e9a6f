# External interrupts from the PIT through the 8259A PIC (vector 0x20): not taken while
# IF = 0; taken after the instruction following STI (the STI interrupt shadow, SDM Vol. 3A
# 6.8.3); taken right after a POPF that sets IF (no shadow); HLT woken by the timer with RIP
# after the HLT; an interrupt at CPL 3 goes through RSP0 and IRETQ returns to CPL 3.
        .include "common.inc"

# Spin long enough (> 2 PIT periods) for a timer edge to become pending.
.macro SPIN
        mov $400000, %ecx
77:     dec %ecx
        jnz 77b
.endm

main:
        # PIC: ICW1-4 as the guest kernel does, then unmask IRQ 0 only.
        mov $0x11, %al; out %al, $0x20; out %al, $0xa0
        mov $0x20, %al; out %al, $0x21
        mov $0x28, %al; out %al, $0xa1
        mov $0x04, %al; out %al, $0x21
        mov $0x02, %al; out %al, $0xa1
        mov $0x01, %al; out %al, $0x21; out %al, $0xa1
        mov $0xfe, %al; out %al, $0x21
        mov $0xff, %al; out %al, $0xa1
        # PIT channel 0, mode 2, divisor 100 (about 84 us, 251k cycles at 3 GHz).
        mov $0x34, %al; out %al, $0x43
        mov $100, %al;  out %al, $0x40
        xor %eax, %eax; out %al, $0x40

        SPIN
        CHECK "no-interrupt-while-if0", irq_count, $0

        # STI shadow: the pending interrupt is taken after the instruction following STI.
        xor %ebx, %ebx
        sti
        mov $1, %ebx
.Lshadow_next:
        mov $2, %ebx
        mov $3, %ebx
        cli
        CHECK "sti-interrupt-taken", irq_count, $1
        CHECK "sti-vector", irq_vector, $0x20
        CHECK "sti-shadow-one-insn-rbx", irq_rbx, $1
        CHECK "sti-shadow-rip", irq_rip, $.Lshadow_next
        CHECK "sti-irq-cs", irq_cs, $KCODE

        # POPF that sets IF: no shadow, the interrupt comes right after it.
        SPIN
        xor %ebx, %ebx
        pushq $0x202
        popfq
.Lafter_popf:
        mov $1, %ebx
        cli
        CHECK "popf-if-interrupt-taken", irq_count, $2
        CHECK "popf-if-no-shadow-rbx", irq_rbx, $0
        CHECK "popf-if-rip", irq_rip, $.Lafter_popf

        # HLT with IF = 1 sleeps until the next timer interrupt; RIP pushed = after HLT.
        sti
        hlt
.Lafter_hlt:
        cli
        CHECK "hlt-woken-by-timer", irq_count, $3
        CHECK "hlt-rip-after-hlt", irq_rip, $.Lafter_hlt
        mov irq_rflags, %rax
        and $0x200, %eax
        CHECK "hlt-pushed-if", %rax, $0x200

        # A timer interrupt at CPL 3: frame CS = user code, IRETQ back to CPL 3.
        lea user_wait(%rip), %rdi
        mov $0x202, %esi
        call run_user
        xor %eax, %eax                              # at least one more (the timer runs on)
        cmpq $4, irq_count
        setae %al
        CHECK "cpl3-irq-taken", %rax, $1
        CHECK "cpl3-irq-cs", irq_cs, $UCODE
        CHECK "cpl3-irq-back-in-cpl3", results+8*0, $UCODE
        ret

user_wait:
        mov irq_count, %rax
1:      cmp irq_count, %rax
        je 1b
        xor %eax, %eax
        mov %cs, %ax
        mov %rax, results
        int $0x80
