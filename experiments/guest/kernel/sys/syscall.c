/*
 * syscall.c - system call dispatch and the handlers.
 *
 * Follow a call: user code puts the number in RAX and executes SYSCALL ->
 * arch/entry.S syscall_entry switches to the kernel stack and saves the
 * registers as a struct trapframe -> syscall_dispatch() below picks the
 * handler from the table by tf->rax, runs it and stores the result in
 * tf->rax -> back in entry.S the registers are restored and SYSRETQ returns
 * to the instruction after SYSCALL, in ring 3.
 *
 * Handlers take the trap frame and read their arguments from it
 * (ARG0 = RDI, ARG1 = RSI, ARG2 = RDX, as the ABI in hvsim_abi.h says).
 */
#include "../arch/trap.h"
#include "../arch/x86.h"
#include "../mm/mm.h"
#include "../proc/proc.h"
#include "../lib/lib.h"
#include "../../include/hvsim_abi.h"

#define ARG0(tf) ((tf)->rdi)
#define ARG1(tf) ((tf)->rsi)
#define ARG2(tf) ((tf)->rdx)

/* Is [addr, addr+len) inside user memory? (Whether it is mapped is checked
 * by the page-fault handler when the kernel touches it.) */
static bool user_range_ok(u64 addr, u64 len) {
    return addr >= USER_BASE && len <= USER_LARGE_LIMIT && addr + len <= USER_LARGE_LIMIT;
}

static i64 sys_exit(struct trapframe *tf)   { proc_exit((int)ARG0(tf)); }
static i64 sys_getpid(struct trapframe *tf) { (void)tf; return proc_current()->pid; }
static i64 sys_fork(struct trapframe *tf)   { (void)tf; return proc_fork(); }
static i64 sys_yield(struct trapframe *tf)  { (void)tf; proc_yield(); return 0; }
static i64 sys_ticks(struct trapframe *tf)  { (void)tf; return (i64)timer_ticks; }

static i64 sys_write(struct trapframe *tf) {
    u64 buf = ARG0(tf), len = ARG1(tf);
    if (!user_range_ok(buf, len)) return -1;
    kputs_n((const char *)buf, len);
    return (i64)len;
}

static i64 sys_wait(struct trapframe *tf) {
    u64 status = ARG0(tf);
    if (status && !user_range_ok(status, sizeof(int))) return -1;
    return proc_wait(status);
}

static i64 sys_exec(struct trapframe *tf) {
    u64 name = ARG0(tf), params = ARG1(tf), n = ARG2(tf);
    char kname[24];
    u64 kparams[MAX_PARAMS];
    /* Copy the arguments into the kernel first: exec replaces the memory they live in. */
    if (!user_range_ok(name, sizeof kname) || n > MAX_PARAMS || !user_range_ok(params, n * 8))
        return -1;
    for (u64 i = 0; i < sizeof kname; i++)
        if (!(kname[i] = ((const char *)name)[i])) break;
    kname[sizeof kname - 1] = 0;
    memcpy(kparams, (const void *)params, n * 8);
    return proc_exec(proc_current(), kname, kparams, (int)n);
}

static i64 sys_sbrk(struct trapframe *tf) {
    struct proc *p = proc_current();
    u64 old = p->brk, incr = ARG0(tf);
    /* Only growth; the new pages appear on first touch (vm_demand_zero). */
    if (incr > USER_STACK_TOP - USER_STACK_SIZE - old) return -1;
    p->brk = ALIGN_UP(old + incr, PAGE_SIZE);
    return (i64)old;
}

static i64 sys_chan_send(struct trapframe *tf) { return chan_send(ARG0(tf), ARG1(tf)); }
static i64 sys_chan_recv(struct trapframe *tf) { return chan_recv(ARG0(tf)); }
static i64 sys_chan_poll(struct trapframe *tf) { return chan_poll(ARG0(tf)); }

static i64 sys_set_resume(struct trapframe *tf) {
    u64 vec = ARG0(tf), rip = ARG1(tf);
    if (vec >= 32 || vec == VEC_PF || (rip && !user_range_ok(rip, 1))) return -1;
    proc_current()->resume[vec] = rip;
    return 0;
}

/* Map `bytes` (rounded up) of zeroed memory with 2 MiB pages: one TLB entry
 * covers 512 times more than with 4 KiB pages (memstress pages=2m). */
static i64 sys_map_large(struct trapframe *tf) {
    struct proc *p = proc_current();
    u64 bytes = ALIGN_UP(ARG0(tf), LARGE_SIZE), va = p->large_next;
    if (bytes == 0 || bytes > USER_LARGE_LIMIT - va) return -1;
    for (u64 off = 0; off < bytes; off += LARGE_SIZE) {
        u64 pa = pmm_alloc_contig(LARGE_SIZE / PAGE_SIZE, LARGE_SIZE / PAGE_SIZE, true);
        if (!pa) return -1;
        if (vm_map_large(p->pml4, va + off, pa, PTE_W | PTE_U | PTE_NX) < 0) {
            pmm_free_contig(pa, LARGE_SIZE / PAGE_SIZE);
            return -1;
        }
        p->large_next = va + off + LARGE_SIZE;
    }
    return (i64)va;
}

typedef i64 (*syscall_fn)(struct trapframe *tf);

static const syscall_fn syscall_table[NSYSCALLS] = {
    [SYS_EXIT] = sys_exit,           [SYS_WRITE] = sys_write,
    [SYS_FORK] = sys_fork,           [SYS_EXEC] = sys_exec,
    [SYS_WAIT] = sys_wait,           [SYS_GETPID] = sys_getpid,
    [SYS_YIELD] = sys_yield,         [SYS_SBRK] = sys_sbrk,
    [SYS_CHAN_SEND] = sys_chan_send, [SYS_CHAN_RECV] = sys_chan_recv,
    [SYS_CHAN_POLL] = sys_chan_poll, [SYS_SET_RESUME] = sys_set_resume,
    [SYS_MAP_LARGE] = sys_map_large, [SYS_TICKS] = sys_ticks,
};

void syscall_dispatch(struct trapframe *tf) {
    u64 nr = tf->rax;
    if (nr < NSYSCALLS && syscall_table[nr])
        tf->rax = (u64)syscall_table[nr](tf);
    else
        tf->rax = (u64)-1;
}
