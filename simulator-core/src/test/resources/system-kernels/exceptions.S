# Exception delivery through the 64-bit IDT (Intel SDM Vol. 3A 6.12-6.15): vectors, error
# codes, the pushed SS/RSP/RFLAGS/CS/RIP, RSP alignment, stack switches (RSP0, IST), fault vs
# trap return addresses, INT n gate DPL checks, interrupt vs trap gates, #PF error codes and CR2,
# and a contributory pair escalating to #DF.
        .include "common.inc"

main:
        lea isr_stubs + 16 * 0x81(%rip), %rax
        GATE 0x81, %rax, TRAPGATE3                  # trap gate: IF kept
        lea isr_stubs + 16 * 0x82(%rip), %rax
        GATE 0x82, %rax, INTGATE0                   # DPL 0: INT 0x82 from CPL 3 is #GP(0x412)
        lea isr_stubs + 16 * 0x83(%rip), %rax
        GATE 0x83, %rax, INTGATE3, 1                # interrupt gate on IST1
        lea isr_stubs + 16 * 0x84(%rip), %rax
        GATE 0x84, %rax, NOTPRESENT3                # not present: #NP(0x84*8+2)

        # ---- #DE: a fault, RIP = the DIV; same-CPL frame still pushes SS:RSP; RSP aligned ---
        mov %rsp, %rbp
        sub $8, %rsp                                # misalign by 8: delivery aligns to 16
        mov %rsp, %r12
        xor %ecx, %ecx
        TRY .Lde: div %rcx
        mov %rbp, %rsp
        CHECK "de-code", exc_code, $0x0000000000000000
        CHECK "de-rip-is-faulting-insn", exc_rip, $.Lde
        CHECK "de-cs", exc_cs, $KCODE
        CHECK "de-ss", exc_ss, $KDATA
        CHECK "de-rsp", exc_rsp, %r12
        mov %r12, %r13
        and $-16, %r13
        CHECK "de-frame-aligned-16", exc_frame_top, %r13
        mov exc_handler_rflags, %rax
        and $0x200, %eax
        CHECK "de-handler-if-clear", %rax, $0

        # ---- #UD ---------------------------------------------------------------------------
        TRY .Lud: ud2
        CHECK "ud-code", exc_code, $0x0000000600000000
        CHECK "ud-rip", exc_rip, $.Lud

        # ---- #BP from INT3 is a trap: RIP = next instruction --------------------------------
        movq $-1, exc_code
        int3
.Lafter_int3:
        CHECK "bp-code", exc_code, $0x0000000300000000
        CHECK "bp-rip-is-next-insn", exc_rip, $.Lafter_int3

        # ---- #GP(0) for an unknown MSR --------------------------------------------------------
        mov $0x12345678, %ecx
        TRY .Lrdmsr: rdmsr
        CHECK "gp-rdmsr-unknown", exc_code, $0x0000000d00000000
        CHECK "gp-rdmsr-rip", exc_rip, $.Lrdmsr

        # ---- far JMP: #GP(selector) for a selector beyond the GDT limit or a data segment,
        # ---- #NP(selector) for a not-present code segment, success for 0x08 -----------------
        lea .Lfar_ok(%rip), %rax
        mov %rax, scratch
        movw $0x48, scratch + 8
        TRY FARJMP_SCRATCH
        CHECK "gp-farjmp-beyond-limit", exc_code, $0x0000000d00000048
        movw $0x10, scratch + 8
        TRY FARJMP_SCRATCH
        CHECK "gp-farjmp-data-segment", exc_code, $0x0000000d00000010
        movw $NP_CODE, scratch + 8
        TRY FARJMP_SCRATCH
        CHECK "np-farjmp-not-present", exc_code, $0x0000000b00000038
        movw $KCODE, scratch + 8
        movq $-1, exc_code
        FARJMP_SCRATCH
        jmp .Lfar_bad
.Lfar_ok:
        CHECK "farjmp-valid-no-fault", exc_code, $-1
        xor %eax, %eax
        mov %cs, %ax
        CHECK "farjmp-valid-cs", %rax, $KCODE
        jmp .Lfar_done
.Lfar_bad:
        CHECK "farjmp-valid-reached-target", $0, $1
.Lfar_done:

        # ---- #PF: error code (P, W/R, U/S, I/D) and CR2 ---------------------------------------
        TRY movq PAGE_NOT_PRESENT + 0x123, %rax
        CHECK "pf-read-not-present", exc_code, $0x0000000e00000000
        CHECK "pf-read-not-present-cr2", exc_cr2, $PAGE_NOT_PRESENT+0x123
        TRY movq $1, PAGE_NOT_PRESENT + 0x1008
        CHECK "pf-write-not-present", exc_code, $0x0000000e00000002
        CHECK "pf-write-not-present-cr2", exc_cr2, $PAGE_NOT_PRESENT+0x1008
        TRY movb $1, PAGE_READ_ONLY + 0x10      # CR0.WP = 1: supervisor writes obey R/W
        CHECK "pf-write-read-only-cr0wp", exc_code, $0x0000000e00000003
        CHECK "pf-write-read-only-cr2", exc_cr2, $PAGE_READ_ONLY+0x10
        # Instruction fetch from a no-execute page (EFER.NXE = 1 makes the I/D bit reported).
        mov $0xc0000080, %ecx
        rdmsr
        or $0x800, %eax
        wrmsr
        mov $PAGE_NX + 0x40, %rax
        TRY jmp *%rax
        CHECK "pf-fetch-nx", exc_code, $0x0000000e00000011
        CHECK "pf-fetch-nx-cr2", exc_cr2, $PAGE_NX+0x40
        CHECK "pf-fetch-nx-rip", exc_rip, $PAGE_NX+0x40
        mov $PAGE_NOT_PRESENT + 0x80, %rax
        TRY jmp *%rax
        CHECK "pf-fetch-not-present", exc_code, $0x0000000e00000010
        # User-mode accesses (run at CPL 3, results checked here).
        lea user_pf(%rip), %rdi
        mov $0x202, %esi
        call run_user
        CHECK "pf-user-read-supervisor", results+0, $0x0000000e00000005
        CHECK "pf-user-read-supervisor-cr2", results+8, $PAGE_SUPERVISOR+0x20
        CHECK "pf-user-write-not-present", results+16, $0x0000000e00000006
        CHECK "pf-user-write-read-only", results+24, $0x0000000e00000007
        CHECK "pf-user-fault-cs", results+32, $UCODE
        CHECK "pf-user-fault-ss", results+40, $UDATA

        # ---- privilege change CPL 3 -> 0: stack from TSS.RSP0, SS:RSP of the user pushed ---
        lea user_int(%rip), %rdi
        mov $0x202, %esi
        call run_user
        CHECK "int80-from-cpl3-cs", exc_cs, $UCODE
        CHECK "int80-from-cpl3-ss", exc_ss, $UDATA
        CHECK "int80-from-cpl3-rip", exc_rip, $user_int_after
        lea ustack_top - 24(%rip), %rax
        CHECK "int80-from-cpl3-rsp", exc_rsp, %rax
        CHECK "int80-from-cpl3-rflags", exc_rflags, $0x246
        lea rsp0_top(%rip), %rax
        CHECK "int80-stack-is-tss-rsp0", exc_frame_top, %rax
        CHECK "int80-handler-ss-null", exc_handler_ss, $0
        CHECK "int-dpl0-gate-from-cpl3", results+0, $0x0000000d00000412
        CHECK "int-dpl0-gate-from-cpl3-rip", results+8, $user_int_dpl0
        CHECK "int-not-present-gate", results+16, $0x0000000b00000422
        CHECK "int3-from-cpl3", results+24, $0x0000000300000000
        CHECK "int3-from-cpl3-rip", results+32, $user_int3_after

        # ---- IST1: the stack is the IST pointer aligned down to 16 (TSS IST1 = top + 8) ------
        int $0x83
        lea ist1_top(%rip), %rax
        CHECK "ist1-stack", exc_frame_top, %rax
        CHECK "ist1-vector", exc_vector, $0x83

        # ---- interrupt gate clears IF, trap gate keeps it; the pushed RFLAGS has IF = 1 ------
        sti                                         # the PIC is masked: nothing arrives
        int $0x83
        mov exc_rflags, %rax;         and $0x200, %eax
        CHECK "intgate-pushed-if", %rax, $0x200
        mov exc_handler_rflags, %rax; and $0x200, %eax
        CHECK "intgate-handler-if-clear", %rax, $0
        int $0x81
        mov exc_rflags, %rax;         and $0x200, %eax
        CHECK "trapgate-pushed-if", %rax, $0x200
        mov exc_handler_rflags, %rax; and $0x200, %eax
        CHECK "trapgate-handler-if-set", %rax, $0x200
        cli

        # ---- #GP whose #GP gate is not present -> #NP (contributory) -> #DF(0) -------------
        lea isr_stubs + 16 * 13(%rip), %rax
        GATE 13, %rax, 0x0e                         # gate 13: not present
        mov $0x12345678, %ecx
        TRY .Ldf: wrmsr
        CHECK "df-after-gp-np", exc_code, $0x0000000800000000
        CHECK "df-rip", exc_rip, $.Ldf
        lea isr_stubs + 16 * 13(%rip), %rax
        GATE 13, %rax, INTGATE0
        ret

# CPL 3 page faults: results[0..5]
user_pf:
        UTRY 0, movq PAGE_SUPERVISOR + 0x20, %rax
        mov exc_cr2, %rax
        mov %rax, results + 8
        UTRY 2, movq $1, PAGE_NOT_PRESENT + 0x30
        UTRY 3, movq $1, PAGE_READ_ONLY + 0x30
        mov exc_cs, %rax
        mov %rax, results + 32
        mov exc_ss, %rax
        mov %rax, results + 40
        int $0x80

# CPL 3 software interrupts: results[0..4], then INT 0x80 with ZF=PF=1 in RFLAGS.
user_int:
        TRY .Luser_int_dpl0: int $0x82
        mov exc_code, %rax; mov %rax, results + 0
        mov exc_rip, %rax;  mov %rax, results + 8
        UTRY 2, int $0x84
        movq $-1, exc_code
        int3
user_int3_after:
        mov exc_code, %rax; mov %rax, results + 24
        mov exc_rip, %rax;  mov %rax, results + 32
        lea ustack_top - 24(%rip), %rsp
        xor %eax, %eax                              # RFLAGS = IF | ZF | PF | 2 = 0x246
        int $0x80
user_int_after:
        .set user_int_dpl0, .Luser_int_dpl0
