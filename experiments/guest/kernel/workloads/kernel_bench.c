/*
 * kernel_bench.c - the Adams & Agesen nanobenchmarks that run in the kernel:
 * in, cr8wr, callret, ptemod. Each times `iters` repetitions of one
 * operation with RDTSC; the loop overhead is included (a few cycles).
 * The privileged operations go through the priv layer, so a paravirtual
 * kernel would time its hypercall versions with no change here.
 */
#include "workload.h"
#include "../arch/priv.h"
#include "../mm/mm.h"
#include "../lib/lib.h"

/* in: read the POST/delay port 0x80. Under a VMM every IN traps. */
int wl_in(const u64 *params) {
    u64 iters = params[0];
    u64 t0 = rdtsc();
    for (u64 i = 0; i < iters; i++)
        (void)priv_inb(0x80);
    u64 t1 = rdtsc();
    kprintf("CHECK in port=0x80 iters=%u ok\n", iters);
    report_result("in", "in", iters, t1 - t0);
    return 0;
}

/* cr8wr: write the task-priority register (CR8). We write 0, the value it
 * already holds, so no interrupt is ever masked by it. */
int wl_cr8wr(const u64 *params) {
    u64 iters = params[0];
    u64 t0 = rdtsc();
    for (u64 i = 0; i < iters; i++)
        priv_write_cr8(0);
    u64 t1 = rdtsc();
    kprintf("CHECK cr8wr tpr=0 iters=%u ok\n", iters);
    report_result("cr8wr", "cr8wr", iters, t1 - t0);
    return 0;
}

/* callret: the cost of a call and a return. noinline + the empty asm keep
 * the compiler from inlining or deleting the call. */
__attribute__((noinline)) static void empty_function(void) { __asm__ volatile(""); }

int wl_callret(const u64 *params) {
    u64 iters = params[0];
    u64 t0 = rdtsc();
    for (u64 i = 0; i < iters; i++)
        empty_function();
    u64 t1 = rdtsc();
    kprintf("CHECK callret iters=%u ok\n", iters);
    report_result("callret", "callret", iters, t1 - t0);
    return 0;
}

/* ptemod: store a page-table entry's own value back into it. Natively a
 * plain store; a shadow-paging VMM has to notice and process the write. */
static u64 ptemod_target[512] __attribute__((aligned(4096)));

int wl_ptemod(const u64 *params) {
    u64 iters = params[0];
    u64 *pte = vm_pte(vm_kernel_pml4(), (u64)ptemod_target, false);
    if (!pte) { kprintf("CHECK ptemod pte=missing fail\n"); return 1; }
    u64 before = *pte;
    u64 t0 = rdtsc();
    for (u64 i = 0; i < iters; i++)
        priv_set_pte(pte, *pte);
    u64 t1 = rdtsc();
    bool ok = *pte == before;
    ptemod_target[0] = 1;              /* the page is still mapped and writable */
    ok = ok && ptemod_target[0] == 1;
    kprintf("CHECK ptemod pte=unchanged iters=%u %s\n", iters, ok ? "ok" : "fail");
    report_result("ptemod", "ptemod", iters, t1 - t0);
    return ok ? 0 : 1;
}
