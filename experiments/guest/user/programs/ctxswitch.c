/* ctxswitch - two processes ping-pong a counter through two one-slot kernel
 * channels. Every message wakes the other process and blocks the sender,
 * so each message is one context switch (plus the scheduler in between). */
#include "../lib/ulib.h"

int main(const u64 *params, int n) {
    (void)n;
    u64 switches = params[0] & ~1UL, rounds = switches / 2;
    long pid = sys_fork();
    if (pid == 0) {                          /* child: add one, send back */
        for (u64 i = 0; i < rounds; i++)
            sys_chan_send(1, sys_chan_recv(0) + 1);
        sys_exit(0);
    }
    u64 bad = 0;
    u64 t0 = rdtsc();
    for (u64 i = 0; i < rounds; i++) {
        sys_chan_send(0, 2 * i);             /* parent -> child: switch */
        if (sys_chan_recv(1) != 2 * i + 1)   /* child -> parent: switch */
            bad++;
    }
    u64 t1 = rdtsc();
    int status = -1;
    sys_wait(&status);
    printf("CHECK ctxswitch rounds=%u messages=%u %s\n", rounds, 2 * rounds,
           bad == 0 && status == 0 ? "ok" : "fail");
    report_result("ctxswitch", "switch", 2 * rounds, t1 - t0);
    return bad == 0 && status == 0 ? 0 : 1;
}
