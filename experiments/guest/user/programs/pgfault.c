/* pgfault - Adams & Agesen `pgfault`: each operation reads a fresh heap page
 * that is not mapped yet. The #PF goes to the kernel, which maps a zeroed
 * page (demand-zero) and re-runs the load. */
#include "../lib/ulib.h"

int main(const u64 *params, int n) {
    (void)n;
    u64 iters = params[0];
    volatile char *base = sys_sbrk((long)(iters * 4096));
    if ((long)base < 0) { printf("CHECK pgfault sbrk fail\n"); return 1; }
    u64 sum = 0;
    u64 t0 = rdtsc();
    for (u64 i = 0; i < iters; i++)
        sum += base[i * 4096];        /* page fault: not present -> zero page */
    u64 t1 = rdtsc();
    /* Second pass: the pages are mapped now (no faults) and writable. */
    for (u64 i = 0; i < iters; i++) base[i * 4096 + 4095] = 1;
    for (u64 i = 0; i < iters; i++) sum += base[i * 4096 + 4095];
    printf("CHECK pgfault pages=%u zero=%s %s\n", iters, sum == iters ? "ok" : "fail",
           sum == iters ? "ok" : "fail");
    report_result("pgfault", "pgfault", iters, t1 - t0);
    return sum == iters ? 0 : 1;
}
