/* memstress - loads over a footprint, for TLB and cache studies.
 *   footprint  bytes of memory touched
 *   pattern    0 = seq (line after line, wrapping), 1 = rand (LCG-chosen lines)
 *   pages      0 = 4k (heap, demand-zero 4 KiB pages), 1 = 2m (2 MiB pages)
 *   stride     bytes between the words accessed (64 = one per cache line)
 * A warm-up pass writes every accessed word (and takes the page faults), so
 * the timed loop measures only loads and their TLB/cache behaviour. */
#include "../lib/ulib.h"

int main(const u64 *params, int n) {
    (void)n;
    u64 iters = params[0], footprint = params[1], rand = params[2], large = params[3];
    u64 stride = params[4];
    if (stride < 8) stride = 8;
    stride &= ~7UL;
    u64 lines = footprint / stride;
    if (lines == 0) { printf("CHECK memstress footprint=too-small fail\n"); return 1; }

    char *mem = large ? sys_map_large(footprint) : sys_sbrk((long)footprint);
    if ((long)mem < 0) { printf("CHECK memstress alloc fail\n"); return 1; }

    for (u64 i = 0; i < lines; i++)                      /* warm-up: write */
        *(volatile u64 *)(mem + i * stride) = (i * 2654435761UL) & 0xFFFFFFFF;

    u64 sum = 0, idx = 0, x = 12345;
    u64 t0 = rdtsc();
    if (rand) {
        for (u64 i = 0; i < iters; i++) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            idx = (x >> 33) % lines;
            sum += *(volatile u64 *)(mem + idx * stride);
        }
    } else {
        for (u64 i = 0; i < iters; i++) {
            sum += *(volatile u64 *)(mem + idx * stride);
            if (++idx == lines) idx = 0;
        }
    }
    u64 t1 = rdtsc();
    printf("CHECK memstress pattern=%s pages=%s footprint=%u lines=%u checksum=%016x\n",
           rand ? "rand" : "seq", large ? "2m" : "4k", footprint, lines, sum);
    report_result("memstress", "load", iters, t1 - t0);
    return 0;
}
