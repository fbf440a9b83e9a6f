/* forkwait - the Adams & Agesen macrobenchmark in miniature: fork a child
 * that exits at once, wait for it; repeat. Then one fork + exec + wait. */
#include "../lib/ulib.h"

int main(const u64 *params, int n) {
    (void)n;
    u64 iters = params[0];
    u64 ok = 0;
    u64 t0 = rdtsc();
    for (u64 i = 0; i < iters; i++) {
        long pid = sys_fork();
        if (pid == 0)
            sys_exit((int)(i & 0x7F));     /* child: exit with a known status */
        int status = -1;
        if (pid > 0 && sys_wait(&status) == pid && status == (int)(i & 0x7F))
            ok++;
    }
    u64 t1 = rdtsc();
    printf("CHECK forkwait children=%u %s\n", iters, ok == iters ? "ok" : "fail");
    report_result("forkwait", "forkwait", iters, t1 - t0);

    /* exec: the child replaces itself with the built-in program "hello". */
    long pid = sys_fork();
    if (pid == 0) {
        u64 args[1] = { 42 };
        sys_exec("hello", args, 1);
        sys_exit(99);                       /* only if exec failed */
    }
    int status = -1;
    long got = sys_wait(&status);
    bool exec_ok = got == pid && status == 42;
    printf("CHECK forkexec status=%d %s\n", (long)status, exec_ok ? "ok" : "fail");
    /* No children left: wait must say so. */
    bool none = sys_wait(&status) == -1;
    printf("CHECK wait-nochild %s\n", none ? "ok" : "fail");
    return ok == iters && exec_ok && none ? 0 : 1;
}
