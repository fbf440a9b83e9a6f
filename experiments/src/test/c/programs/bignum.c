/* bignum.c - multi-word unsigned arithmetic: add, sub, mul, divmod, decimal printing, 100!. */
#include "rt.h"

#define W 40   /* 32-bit limbs: up to 1280 bits */

typedef struct { uint32_t d[W]; } big;   /* little-endian limbs */

static void big_set(big *a, uint64_t v) {
    memset(a, 0, sizeof *a);
    a->d[0] = (uint32_t)v;
    a->d[1] = (uint32_t)(v >> 32);
}

static int big_len(const big *a) {
    int n = W;
    while (n > 0 && a->d[n - 1] == 0) n--;
    return n;
}

static int big_cmp(const big *a, const big *b) {
    for (int i = W - 1; i >= 0; i--)
        if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static uint32_t big_add(big *r, const big *a, const big *b) {
    uint64_t carry = 0;
    for (int i = 0; i < W; i++) {
        uint64_t s = (uint64_t)a->d[i] + b->d[i] + carry;
        r->d[i] = (uint32_t)s;
        carry = s >> 32;
    }
    return (uint32_t)carry;
}

static uint32_t big_sub(big *r, const big *a, const big *b) {
    int64_t borrow = 0;
    for (int i = 0; i < W; i++) {
        int64_t s = (int64_t)a->d[i] - b->d[i] - borrow;
        borrow = s < 0;
        r->d[i] = (uint32_t)s;
    }
    return (uint32_t)borrow;
}

static void big_mul(big *r, const big *a, const big *b) {
    big t;
    memset(&t, 0, sizeof t);
    int la = big_len(a), lb = big_len(b);
    for (int i = 0; i < la; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < lb && i + j < W; j++) {
            uint64_t p = (uint64_t)a->d[i] * b->d[j] + t.d[i + j] + carry;
            t.d[i + j] = (uint32_t)p;
            carry = p >> 32;
        }
        if (i + lb < W) t.d[i + lb] = (uint32_t)carry;
    }
    *r = t;   /* struct copy */
}

static uint32_t big_mul_small(big *a, uint32_t m) {
    uint64_t carry = 0;
    for (int i = 0; i < W; i++) {
        uint64_t p = (uint64_t)a->d[i] * m + carry;
        a->d[i] = (uint32_t)p;
        carry = p >> 32;
    }
    return (uint32_t)carry;
}

static uint32_t big_div_small(big *a, uint32_t m) {
    uint64_t rem = 0;
    for (int i = W - 1; i >= 0; i--) {
        uint64_t cur = rem << 32 | a->d[i];
        a->d[i] = (uint32_t)(cur / m);
        rem = cur % m;
    }
    return (uint32_t)rem;
}

static void big_shl1(big *a) {
    for (int i = W - 1; i > 0; i--) a->d[i] = a->d[i] << 1 | a->d[i - 1] >> 31;
    a->d[0] <<= 1;
}

/* Schoolbook binary long division: q = n / d, r = n % d. */
static void big_divmod(big *q, big *r, const big *n, const big *d) {
    big rem, quo;
    memset(&rem, 0, sizeof rem);
    memset(&quo, 0, sizeof quo);
    int bits = big_len(n) * 32;
    for (int i = bits - 1; i >= 0; i--) {
        big_shl1(&rem);
        rem.d[0] |= (n->d[i / 32] >> (i % 32)) & 1;
        if (big_cmp(&rem, d) >= 0) {
            big_sub(&rem, &rem, d);
            quo.d[i / 32] |= 1u << (i % 32);
        }
    }
    *q = quo;
    *r = rem;
}

static int big_to_dec(const big *a, char *out) {
    big t = *a;
    char tmp[W * 10 + 2];
    int n = 0;
    do {
        uint32_t chunk = big_div_small(&t, 1000000000u);
        for (int k = 0; k < 9; k++) { tmp[n++] = (char)('0' + chunk % 10); chunk /= 10; }
    } while (big_len(&t));
    while (n > 1 && tmp[n - 1] == '0') n--;
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

static uint64_t big_hash(const big *a) {
    uint64_t h = 0;
    for (int i = 0; i < W; i++) h = (h ^ a->d[i]) * 0x9E3779B97F4A7C15ULL;
    return h;
}

static void show(const char *label, const big *a) {
    char buf[W * 10 + 2];
    int n = big_to_dec(a, buf);
    printf("%s (%d digits) = %s\n", label, n, buf);
    rt_mix(big_hash(a));
}

int main(void) {
    char buf[W * 10 + 2];
    big f, one;
    big_set(&f, 1);
    big_set(&one, 1);
    for (uint32_t i = 2; i <= 100; i++) big_mul_small(&f, i);
    int n = big_to_dec(&f, buf);
    int digit_sum = 0;
    for (int i = 0; i < n; i++) digit_sum += buf[i] - '0';
    show("100!", &f);
    CHECK_EQ(n, 158);
    CHECK_EQ(digit_sum, 648);
    CHECK(strncmp(buf, "93326215443944152681", 20) == 0);

    /* 100! / 98! = 9900, with zero remainder */
    big f98, q, r;
    big_set(&f98, 1);
    for (uint32_t i = 2; i <= 98; i++) big_mul_small(&f98, i);
    big_divmod(&q, &r, &f, &f98);
    CHECK_EQ(big_len(&r), 0);
    CHECK_EQ(q.d[0], 9900);
    printf("100!/98! = %u rem-len %d\n", q.d[0], big_len(&r));

    /* 2^256 - 1 and friends */
    big p, m;
    big_set(&p, 1);
    for (int i = 0; i < 256; i++) big_shl1(&p);
    big_sub(&m, &p, &one);
    show("2^256", &p);
    show("2^256-1", &m);
    big sq;
    big_mul(&sq, &m, &m);
    show("(2^256-1)^2", &sq);
    /* (2^256-1)^2 = 2^512 - 2^257 + 1: check via add */
    big chk, t;
    big_add(&chk, &sq, &p);
    big_add(&chk, &chk, &p);
    big_sub(&chk, &chk, &one);
    big_mul(&t, &p, &p);
    CHECK(big_cmp(&chk, &t) == 0);

    /* Fibonacci(1000) by repeated addition, then divmod by a large prime-ish divisor */
    big a, b, c;
    big_set(&a, 0);
    big_set(&b, 1);
    for (int i = 0; i < 1000; i++) { big_add(&c, &a, &b); a = b; b = c; }
    show("fib(1000)", &a);
    CHECK(strncmp((big_to_dec(&a, buf), buf), "43466557686937456435", 20) == 0);
    big d;
    big_set(&d, 0xFFFFFFFFFFFFFFC5ULL);   /* 2^64 - 59, the largest 64-bit prime */
    big_divmod(&q, &r, &a, &d);
    show("fib(1000) / (2^64-59)", &q);
    show("fib(1000) % (2^64-59)", &r);
    big back;
    big_mul(&back, &q, &d);
    big_add(&back, &back, &r);
    CHECK(big_cmp(&back, &a) == 0);

    /* Random operands: (x*y + z) divmod y == (x, z) when z < y */
    rt_rng rng;
    rt_seed(&rng, 4242);
    for (int round = 0; round < 6; round++) {
        big x, y, z, prod, sum2;
        memset(&x, 0, sizeof x);
        memset(&y, 0, sizeof y);
        int lx = 2 + (int)rt_below(&rng, 8), ly = 1 + (int)rt_below(&rng, 6);
        for (int i = 0; i < lx; i++) x.d[i] = (uint32_t)rt_next(&rng);
        for (int i = 0; i < ly; i++) y.d[i] = (uint32_t)rt_next(&rng);
        if (big_len(&y) == 0) y.d[0] = 1;
        big_divmod(&q, &z, &x, &y);   /* z = x mod y < y */
        big_mul(&prod, &x, &y);
        big_add(&sum2, &prod, &z);
        big_divmod(&q, &r, &sum2, &y);
        CHECK(big_cmp(&q, &x) == 0);
        CHECK(big_cmp(&r, &z) == 0);
        printf("round %d: len x %d y %d hash %016lx\n", round, lx, ly, (unsigned long)big_hash(&sum2));
        rt_mix(big_hash(&sum2));
    }
    return rt_finish("bignum");
}
