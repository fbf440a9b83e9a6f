/*
 * sched.c - the process table and a round-robin scheduler.
 *
 * Structure (as in xv6): the scheduler runs on the boot stack in its own
 * loop. To run a process it switches to that process's kernel stack with
 * swtch(); the process comes back by calling swtch() the other way when it
 * blocks, yields or exits. Interrupts are off whenever the kernel runs, so
 * there are no locks: only one thing happens at a time on this single CPU.
 */
#include "proc.h"
#include "../mm/mm.h"
#include "../arch/priv.h"
#include "../lib/lib.h"
#include "../arch/x86.h"

struct proc procs[NPROC];
int first_exit_status = -1;
static u64 scheduler_context;     /* scheduler's saved RSP while a process runs */
static u32 next_pid = 1;

struct proc *proc_alloc(void) {
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->state != UNUSED) continue;
        u64 kstack = pmm_alloc_contig(KSTACK_PAGES, 1, false);
        if (!kstack) return NULL;
        memset(p, 0, sizeof *p);
        p->kstack = kstack;
        p->pid = next_pid++;
        /* Room for the trap frame at the very top of the kernel stack. */
        p->tf = (struct trapframe *)(kstack + KSTACK_PAGES * PAGE_SIZE) - 1;
        /* Below it, what swtch() pops the first time: six callee-saved
         * registers (zero) and a return address that leaves for user mode. */
        u64 *sp = (u64 *)p->tf;
        *--sp = (u64)proc_first_return;
        for (int r = 0; r < 6; r++) *--sp = 0;
        p->context = (u64)sp;
        p->state = SLEEPING;          /* not runnable until fully built */
        return p;
    }
    return NULL;
}

void proc_free(struct proc *p) {
    if (p->pml4) { vm_destroy(p->pml4); p->pml4 = 0; }
    pmm_free_contig(p->kstack, KSTACK_PAGES);
    p->state = UNUSED;
}

/* Give the CPU back to the scheduler loop. */
void proc_sched(void) {
    struct proc *p = proc_current();
    swtch(&p->context, scheduler_context);
}

void proc_yield(void) {
    proc_current()->state = RUNNABLE;
    proc_sched();
}

/* Block until proc_wakeup(wchan). Callers re-check their condition in a
 * loop, because a wakeup only means "something changed". */
void proc_sleep(const void *wchan) {
    struct proc *p = proc_current();
    p->wchan = wchan;
    p->state = SLEEPING;
    proc_sched();
    p->wchan = NULL;
}

void proc_wakeup(const void *wchan) {
    for (int i = 0; i < NPROC; i++)
        if (procs[i].state == SLEEPING && procs[i].wchan == wchan)
            procs[i].state = RUNNABLE;
}

void scheduler(void) {
    int last = NPROC - 1;
    for (;;) {
        /* Round robin: the first RUNNABLE process after the one that ran last. */
        struct proc *p = NULL;
        bool alive = false;
        for (int n = 1; n <= NPROC; n++) {
            struct proc *q = &procs[(last + n) % NPROC];
            if (q->state != UNUSED && q->state != ZOMBIE) alive = true;
            if (q->state == RUNNABLE) { p = q; last = (last + n) % NPROC; break; }
        }
        if (!p) {
            if (!alive) return;           /* every process has exited */
            priv_idle();                  /* all asleep: wait for an interrupt */
            continue;
        }
        /* Switch: the new process's address space, its kernel stack for
         * interrupts (TSS.RSP0) and for SYSCALL (percpu.kernel_rsp). */
        u64 kstack_top = p->kstack + KSTACK_PAGES * PAGE_SIZE;
        tss_set_rsp0(kstack_top);
        percpu.kernel_rsp = kstack_top;
        percpu.cur = p;
        vm_switch(p->pml4);
        p->state = RUNNING;
        swtch(&scheduler_context, p->context);
        percpu.cur = NULL;
        /* An exited process whose parent is gone (or was never there) can
         * only be cleaned up here, once we are off its kernel stack. */
        if (p->state == ZOMBIE && !p->parent) proc_free(p);
    }
}
