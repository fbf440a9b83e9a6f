/*
 * trap.c - what happens after entry.S has saved the registers of an
 * exception or interrupt: dispatch on the vector.
 *
 *  - IRQs (32..47): run the device's handler, acknowledge the PIC, and on a
 *    timer tick that interrupted user code, preempt the process (round robin).
 *  - Exceptions from user mode: #PF may be a demand-zero fault the kernel
 *    resolves; a process may have asked to resume elsewhere after a given
 *    exception (set_resume, used by the divzero benchmark); anything else
 *    kills the process.
 *  - Exceptions in kernel mode are bugs, except a demand-zero fault on a user
 *    address (the kernel touching a user buffer): panic with the state.
 */
#include "trap.h"
#include "x86.h"
#include "priv.h"
#include "../dev/dev.h"
#include "../lib/lib.h"
#include "../mm/mm.h"
#include "../proc/proc.h"
#include "../../include/hvsim_abi.h"

volatile u64 timer_ticks;

static const char *const exception_names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
    "#BR bound", "#UD invalid opcode", "#NM no FPU", "#DF double fault",
    "coprocessor overrun", "#TS invalid TSS", "#NP not present", "#SS stack fault",
    "#GP general protection", "#PF page fault", "reserved", "#MF x87 error",
    "#AC alignment check", "#MC machine check", "#XM SIMD error", "#VE",
    "#CP control protection",
};

static const char *exception_name(u64 v) {
    return v < 32 && exception_names[v] ? exception_names[v] : "exception";
}

static void handle_irq(struct trapframe *tf, int irq) {
    switch (irq) {
    case IRQ_TIMER: timer_ticks++; break;
    case IRQ_ATA:   ata_irq(); break;
    case 7: case 15:
        return;       /* possibly spurious PIC interrupts: no EOI for 7, none needed here */
    default: break;
    }
    pic_eoi(irq);
    /* Preemption: a tick that interrupted user code ends the time slice.
     * (The kernel itself runs with interrupts off and is never preempted.) */
    if (irq == IRQ_TIMER && tf_from_user(tf))
        proc_yield();
}

static void kernel_fault(struct trapframe *tf) {
    kprintf("\nKERNEL %s (vector %u) error=%x rip=%p rsp=%p",
            exception_name(tf->vector), tf->vector, tf->error, tf->rip, tf->rsp);
    if (tf->vector == VEC_PF) kprintf(" cr2=%p", priv_read_cr2());
    kprintf("\n rax=%p rbx=%p rcx=%p rdx=%p\n rsi=%p rdi=%p rbp=%p\n",
            tf->rax, tf->rbx, tf->rcx, tf->rdx, tf->rsi, tf->rdi, tf->rbp);
    panic("unhandled exception in kernel mode");
}

void trap_dispatch(struct trapframe *tf) {
    u64 vec = tf->vector;

    if (vec >= VEC_IRQ0 && vec < VEC_IRQ0 + 16) {
        handle_irq(tf, (int)(vec - VEC_IRQ0));
        return;
    }

    struct proc *p = percpu.cur;

    if (vec == VEC_PF && p) {
        /* Demand paging: a not-present fault inside the heap or stack gets a
         * fresh zeroed page and the faulting instruction simply re-runs.
         * This also covers the kernel touching a user buffer in a syscall. */
        u64 addr = priv_read_cr2();
        if (!(tf->error & PF_P) && vm_demand_zero(p, addr) == 0)
            return;
        if (tf_from_user(tf)) {
            kprintf("KILL pid=%u name=%s %s rip=%p cr2=%p error=%x\n",
                    (u64)p->pid, p->name, exception_name(vec), tf->rip, addr, tf->error);
            proc_exit(EXIT_KILLED_BASE + (int)vec);
        }
    }

    if (!tf_from_user(tf) || !p)
        kernel_fault(tf);

    /* A user exception the process has asked to survive: continue at the
     * address it registered, like a minimal signal handler. */
    if (vec < 32 && p->resume[vec]) {
        tf->rip = p->resume[vec];
        return;
    }

    kprintf("KILL pid=%u name=%s %s rip=%p error=%x\n",
            (u64)p->pid, p->name, exception_name(vec), tf->rip, tf->error);
    proc_exit(EXIT_KILLED_BASE + (int)vec);
}
