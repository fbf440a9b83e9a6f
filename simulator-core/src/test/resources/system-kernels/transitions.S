# SYSCALL/SYSRET (SDM Vol. 2B: IA32_STAR/LSTAR/FMASK, RCX/R11, the selectors they load, CPL)
# and IRETQ (Vol. 2A IRET: same-level and outer-level returns, RFLAGS rules per CPL/IOPL,
# data segments nulled on a return to an outer level, #GP(selector) for an inward return).
        .include "common.inc"

        .set GP0, 0x0000000d00000000
        .set NONE, -1
        .set STAR_VALUE, 0x0010000800000000          # SYSRET base 0x10, SYSCALL CS 0x08

main:
        TRY syscall                                 # EFER.SCE = 0: #UD
        CHECK "syscall-sce0-ud", exc_code, $0x0000000600000000
        mov $0xc0000080, %ecx
        rdmsr
        or $1, %eax
        wrmsr
        mov $0xc0000081, %ecx
        movabs $STAR_VALUE, %rax
        mov %rax, %rdx
        shr $32, %rdx
        wrmsr
        mov $0xc0000082, %ecx
        lea syscall_entry(%rip), %rax
        mov %rax, %rdx
        shr $32, %rdx
        wrmsr
        mov $0xc0000084, %ecx
        mov $0x600, %eax                            # FMASK: clear IF and DF
        xor %edx, %edx
        wrmsr

        lea user_syscall(%rip), %rdi
        mov $0x202, %esi
        call run_user
        CHECK "syscall-rcx-next-rip", sc_rcx, $user_after_syscall
        CHECK "syscall-r11-rflags", sc_r11, $0x646
        CHECK "syscall-rflags-masked", sc_rflags, $0x046
        CHECK "syscall-cs", sc_cs, $KCODE
        CHECK "syscall-ss", sc_ss, $KDATA
        CHECK "syscall-rsp-unchanged", sc_rsp, $ustack_top-8
        CHECK "sysret-cs", results+8*0, $UCODE
        CHECK "sysret-ss", results+8*1, $UDATA
        CHECK "sysret-rflags-from-r11", results+8*2, $0x647
        CHECK "sysret-rip-from-rcx", results+8*3, $1

        movabs $0x8000000000000000, %rcx            # non-canonical RCX: #GP(0) at CPL 0
        mov $0x202, %r11d
        TRY sysretq
        CHECK "sysret-noncanonical-gp0", exc_code, $GP0
        CHECK "sysret-noncanonical-fault-cs", exc_cs, $KCODE

        # IRETQ at CPL 0 to CPL 0 on another stack: SS:RSP and RFLAGS (IOPL, IF) are popped.
        mov %rsp, %rbx
        lea scratch+64(%rip), %rax
        pushq $KDATA
        push %rax
        pushq $0x3003
        pushq $KCODE
        lea 1f(%rip), %rax
        push %rax
        iretq
1:      mov %rsp, %r12
        pushfq
        pop %r13
        mov %rbx, %rsp
        lea scratch+64(%rip), %rax
        CHECK "iretq-cpl0-rsp", %r12, %rax
        CHECK "iretq-cpl0-rflags", %r13, $0x3003
        pushq $0x2
        popfq

        # IRETQ to CPL 3 with DS = a DPL 0 data segment: DS is nulled; IOPL 3 from the frame.
        mov $KDATA, %ax
        mov %ax, %ds
        lea user_iret(%rip), %rdi
        mov $0x3202, %esi
        call run_user
        CHECK "iretq-to-cpl3-rflags", results+8*0, $0x3202
        CHECK "iretq-to-cpl3-ds-nulled", results+8*1, $0
        CHECK "iretq-to-cpl3-cs", results+8*2, $UCODE
        CHECK "iretq-to-cpl3-ss", results+8*3, $UDATA
        CHECK "iretq-cpl3-same-level-rflags", results+8*4, $0x3003
        CHECK "iretq-cpl3-same-level-rsp", results+8*5, $ustack_top-64
        CHECK "iretq-cpl3-to-cpl0-gp-selector", results+8*6, $0x0000000d00000008
        CHECK "iretq-back-from-handler-cpl3", results+8*7, $UCODE
        lea user_iret_iopl0(%rip), %rdi
        mov $0x202, %esi
        call run_user
        CHECK "iretq-cpl3-iopl0-keeps-if-iopl", results+8*8, $0x203
        ret

# same-level IRETQ at CPL 3, IOPL 0: neither IF nor IOPL change
user_iret_iopl0:
        lea ustack_top-64(%rip), %rax
        pushq $UDATA
        push %rax
        pushq $0x3003
        pushq $UCODE
        lea 1f(%rip), %rax
        push %rax
        iretq
1:      pushfq
        popq results+8*8
        int $0x80

syscall_entry:
        pushfq
        popq sc_rflags
        mov %rcx, sc_rcx
        mov %r11, sc_r11
        mov %rsp, sc_rsp
        xor %eax, %eax
        mov %cs, %ax
        mov %rax, sc_cs
        mov %ss, %ax
        mov %rax, sc_ss
        lea user_after_sysret(%rip), %rcx           # return elsewhere, with CF set
        or $1, %r11
        sysretq

user_syscall:
        lea ustack_top-8(%rip), %rsp
        std
        xor %edx, %edx                              # RFLAGS = 0x646 (IF DF ZF PF)
        syscall
user_after_syscall:
        int $0x80                                   # not reached: SYSRET goes elsewhere
user_after_sysret:
        pushfq
        popq results+8*2
        cld
        xor %eax, %eax
        mov %cs, %ax
        mov %rax, results+8*0
        mov %ss, %ax
        mov %rax, results+8*1
        movq $1, results+8*3
        int $0x80

user_iret:
        pushfq
        popq results+8*0
        xor %eax, %eax
        mov %ds, %ax
        mov %rax, results+8*1
        mov %cs, %ax
        mov %rax, results+8*2
        mov %ss, %ax
        mov %rax, results+8*3
        # same-level IRETQ at CPL 3, IOPL 3: IF may change (CPL <= IOPL), IOPL may not
        lea ustack_top-64(%rip), %rax
        pushq $UDATA
        push %rax
        pushq $0x0003
        pushq $UCODE
        lea 1f(%rip), %rax
        push %rax
        iretq
1:      pushfq
        popq results+8*4
        mov %rsp, results+8*5
        # IRETQ to CPL 0 from CPL 3: #GP(return CS selector)
        pushq $KDATA
        push %rsp
        pushq $2
        pushq $KCODE
        lea 2f(%rip), %rax
        push %rax
        UTRY 6, iretq
2:      xor %eax, %eax
        mov %cs, %ax                                # the #GP handler IRETQ'd back to CPL 3
        mov %rax, results+8*7
        int $0x80
        .data
sc_rcx:    .quad 0
sc_r11:    .quad 0
sc_rflags: .quad 0
sc_rsp:    .quad 0
sc_cs:     .quad 0
sc_ss:     .quad 0
