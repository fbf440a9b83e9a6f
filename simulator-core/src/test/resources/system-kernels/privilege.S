# Privilege checks at CPL 3 (SDM Vol. 3A 5.9: privileged instructions are #GP(0) at CPL > 0),
# IOPL and the TSS I/O permission bitmap (SDM Vol. 1 19.5, 19.5.2), CLI/STI at CPL > IOPL,
# and POPF/PUSHF at CPL 0 and 3 with IOPL 0 and 3 (SDM Vol. 2B POPF).
        .include "common.inc"

        .set GP0, 0x0000000d00000000
        .set NONE, -1

main:
        mov $0xc0000080, %ecx                       # EFER.SCE = 1: SYSRET exists, so #GP not #UD
        rdmsr
        or $1, %eax
        wrmsr
        lea user_priv(%rip), %rdi
        mov $0x202, %esi
        call run_user
        CHECK "cpl3-hlt", results+8*0, $GP0
        CHECK "cpl3-mov-from-cr0", results+8*1, $GP0
        CHECK "cpl3-mov-to-cr3", results+8*2, $GP0
        CHECK "cpl3-mov-from-cr4", results+8*3, $GP0
        CHECK "cpl3-mov-to-cr8", results+8*4, $GP0
        CHECK "cpl3-lgdt", results+8*5, $GP0
        CHECK "cpl3-lidt", results+8*6, $GP0
        CHECK "cpl3-ltr", results+8*7, $GP0
        CHECK "cpl3-lldt", results+8*8, $GP0
        CHECK "cpl3-invlpg", results+8*9, $GP0
        CHECK "cpl3-wrmsr", results+8*10, $GP0
        CHECK "cpl3-rdmsr", results+8*11, $GP0
        CHECK "cpl3-clts", results+8*12, $GP0
        CHECK "cpl3-wbinvd", results+8*13, $GP0
        CHECK "cpl3-invd", results+8*14, $GP0
        CHECK "cpl3-swapgs", results+8*15, $GP0
        CHECK "cpl3-sysret", results+8*16, $GP0
        CHECK "cpl3-mov-to-dr7", results+8*17, $GP0
        CHECK "cpl3-lmsw", results+8*18, $GP0
        CHECK "cpl3-iopl0-cli", results+8*19, $GP0
        CHECK "cpl3-iopl0-sti", results+8*20, $GP0
        CHECK "cpl3-iopl0-out-denied-port", results+8*21, $GP0
        CHECK "cpl3-iopl0-in-denied-port", results+8*22, $GP0
        CHECK "cpl3-iopl0-in-bitmap-port", results+8*23, $NONE
        CHECK "cpl3-iopl0-in-bitmap-port-value", results+8*24, $0xff
        CHECK "cpl3-iopl0-out-bitmap-port", results+8*25, $NONE
        CHECK "cpl3-iopl0-inw-straddles-denied", results+8*26, $GP0
        CHECK "cpl3-iopl0-insb-denied", results+8*27, $GP0
        CHECK "cpl3-clac", results+8*28, $0x0000000600000000
        CHECK "cpl3-mov-to-ds-dpl0-data", results+8*29, $0x0000000d00000010
        CHECK "cpl3-mov-to-ss-dpl0", results+8*30, $0x0000000d00000010
        # POPF at CPL 3, IOPL 0 (IF = 1): IF and IOPL silently kept, CF and DF change, no fault
        CHECK "cpl3-iopl0-popf-no-fault", results+8*31, $NONE
        CHECK "cpl3-iopl0-popf-keeps-if-iopl", results+8*32, $0x603
        CHECK "cpl3-iopl0-pushf", results+8*33, $0x202

        lea user_iopl3(%rip), %rdi
        mov $0x3202, %esi                           # IOPL 3
        call run_user
        CHECK "cpl3-iopl3-pushf", results+8*0, $0x3202
        CHECK "cpl3-iopl3-cli", results+8*1, $NONE
        CHECK "cpl3-iopl3-cli-clears-if", results+8*2, $0x3002
        CHECK "cpl3-iopl3-sti", results+8*3, $NONE
        CHECK "cpl3-iopl3-out-any-port", results+8*4, $NONE
        CHECK "cpl3-iopl3-in-any-port", results+8*5, $NONE
        # POPF at CPL 3 = IOPL: IF changes, IOPL does not (only CPL 0 changes IOPL)
        CHECK "cpl3-iopl3-popf-if-changes-iopl-kept", results+8*6, $0x3003
        CHECK "cpl3-still-cpl3", results+8*7, $UCODE

        # POPF at CPL 0: IOPL and IF change
        pushq $0x3203
        popfq
        pushfq
        pop %rax
        CHECK "cpl0-popf-sets-iopl-if", %rax, $0x3203
        pushq $0x0002
        popfq
        pushfq
        pop %rax
        CHECK "cpl0-popf-clears-iopl-if", %rax, $0x0002
        ret

user_priv:
        UTRY 0, hlt
        UTRY 1, mov %cr0, %rax
        UTRY 2, mov %rax, %cr3
        UTRY 3, mov %cr4, %rax
        xor %eax, %eax
        UTRY 4, mov %rax, %cr8
        UTRY 5, lgdt gdt_ptr
        UTRY 6, lidt idt_ptr
        mov $TSS_SEL, %ax
        UTRY 7, ltr %ax
        xor %eax, %eax
        UTRY 8, lldt %ax
        UTRY 9, invlpg scratch
        mov $0xc0000081, %ecx
        UTRY 10, wrmsr
        UTRY 11, rdmsr
        UTRY 12, clts
        UTRY 13, wbinvd
        UTRY 14, invd
        UTRY 15, swapgs
        lea 1f(%rip), %rcx
        UTRY 16, sysretq
1:      xor %eax, %eax
        UTRY 17, mov %rax, %dr7
        UTRY 18, lmsw %ax
        UTRY 19, cli
        UTRY 20, sti
        mov $COM1, %dx
        UTRY 21, out %al, %dx
        UTRY 22, in %dx, %al
        xor %eax, %eax
        UTRY 23, in $0x80, %al                      # port 0x80 is granted by the bitmap
        mov %rax, results + 8 * 24
        UTRY 25, out %al, $0x80
        mov $0x7f, %dx                              # 0x7F-0x80: 0x7F is denied
        UTRY 26, in %dx, %ax
        mov $0x81, %dx
        lea scratch(%rip), %rdi
        UTRY 27, insb
        UTRY 28, clac
        mov $KDATA, %ax
        UTRY 29, mov %ax, %ds
        UTRY 30, mov %ax, %ss
        std                                         # DF = 1
        pushq $0x3001                               # CF = 1, IOPL = 3, IF = 0, DF = 0
        pushq $0x3401                               # CF = 1, IOPL = 3, IF = 0, DF = 1
        UTRY 31, popfq
        pushfq
        popq results + 8 * 32
        add $8, %rsp
        cld
        pushq $0x202
        popfq
        pushfq
        popq results + 8 * 33
        int $0x80

user_iopl3:
        pushfq
        popq results + 8 * 0
        UTRY 1, cli
        pushfq
        popq results + 8 * 2
        UTRY 3, sti
        mov $0x81, %dx
        UTRY 4, out %al, %dx
        UTRY 5, in $0x61, %al
        pushq $0x0003                               # IOPL 0, IF 0, CF 1
        popfq
        pushfq
        popq results + 8 * 6
        xor %eax, %eax
        mov %cs, %ax
        mov %rax, results + 8 * 7
        int $0x80
