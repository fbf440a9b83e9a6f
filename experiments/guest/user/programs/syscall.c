/* syscall - Adams & Agesen `syscall`: the round trip user -> kernel -> user
 * through SYSCALL/SYSRET, with the cheapest real call (getpid). */
#include "../lib/ulib.h"

int main(const u64 *params, int n) {
    (void)n;
    u64 iters = params[0];
    long pid = sys_getpid();
    u64 t0 = rdtsc();
    for (u64 i = 0; i < iters; i++)
        sys_getpid();
    u64 t1 = rdtsc();
    printf("CHECK syscall pid=%d iters=%u ok\n", pid, iters);
    report_result("syscall", "syscall", iters, t1 - t0);
    return 0;
}
