/*
 * proc.c - process life cycle: the first process, fork, exit, wait.
 */
#include "proc.h"
#include "../mm/mm.h"
#include "../arch/x86.h"
#include "../arch/priv.h"
#include "../lib/lib.h"

/* Create the first user process, running `program` (see exec.c). */
struct proc *proc_spawn(const char *program, const u64 *params, int nparams) {
    struct proc *p = proc_alloc();
    if (!p) return NULL;
    if (proc_exec(p, program, params, nparams) < 0) {
        proc_free(p);
        return NULL;
    }
    p->state = RUNNABLE;
    return p;
}

/*
 * fork: a new process with a copy of the caller's memory and registers.
 * Both return from the same SYSCALL: the parent with the child's pid, the
 * child (whose trap frame is a copy with RAX = 0) with 0.
 */
int proc_fork(void) {
    struct proc *parent = proc_current();
    struct proc *child = proc_alloc();
    if (!child) return -1;
    child->pml4 = vm_create();
    if (!child->pml4 || vm_copy(child->pml4, parent->pml4) < 0) {
        proc_free(child);
        return -1;
    }
    memcpy(child->name, parent->name, sizeof child->name);
    child->parent = parent;
    child->heap_start = parent->heap_start;
    child->brk = parent->brk;
    child->large_next = parent->large_next;
    memcpy(child->resume, parent->resume, sizeof child->resume);
    *child->tf = *parent->tf;
    child->tf->rax = 0;                  /* fork() returns 0 in the child */
    child->state = RUNNABLE;
    return (int)child->pid;
}

/* exit: release the memory now; the process stays a ZOMBIE holding its exit
 * status (and kernel stack) until the parent collects it with wait(). */
void proc_exit(int status) {
    struct proc *p = proc_current();
    /* We are still running on this address space: step onto the kernel's
     * own page tables before tearing it down. */
    vm_switch(vm_kernel_pml4());
    vm_destroy(p->pml4);
    p->pml4 = 0;
    for (int i = 0; i < NPROC; i++) {
        struct proc *c = &procs[i];
        if (c->state != UNUSED && c->parent == p) {
            c->parent = NULL;            /* orphans: nobody will wait for them */
            if (c->state == ZOMBIE) proc_free(c);
        }
    }
    if (p->pid == 1) first_exit_status = status;
    p->exit_status = status;
    p->state = ZOMBIE;
    if (p->parent) proc_wakeup(p->parent);
    proc_sched();                        /* never scheduled again */
    panic("zombie %u ran again", (u64)p->pid);
}

/* wait: reap one exited child. Returns its pid and stores its exit status at
 * the user address status_ptr (if not 0); -1 if the caller has no children. */
int proc_wait(u64 status_ptr) {
    struct proc *p = proc_current();
    for (;;) {
        bool have_children = false;
        for (int i = 0; i < NPROC; i++) {
            struct proc *c = &procs[i];
            if (c->state == UNUSED || c->parent != p) continue;
            have_children = true;
            if (c->state == ZOMBIE) {
                int pid = (int)c->pid;
                if (status_ptr) *(int *)status_ptr = c->exit_status;
                proc_free(c);
                return pid;
            }
        }
        if (!have_children) return -1;
        proc_sleep(p);                   /* a child's exit wakes us */
    }
}
