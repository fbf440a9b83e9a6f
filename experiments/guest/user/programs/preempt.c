/* preempt - proves timer preemption: the child spins without ever blocking
 * or yielding until the parent sends it a message. The parent yields to the
 * child first, so only the timer interrupt can ever give it the CPU back. */
#include "../lib/ulib.h"

int main(const u64 *params, int n) {
    (void)params; (void)n;
    long pid = sys_fork();
    if (pid == 0) {
        while (!sys_chan_poll(2)) { }        /* spin: no blocking, no yield */
        sys_exit(sys_chan_recv(2) == 7 ? 0 : 1);
    }
    sys_yield();                             /* the child runs and spins... */
    sys_chan_send(2, 7);                     /* ...until a tick preempts it */
    int status = -1;
    sys_wait(&status);
    printf("CHECK preempt child=%s\n", status == 0 ? "ok" : "fail");
    return status == 0 ? 0 : 1;
}
