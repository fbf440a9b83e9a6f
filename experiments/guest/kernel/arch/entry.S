/*
 * entry.S - every way into and out of the kernel.
 *
 *  1. syscall_entry: user code executed SYSCALL. The CPU saved the user RIP in
 *     RCX and RFLAGS in R11, loaded CS/SS from STAR, cleared the FMASK bits of
 *     RFLAGS (so IF=0) and jumped here - still on the USER stack, with the
 *     user's GS. We switch to the kernel stack, build a trap frame, call C
 *     (syscall_dispatch), and go back with SYSRETQ.
 *  2. trap_stubs / trap_common: exceptions and IRQs. The CPU already switched
 *     to the TSS RSP0 stack if we came from user mode and pushed SS, RSP,
 *     RFLAGS, CS, RIP (and an error code for some exceptions).
 *  3. swtch: the kernel-to-kernel context switch between two kernel stacks.
 *
 * struct trapframe in cpu.h describes the frame built here.
 */
#define SEL_UCODE (0x20 | 3)
#define SEL_UDATA (0x18 | 3)
#define VEC_SYSCALL 0x100
#define PERCPU_KERNEL_RSP 0
#define PERCPU_USER_RSP   8

.macro PUSH_GPRS
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
.endm

.macro POP_GPRS
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
.endm

    .text

/* ---------------------------------------------------------------- SYSCALL */
    .globl syscall_entry
syscall_entry:
    swapgs                              /* GS base := &percpu */
    movq %rsp, %gs:PERCPU_USER_RSP      /* park the user stack pointer */
    movq %gs:PERCPU_KERNEL_RSP, %rsp    /* this process's kernel stack */
    /* Fake the part of the frame an interrupt would have pushed, so the C
     * side sees the same struct trapframe for every kind of entry. */
    pushq $SEL_UDATA                    /* ss */
    pushq %gs:PERCPU_USER_RSP           /* rsp */
    pushq %r11                          /* rflags (saved by SYSCALL) */
    pushq $SEL_UCODE                    /* cs */
    pushq %rcx                          /* rip (saved by SYSCALL) */
    pushq $0                            /* error code */
    pushq $VEC_SYSCALL                  /* vector */
    PUSH_GPRS
    movq %rsp, %rdi                     /* argument: struct trapframe * */
    call syscall_dispatch               /* runs with IF=0; result in tf->rax */
    /* Return path. The frame may have been changed (exec sets a new rip/rsp). */
    POP_GPRS
    addq $16, %rsp                      /* drop vector and error code */
    popq %rcx                           /* rip    -> RCX, SYSRET jumps there */
    addq $8, %rsp                       /* cs (fixed by STAR) */
    popq %r11                           /* rflags -> R11, SYSRET restores it */
    popq %rsp                           /* the user stack; IF is still 0 here */
    swapgs                              /* GS base := user's again */
    sysretq                             /* CPL 3, RIP = RCX, RFLAGS = R11 */

/* ------------------------------------------------------ exceptions, IRQs */
/* One small stub per vector: push a 0 error code where the CPU does not
 * push one (so all frames look alike), push the vector, join trap_common. */
.macro STUB vec, has_error
    .align 16
stub_\vec:
    .if \has_error == 0
    pushq $0
    .endif
    pushq $\vec
    jmp trap_common
.endm

    STUB 0,0;  STUB 1,0;  STUB 2,0;  STUB 3,0;  STUB 4,0;  STUB 5,0;  STUB 6,0;  STUB 7,0
    STUB 8,1;  STUB 9,0;  STUB 10,1; STUB 11,1; STUB 12,1; STUB 13,1; STUB 14,1; STUB 15,0
    STUB 16,0; STUB 17,1; STUB 18,0; STUB 19,0; STUB 20,0; STUB 21,1; STUB 22,0; STUB 23,0
    STUB 24,0; STUB 25,0; STUB 26,0; STUB 27,0; STUB 28,0; STUB 29,1; STUB 30,1; STUB 31,0
    STUB 32,0; STUB 33,0; STUB 34,0; STUB 35,0; STUB 36,0; STUB 37,0; STUB 38,0; STUB 39,0
    STUB 40,0; STUB 41,0; STUB 42,0; STUB 43,0; STUB 44,0; STUB 45,0; STUB 46,0; STUB 47,0

trap_common:
    testb $3, 24(%rsp)                  /* CS of the interrupted code: ring 3? */
    jz 1f
    swapgs                              /* came from user mode: kernel GS */
1:  PUSH_GPRS
    movq %rsp, %rdi
    call trap_dispatch

    .globl trap_return
trap_return:                            /* RSP = a struct trapframe */
    POP_GPRS
    testb $3, 24(%rsp)                  /* going back to ring 3? */
    jz 2f
    swapgs
2:  addq $16, %rsp                      /* drop vector and error code */
    iretq                               /* pops RIP, CS, RFLAGS, RSP, SS */

/* A new process (fork child, first process) starts here the first time the
 * scheduler switches to it: RSP points at its trap frame, so leaving the
 * kernel is just the normal trap return. */
    .globl proc_first_return
proc_first_return:
    jmp trap_return

/* --------------------------------------------------------- context switch */
/* void swtch(u64 *save_rsp, u64 new_rsp): save the callee-saved registers
 * on the current kernel stack, store RSP in *save_rsp, continue on new_rsp
 * where an earlier swtch (or proc setup code) left the same layout. */
    .globl swtch
swtch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret

/* Address table of the stubs, for idt_init(). */
    .section .rodata
    .align 8
    .globl trap_stubs
trap_stubs:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .quad stub_\v
    .endr

    .section .note.GNU-stack,"",@progbits
