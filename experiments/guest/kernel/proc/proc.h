/* proc.h - processes and the scheduler. */
#ifndef PROC_H
#define PROC_H
#include "../lib/types.h"
#include "../arch/cpu.h"

#define NPROC        64
#define KSTACK_PAGES 4            /* 16 KiB kernel stack per process */
#define MAX_PARAMS   16

enum proc_state { UNUSED, RUNNABLE, RUNNING, SLEEPING, ZOMBIE };

struct proc {
    enum proc_state state;
    u32 pid;
    char name[24];
    struct proc *parent;
    u64 pml4;                     /* physical address of the PML4: this process's CR3 */
    u64 kstack;                   /* base of the kernel stack (physical = virtual) */
    u64 context;                  /* saved kernel RSP while switched out (see swtch) */
    struct trapframe *tf;         /* user registers, at the top of the kernel stack */
    const void *wchan;            /* what a SLEEPING process waits for */
    int exit_status;
    u64 heap_start, brk;          /* demand-zero heap [heap_start, brk) */
    u64 large_next;               /* next free address for map_large() */
    u64 resume[32];               /* set_resume(): per exception vector, 0 = none */
    u64 faults;                   /* demand-zero faults served */
};

static inline struct proc *proc_current(void) { return percpu.cur; }

/* proc.c */
struct proc *proc_spawn(const char *program, const u64 *params, int nparams);  /* first process */
int  proc_fork(void);
__attribute__((noreturn)) void proc_exit(int status);
int  proc_wait(u64 user_status_ptr);

/* exec.c */
int  proc_exec(struct proc *p, const char *program, const u64 *params, int nparams);
const void *program_find(const char *name, u64 *size);

/* sched.c */
void scheduler(void);             /* run processes until none is left */
void proc_sched(void);            /* switch to the scheduler (state already set) */
void proc_yield(void);
void proc_sleep(const void *wchan);
void proc_wakeup(const void *wchan);
struct proc *proc_alloc(void);
void proc_free(struct proc *p);
extern struct proc procs[NPROC];
extern int first_exit_status;     /* exit status of the first process */

/* chan.c */
i64 chan_send(u64 ch, u64 value);
i64 chan_recv(u64 ch);
i64 chan_poll(u64 ch);
#endif
