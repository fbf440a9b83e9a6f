/* exitcode.c - computes its exit status (42) from a little arithmetic instead of returning 0.
 * expect-exit: 42 (read by ProgramDifferentialTest) */
#include "rt.h"

static int digital_root(uint64_t v) {
    while (v >= 10) {
        uint64_t s = 0;
        while (v) { s += v % 10; v /= 10; }
        v = s;
    }
    return (int)v;
}

int main(void) {
    /* sum of the first 6 primes is 41; the digital root of 9! (362880) is 9; gcd(84, 126) = 42 */
    int primes[6], n = 0;
    for (int c = 2; n < 6; c++) {
        int p = 1;
        for (int d = 2; d * d <= c; d++) if (c % d == 0) { p = 0; break; }
        if (p) primes[n++] = c;
    }
    int s = 0;
    for (int i = 0; i < 6; i++) s += primes[i];
    uint64_t f = 1;
    for (int i = 2; i <= 9; i++) f *= (uint64_t)i;
    int a = 84, b = 126;
    while (b) { int t = a % b; a = b; b = t; }
    int status = s + digital_root(f) - 8;   /* 41 + 9 - 8 = 42 */
    printf("sum of primes %d, digital root %d, gcd %d -> exit status %d\n", s, digital_root(f), a, status);
    CHECK_EQ(status, a);
    rt_mix((uint64_t)status);
    rt_finish("exitcode");
    return rt_failures ? 1 : status;
}
