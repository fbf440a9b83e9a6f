/* divzero - Adams & Agesen `divzero`: a division by zero in user mode. The
 * CPU raises #DE, the kernel's handler sees that this process registered a
 * resume address for vector 0 (set_resume) and returns there, just past the
 * faulting DIV. */
#include "../lib/ulib.h"

/* The loop is written in assembly so the resume label exists exactly once.
 * u64 divzero_loop(u64 iters): returns how often the DIV "completed" (0). */
u64 divzero_loop(u64 iters);
extern char divzero_resume[];
__asm__(
    ".text\n"
    "divzero_loop:\n"
    "    movq %rdi, %rcx\n"          /* loop counter */
    "    xorl %r8d, %r8d\n"          /* the divisor: 0 */
    "    xorl %r9d, %r9d\n"          /* completed divisions */
    "1:  xorl %edx, %edx\n"
    "    movl $1, %eax\n"
    "    divq %r8\n"                 /* #DE -> kernel -> divzero_resume */
    "    incq %r9\n"                 /* skipped */
    "divzero_resume:\n"
    "    decq %rcx\n"
    "    jnz 1b\n"
    "    movq %r9, %rax\n"
    "    ret\n");

int main(const u64 *params, int n) {
    (void)n;
    u64 iters = params[0];
    if (iters == 0) iters = 1;
    sys_set_resume(0, divzero_resume);
    u64 t0 = rdtsc();
    u64 completed = divzero_loop(iters);
    u64 t1 = rdtsc();
    sys_set_resume(0, 0);
    printf("CHECK divzero faults=%u resumed=%s\n", iters, completed == 0 ? "ok" : "fail");
    report_result("divzero", "divzero", iters, t1 - t0);
    return completed == 0 ? 0 : 1;
}
