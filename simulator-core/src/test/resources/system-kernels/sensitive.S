# The sensitive-but-unprivileged instructions at CPL 3 (Robin & Irvine, USENIX Security 2000):
# they read privileged state without trapping - SGDT, SIDT, SLDT, STR, SMSW, reads of CS/SS,
# LAR, LSL, VERR, VERW, PUSHF - unless CR4.UMIP makes the first five #GP(0) at CPL > 0
# (SDM Vol. 3A 2.5, Vol. 2B SGDT/SIDT/SLDT/STR/SMSW, Vol. 2A LAR/LSL, Vol. 2B VERR/VERW).
        .include "common.inc"

        .set GP0, 0x0000000d00000000
        .set NONE, -1

# ZF_TO slot: store ZF (0/1) into results[slot]
.macro ZF_TO slot:req
        setz %r15b
        movzbq %r15b, %r15
        mov %r15, results + 8 * \slot
.endm

main:
        lea user_reads(%rip), %rdi
        mov $0x202, %esi
        call run_user
        CHECK "cpl3-sgdt-no-fault", results+8*0, $NONE
        CHECK "cpl3-sgdt-limit", results+8*1, $gdt_end-gdt-1
        CHECK "cpl3-sgdt-base", results+8*2, $gdt
        CHECK "cpl3-sidt-no-fault", results+8*3, $NONE
        CHECK "cpl3-sidt-limit", results+8*4, $0xfff
        CHECK "cpl3-sidt-base", results+8*5, $idt
        CHECK "cpl3-smsw-reg16", results+8*6, $0x33
        CHECK "cpl3-smsw-mem16", results+8*7, $0x33
        CHECK "cpl3-str", results+8*8, $TSS_SEL
        CHECK "cpl3-sldt", results+8*9, $0
        CHECK "cpl3-mov-from-cs-rpl3", results+8*10, $UCODE
        CHECK "cpl3-mov-from-ss-rpl3", results+8*11, $UDATA
        CHECK "cpl3-lar-user-code-zf", results+8*12, $1
        CHECK "cpl3-lar-user-code-rights", results+8*13, $0x00a0fb00
        CHECK "cpl3-lar-kernel-code-zf", results+8*14, $0
        CHECK "cpl3-lar-kernel-code-dest-unchanged", results+8*15, $0x5a5a
        CHECK "cpl3-lsl-user-data-zf", results+8*16, $1
        CHECK "cpl3-lsl-user-data-limit", results+8*17, $0xffffffff
        CHECK "cpl3-lsl-tss-dpl0-zf", results+8*18, $0
        CHECK "cpl3-verr-user-code", results+8*19, $1
        CHECK "cpl3-verw-user-code", results+8*20, $0
        CHECK "cpl3-verw-user-data", results+8*21, $1
        CHECK "cpl3-verr-kernel-data", results+8*22, $0
        CHECK "cpl3-verr-null", results+8*23, $0
        CHECK "cpl3-verr-beyond-limit", results+8*24, $0
        CHECK "cpl3-pushf-reveals-if", results+8*25, $0x200

        # CPL 0 views of the TSS descriptor (busy after LTR) and the kernel code segment.
        mov $TSS_SEL, %ecx
        mov $0, %eax
        lar %ecx, %eax
        setz %bl
        movzbq %bl, %rbx
        and $0x00f0ff00, %eax
        mov %rax, %r12
        CHECK "cpl0-lar-tss-zf", %rbx, $1
        CHECK "cpl0-lar-tss-busy", %r12, $0x00008b00
        mov $TSS_SEL, %ecx
        lsl %ecx, %eax
        CHECK "cpl0-lsl-tss-limit", %rax, $TSS_LIMIT
        mov $KCODE, %ecx
        lar %ecx, %eax
        and $0x00f0ff00, %eax
        CHECK "cpl0-lar-kernel-code", %rax, $0x00a09b00

        # CR4.UMIP: the same reads fault at CPL 3, still work at CPL 0.
        mov %cr4, %rax
        or $0x800, %rax
        mov %rax, %cr4
        sgdt scratch
        movzwl scratch, %eax
        CHECK "cpl0-umip-sgdt-allowed", %rax, $gdt_end-gdt-1
        lea user_umip(%rip), %rdi
        mov $0x202, %esi
        call run_user
        CHECK "cpl3-umip-sgdt", results+8*0, $GP0
        CHECK "cpl3-umip-sidt", results+8*1, $GP0
        CHECK "cpl3-umip-sldt", results+8*2, $GP0
        CHECK "cpl3-umip-str", results+8*3, $GP0
        CHECK "cpl3-umip-smsw", results+8*4, $GP0
        CHECK "cpl3-umip-lar-still-allowed", results+8*5, $NONE
        mov %cr4, %rax
        and $~0x800, %rax
        mov %rax, %cr4
        ret

user_reads:
        UTRY 0, sgdt scratch
        movzwq scratch, %rax;   mov %rax, results + 8 * 1
        mov scratch + 2, %rax;  mov %rax, results + 8 * 2
        UTRY 3, sidt scratch
        movzwq scratch, %rax;   mov %rax, results + 8 * 4
        mov scratch + 2, %rax;  mov %rax, results + 8 * 5
        xor %eax, %eax
        smsw %ax
        mov %rax, results + 8 * 6
        movq $0, scratch
        smsw scratch
        mov scratch, %rax;      mov %rax, results + 8 * 7
        xor %eax, %eax
        str %ax
        mov %rax, results + 8 * 8
        mov $0x77, %eax
        sldt %ax
        mov %rax, results + 8 * 9
        xor %eax, %eax
        mov %cs, %ax
        mov %rax, results + 8 * 10
        xor %eax, %eax
        mov %ss, %ax
        mov %rax, results + 8 * 11
        mov $UCODE, %ecx
        lar %ecx, %eax
        ZF_TO 12
        and $0x00f0ff00, %eax
        mov %rax, results + 8 * 13
        mov $KCODE, %ecx
        mov $0x5a5a, %eax
        lar %ecx, %eax
        ZF_TO 14
        mov %rax, results + 8 * 15
        mov $UDATA, %ecx
        lsl %ecx, %eax
        ZF_TO 16
        mov %rax, results + 8 * 17
        mov $TSS_SEL, %ecx
        lsl %ecx, %eax
        ZF_TO 18
        mov $UCODE, %ecx
        verr %cx
        ZF_TO 19
        verw %cx
        ZF_TO 20
        mov $UDATA, %ecx
        verw %cx
        ZF_TO 21
        mov $KDATA, %ecx
        verr %cx
        ZF_TO 22
        xor %ecx, %ecx
        verr %cx
        ZF_TO 23
        mov $0x100, %ecx
        verr %cx
        ZF_TO 24
        pushfq
        pop %rax
        and $0x3200, %eax
        mov %rax, results + 8 * 25
        int $0x80

user_umip:
        UTRY 0, sgdt scratch
        UTRY 1, sidt scratch
        UTRY 2, sldt %ax
        UTRY 3, str %ax
        UTRY 4, smsw %ax
        mov $UCODE, %ecx
        UTRY 5, lar %ecx, %eax
        int $0x80
