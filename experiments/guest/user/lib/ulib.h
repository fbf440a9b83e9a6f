/*
 * ulib.h - the user-side library: one inline function per system call, and
 * console printing. A system call is just: number in RAX, arguments in RDI,
 * RSI, RDX, then the SYSCALL instruction; the kernel's answer is in RAX.
 */
#ifndef ULIB_H
#define ULIB_H
#include "../../include/hvsim_abi.h"
#include "../../common/common.h"
#include <stdbool.h>

typedef unsigned long u64;

static inline long syscall3(long nr, long a0, long a1, long a2) {
    long ret;
    /* SYSCALL overwrites RCX and R11; the kernel preserves everything else. */
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a0), "S"(a1), "d"(a2)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline __attribute__((noreturn)) void sys_exit(int status) {
    syscall3(SYS_EXIT, status, 0, 0);
    __builtin_unreachable();
}
static inline long sys_write(const char *buf, unsigned long len) { return syscall3(SYS_WRITE, (long)buf, (long)len, 0); }
static inline long sys_fork(void)               { return syscall3(SYS_FORK, 0, 0, 0); }
static inline long sys_exec(const char *name, const u64 *params, long n) {
    return syscall3(SYS_EXEC, (long)name, (long)params, n);
}
static inline long sys_wait(int *status)        { return syscall3(SYS_WAIT, (long)status, 0, 0); }
static inline long sys_getpid(void)             { return syscall3(SYS_GETPID, 0, 0, 0); }
static inline long sys_yield(void)              { return syscall3(SYS_YIELD, 0, 0, 0); }
static inline void *sys_sbrk(long incr)         { return (void *)syscall3(SYS_SBRK, incr, 0, 0); }
static inline long sys_chan_send(long ch, u64 v){ return syscall3(SYS_CHAN_SEND, ch, (long)v, 0); }
static inline u64  sys_chan_recv(long ch)       { return (u64)syscall3(SYS_CHAN_RECV, ch, 0, 0); }
static inline long sys_chan_poll(long ch)       { return syscall3(SYS_CHAN_POLL, ch, 0, 0); }
static inline long sys_set_resume(long vec, void *rip) { return syscall3(SYS_SET_RESUME, vec, (long)rip, 0); }
static inline void *sys_map_large(u64 bytes)    { return (void *)syscall3(SYS_MAP_LARGE, (long)bytes, 0, 0); }
static inline u64  sys_ticks(void)              { return (u64)syscall3(SYS_TICKS, 0, 0, 0); }

static inline u64 rdtsc(void) {
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((u64)hi << 32) | lo;
}

void printf(const char *fmt, ...);
void report_result(const char *workload, const char *op, u64 iters, u64 cycles);
#endif
