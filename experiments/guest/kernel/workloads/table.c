/*
 * table.c - every workload, its parameters and their defaults.
 * This is the single source of truth for defaults; docs/guest.md lists them.
 * Defaults keep each run under ~5 million guest instructions, because the
 * simulator is an interpreter; raise them with key=value on the command line.
 */
#include "workload.h"
#include "../lib/lib.h"

static const char *const pattern_choices[] = { "seq", "rand", NULL };
static const char *const pages_choices[] = { "4k", "2m", NULL };

#define ITERS(n) { "iters", n, NULL, "operations to time" }

const struct workload workloads[] = {
    /* Adams & Agesen nanobenchmarks */
    { "syscall", "SYSCALL/SYSRET round trip (getpid) from user mode", "syscall", NULL, { ITERS(10000) } },
    { "in",      "IN from port 0x80, in the kernel", NULL, wl_in, { ITERS(10000) } },
    { "cr8wr",   "write CR8 (task priority), in the kernel", NULL, wl_cr8wr, { ITERS(10000) } },
    { "callret", "call + ret of an empty function, in the kernel", NULL, wl_callret, { ITERS(100000) } },
    { "pgfault", "user touches a fresh demand-zero page; kernel maps it", "pgfault", NULL, { ITERS(1000) } },
    { "divzero", "user #DE; kernel resumes the process after the DIV", "divzero", NULL, { ITERS(10000) } },
    { "ptemod",  "kernel rewrites a PTE with its unchanged value", NULL, wl_ptemod, { ITERS(10000) } },
    /* larger workloads */
    { "forkwait", "fork + child exit + wait, in a loop; then one fork+exec", "forkwait", NULL, { ITERS(100) } },
    { "compute", "CPU-bound integer mix in a user process", "compute", NULL, { ITERS(100000) } },
    { "ctxswitch", "two processes ping-pong over channels; op = one switch", "ctxswitch", NULL,
      { { "iters", 2000, NULL, "context switches (even)" } } },
    { "memstress", "loads over a footprint, for TLB/cache studies", "memstress", NULL, {
        ITERS(100000),
        { "footprint", 1 << 20, NULL, "bytes touched" },
        { "pattern", 0, pattern_choices, "seq = in order, rand = pseudo-random lines" },
        { "pages", 0, pages_choices, "4k = demand-zero heap, 2m = 2 MiB pages" },
        { "stride", 64, NULL, "bytes between accessed words (a cache line)" } } },
    { "io", "ATA PIO sector writes and reads with IRQ 14, verified", NULL, wl_io, {
        ITERS(4),
        { "sectors", 8, NULL, "sectors per request (1..255)" },
        { "lba", 64, NULL, "first sector used" } } },
    { "preempt", "a spinning process is preempted by the timer (functional test)", "preempt", NULL, { } },
    { NULL, NULL, NULL, NULL, { } },
};

const struct workload *workload_find(const char *name, size_t len) {
    for (const struct workload *w = workloads; w->name; w++)
        if (strlen(w->name) == len && strn_eq(w->name, name, len))
            return w;
    return NULL;
}

void report_result(const char *workload, const char *op, u64 iters, u64 cycles) {
    char line[160];
    format_result(line, sizeof line, workload, op, iters, cycles);
    kprintf("%s", line);
}
