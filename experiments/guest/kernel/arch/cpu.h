/* cpu.h - per-CPU state, GDT/TSS/IDT setup and the trap frame. */
#ifndef CPU_H
#define CPU_H
#include "../lib/types.h"

/*
 * Per-CPU data, found through the GS base while in the kernel. The SYSCALL
 * entry stub needs it before it has a stack: SWAPGS makes GS point here, then
 * it parks the user RSP in user_rsp and loads kernel_rsp. The offsets are
 * repeated in entry.S (PERCPU_* there) - keep them in sync.
 */
struct percpu {
    u64 kernel_rsp;        /* 0: top of the running process's kernel stack */
    u64 user_rsp;          /* 8: scratch slot for the user RSP during SYSCALL entry */
    struct proc *cur;      /* 16: the running process, NULL in the scheduler */
};
extern struct percpu percpu;

/*
 * The trap frame: the user (or interrupted kernel) registers, saved at the
 * top of the kernel stack by the entry stubs in entry.S. Lowest address
 * first, i.e. the reverse of the push order. Interrupts, exceptions and
 * system calls all build this same layout, so C code sees one shape.
 */
struct trapframe {
    u64 r15, r14, r13, r12, r11, r10, r9, r8;
    u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
    u64 vector;            /* exception/IRQ vector, or VEC_SYSCALL */
    u64 error;             /* CPU error code, or 0 */
    u64 rip, cs, rflags, rsp, ss;   /* pushed by the CPU (or faked by the SYSCALL stub) */
};
#define VEC_SYSCALL 0x100  /* marker: frame built by the SYSCALL stub */

static inline bool tf_from_user(const struct trapframe *tf) { return (tf->cs & 3) == 3; }

void gdt_init(void);               /* GDT + TSS, reload segment registers */
void tss_set_rsp0(u64 rsp0);       /* kernel stack for interrupts from user mode */
void idt_init(void);
void cpu_init(void);               /* EFER, SYSCALL MSRs, GS base, CR4 */

/* entry.S */
extern void syscall_entry(void);
extern void trap_return(void);
extern void proc_first_return(void);
extern u64 trap_stubs[48];
void swtch(u64 *save_rsp, u64 new_rsp);
#endif
