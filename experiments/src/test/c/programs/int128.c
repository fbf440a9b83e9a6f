/* int128.c - unsigned __int128 and __int128 multiply, divide, modulo, shifts (libgcc helpers). */
#include "rt.h"

typedef unsigned __int128 u128;
typedef __int128 s128;

static void u128_to_dec(u128 v, char *out) {
    char tmp[48];
    int n = 0;
    do { tmp[n++] = (char)('0' + (int)(v % 10)); v /= 10; } while (v);
    while (n) *out++ = tmp[--n];
    *out = 0;
}

static void s128_to_dec(s128 v, char *out) {
    if (v < 0) { *out++ = '-'; u128_to_dec((u128)0 - (u128)v, out); }
    else u128_to_dec((u128)v, out);
}

static void mix128(u128 v) { rt_mix((uint64_t)v); rt_mix((uint64_t)(v >> 64)); }

/* Noinline wrappers so the operations stay real even at -O3 with constant operands. */
__attribute__((noinline)) static u128 udiv(u128 a, u128 b) { return a / b; }
__attribute__((noinline)) static u128 umod(u128 a, u128 b) { return a % b; }
__attribute__((noinline)) static s128 sdiv(s128 a, s128 b) { return a / b; }
__attribute__((noinline)) static s128 smod(s128 a, s128 b) { return a % b; }
__attribute__((noinline)) static u128 ushl(u128 a, int s) { return a << s; }
__attribute__((noinline)) static u128 ushr(u128 a, int s) { return a >> s; }
__attribute__((noinline)) static s128 ssar(s128 a, int s) { return a >> s; }
__attribute__((noinline)) static u128 umul(u128 a, u128 b) { return a * b; }

static u128 make(uint64_t hi, uint64_t lo) { return (u128)hi << 64 | lo; }

/* a * b mod m for 64-bit values via the 128-bit product */
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((u128)a * b % m); }

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
    uint64_t r = 1 % m;
    b %= m;
    while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; }
    return r;
}

/* Deterministic Miller-Rabin for 64-bit n */
static int is_prime64(uint64_t n) {
    if (n < 2) return 0;
    static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (int i = 0; i < 12; i++) { if (n % bases[i] == 0) return n == bases[i]; }
    uint64_t d = n - 1;
    int s = 0;
    while (!(d & 1)) { d >>= 1; s++; }
    for (int i = 0; i < 12; i++) {
        uint64_t x = powmod(bases[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int comp = 1;
        for (int r = 1; r < s; r++) { x = mulmod(x, x, n); if (x == n - 1) { comp = 0; break; } }
        if (comp) return 0;
    }
    return 1;
}

int main(void) {
    char buf[64], buf2[64];
    u128 max = ~(u128)0;
    u128_to_dec(max, buf);
    printf("u128 max = %s\n", buf);
    CHECK(strcmp(buf, "340282366920938463463374607431768211455") == 0);
    s128 smin = (s128)((u128)1 << 127);
    s128_to_dec(smin, buf);
    printf("s128 min = %s\n", buf);
    CHECK(strcmp(buf, "-170141183460469231731687303715884105728") == 0);

    /* 30! fits in 128 bits */
    u128 f = 1;
    for (int i = 2; i <= 30; i++) f = umul(f, (u128)i);
    u128_to_dec(f, buf);
    printf("30! = %s\n", buf);
    CHECK(strcmp(buf, "265252859812191058636308480000000") == 0);
    mix128(f);

    rt_rng r;
    rt_seed(&r, 128128);
    for (int i = 0; i < 400; i++) {
        u128 a = make(rt_next(&r), rt_next(&r));
        u128 b;
        switch (i % 4) {
        case 0: b = make(0, rt_next(&r) | 1); break;                 /* 64-bit divisor */
        case 1: b = make(rt_next(&r) >> (i % 60), rt_next(&r)); break;/* 128-bit divisor */
        case 2: b = make(0, (rt_next(&r) & 0xffff) + 1); break;       /* small divisor */
        default: b = make(rt_next(&r) & 0xff, rt_next(&r)); break;
        }
        if (b == 0) b = 7;
        u128 q = udiv(a, b), m = umod(a, b);
        CHECK(q * b + m == a);
        CHECK(m < b);
        s128 sa = (s128)a, sb = (s128)b;
        if (i & 1) sb = -sb;
        if (i & 2) sa = sa >> 3;
        s128 sq = sdiv(sa, sb), sm = smod(sa, sb);
        CHECK(sq * sb + sm == sa);
        CHECK(sm == 0 || (sm < 0) == (sa < 0));   /* C truncating division: remainder has dividend's sign */
        int sh = (int)(rt_next(&r) % 128);
        u128 l = ushl(a, sh), rr = ushr(a, sh);
        s128 ar = ssar(sa, sh);
        CHECK(sh == 0 || ushr(l, sh) == ushr(ushl(a, sh), sh));
        CHECK((rr << sh) == (a & (max << sh)));
        CHECK(ar == (sa < 0 ? ~(s128)ushr(~(u128)sa, sh) : (s128)ushr((u128)sa, sh)));
        mix128(q); mix128(m); mix128((u128)sq); mix128((u128)sm); mix128(l); mix128(rr); mix128((u128)ar);
        if (i % 50 == 0) {
            u128_to_dec(q, buf);
            s128_to_dec(sm, buf2);
            printf("i=%3d q=%s sm=%s sh=%d hi(l)=%016lx\n", i, buf, buf2, sh, (unsigned long)(uint64_t)(l >> 64));
        }
    }

    /* 64x64->128 multiply, high halves, as gcc emits with a single mul/imul */
    uint64_t x = 0xfedcba9876543210ULL, y = 0x0123456789abcdefULL;
    u128 p = (u128)x * y;
    s128 sp = (s128)(int64_t)x * (int64_t)y;
    printf("umul hi %016lx lo %016lx; smul hi %016lx lo %016lx\n", (unsigned long)(uint64_t)(p >> 64),
           (unsigned long)(uint64_t)p, (unsigned long)(uint64_t)((u128)sp >> 64), (unsigned long)(uint64_t)sp);
    mix128(p); mix128((u128)sp);

    int primes = 0;
    uint64_t last = 0;
    for (uint64_t n = 0xFFFFFFFFFFFFFF00ULL; n != 0; n++) if (is_prime64(n)) { primes++; last = n; }
    printf("primes in [2^64-256, 2^64): %d, largest %lu\n", primes, (unsigned long)last);
    CHECK_EQ(last, 18446744073709551557ULL);
    rt_mix((uint64_t)primes);
    CHECK(is_prime64(1000000007ULL) && !is_prime64(1000000007ULL * 3));
    return rt_finish("int128");
}
