/* compute - a CPU-bound integer mix in a user process: multiply, shifts,
 * rotates, xor, integer division, data-dependent branches and a small table
 * in memory. Deterministic checksum, so any simulator can be checked. */
#include "../lib/ulib.h"

int main(const u64 *params, int n) {
    (void)n;
    u64 iters = params[0];
    static u64 table[256];
    u64 x = 0x9E3779B97F4A7C15UL, acc = 0;
    for (int i = 0; i < 256; i++) table[i] = (u64)i * 0x100000001B3UL;
    u64 t0 = rdtsc();
    for (u64 i = 0; i < iters; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;          /* xorshift64 */
        u64 t = table[x & 255];
        acc += (x * 0xFF51AFD7ED558CCDUL) ^ t;
        acc = (acc << 5) | (acc >> 59);                    /* rotate */
        if (x & 0x100) acc -= x / ((i & 15) + 1);          /* division, branch */
        else           acc ^= t >> 3;
        table[(acc >> 8) & 255] += i;                      /* a store */
    }
    u64 t1 = rdtsc();
    printf("CHECK compute iters=%u checksum=%016x\n", iters, acc);
    report_result("compute", "iteration", iters, t1 - t0);
    return 0;
}
