/* overflow.c - checked arithmetic (__builtin_*_overflow: jo/jc/seto/setc, widening imul/mul) at every
 * width, add-with-carry and subtract-with-borrow chains (adc/sbb), saturating 64-bit arithmetic. */
#include "rt.h"

#define CHECKED(T, name)                                                                       \
    __attribute__((noinline)) static unsigned name(T a, T b, T *sum, T *diff, T *prod) {        \
        unsigned f = 0;                                                                         \
        f |= (unsigned)__builtin_add_overflow(a, b, sum);                                       \
        f |= (unsigned)__builtin_sub_overflow(a, b, diff) << 1;                                 \
        f |= (unsigned)__builtin_mul_overflow(a, b, prod) << 2;                                 \
        return f;                                                                               \
    }
CHECKED(int8_t, ck_s8)
CHECKED(uint8_t, ck_u8)
CHECKED(int16_t, ck_s16)
CHECKED(uint16_t, ck_u16)
CHECKED(int32_t, ck_s32)
CHECKED(uint32_t, ck_u32)
CHECKED(int64_t, ck_s64)
CHECKED(uint64_t, ck_u64)

/* Reference: the same predicates computed in 128-bit arithmetic. */
static unsigned ref_flags(__int128 a, __int128 b, __int128 lo, __int128 hi) {
    __int128 s = a + b, d = a - b;
    unsigned pf;
    if (lo == 0) {   /* unsigned type: the product of two 64-bit values fits in unsigned 128 bits */
        pf = (unsigned __int128)a * (unsigned __int128)b > (unsigned __int128)hi;
    } else {         /* signed type: |product| <= 2^126 fits in signed 128 bits */
        __int128 p = a * b;
        pf = p < lo || p > hi;
    }
    return (unsigned)(s < lo || s > hi) | (unsigned)(d < lo || d > hi) << 1 | pf << 2;
}

/* 256-bit add and subtract with explicit carry chains. */
typedef struct { uint64_t w[4]; } u256;
__attribute__((noinline)) static unsigned char add256(u256 *r, const u256 *a, const u256 *b) {
    unsigned char c = 0;
    for (int i = 0; i < 4; i++) {
        unsigned long long out;
        c = __builtin_ia32_addcarryx_u64(c, a->w[i], b->w[i], &out);
        r->w[i] = out;
    }
    return c;
}
__attribute__((noinline)) static unsigned char sub256(u256 *r, const u256 *a, const u256 *b) {
    unsigned char c = 0;
    for (int i = 0; i < 4; i++) {
        unsigned long long out;
        c = __builtin_ia32_sbb_u64(c, a->w[i], b->w[i], &out);
        r->w[i] = out;
    }
    return c;
}

static int64_t sat_add64(int64_t a, int64_t b) {
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return a < 0 ? INT64_MIN : INT64_MAX;
    return r;
}
static uint64_t sat_mul_u64(uint64_t a, uint64_t b) {
    uint64_t r;
    return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}

int main(void) {
    rt_rng r;
    rt_seed(&r, 0x0f10);
    uint64_t h = 0;
    int bad = 0;
    unsigned counts[8] = {0};
    for (int i = 0; i < 4000; i++) {
        uint64_t x = rt_next(&r), y = rt_next(&r);
        if (i & 1) x >>= (i % 61);
        if (i & 2) y >>= (i % 59);
        if (i % 11 == 0) y = x;
#define RUN(T, name, lo, hi)                                                               \
    do {                                                                                   \
        T s, d, p;                                                                         \
        unsigned f = name((T)x, (T)y, &s, &d, &p);                                         \
        if (f != ref_flags((__int128)(T)x, (__int128)(T)y, (__int128)(lo), (__int128)(hi))) bad++; \
        counts[f]++;                                                                       \
        h = (h ^ f ^ (uint64_t)s << 3 ^ (uint64_t)d << 5 ^ (uint64_t)p << 7) * 0x100000001b3ULL; \
    } while (0)
        RUN(int8_t, ck_s8, INT8_MIN, INT8_MAX);
        RUN(uint8_t, ck_u8, 0, UINT8_MAX);
        RUN(int16_t, ck_s16, INT16_MIN, INT16_MAX);
        RUN(uint16_t, ck_u16, 0, UINT16_MAX);
        RUN(int32_t, ck_s32, INT32_MIN, INT32_MAX);
        RUN(uint32_t, ck_u32, 0, UINT32_MAX);
        RUN(int64_t, ck_s64, INT64_MIN, INT64_MAX);
        RUN(uint64_t, ck_u64, 0, UINT64_MAX);
    }
    printf("checked arithmetic: hash %016lx flags", (unsigned long)h);
    for (int i = 0; i < 8; i++) printf(" %u", counts[i]);
    printf("\n");
    CHECK_EQ(bad, 0);
    rt_mix(h);

    u256 a = {{UINT64_MAX, UINT64_MAX, 0, 0}}, b = {{1, 0, 0, 0}}, s, d;
    unsigned char c = add256(&s, &a, &b);
    CHECK(s.w[0] == 0 && s.w[1] == 0 && s.w[2] == 1 && c == 0);
    c = sub256(&d, &b, &a);   /* 1 - (2^128 - 1) wraps */
    printf("256-bit: sum %016lx %016lx %016lx %016lx diff %016lx %016lx %016lx %016lx borrow %u\n",
           (unsigned long)s.w[3], (unsigned long)s.w[2], (unsigned long)s.w[1], (unsigned long)s.w[0],
           (unsigned long)d.w[3], (unsigned long)d.w[2], (unsigned long)d.w[1], (unsigned long)d.w[0], c);
    CHECK_EQ(c, 1);
    u256 acc = {{0, 0, 0, 0}};
    unsigned carries = 0;
    for (int i = 0; i < 2000; i++) {
        u256 v = {{rt_next(&r), rt_next(&r), rt_next(&r), rt_next(&r) >> (i % 3)}};
        carries += add256(&acc, &acc, &v);
        if (i % 7 == 0) carries += sub256(&acc, &acc, &b);
    }
    printf("accumulated %016lx %016lx %016lx %016lx carries %u\n", (unsigned long)acc.w[3], (unsigned long)acc.w[2],
           (unsigned long)acc.w[1], (unsigned long)acc.w[0], carries);
    for (int i = 0; i < 4; i++) rt_mix(acc.w[i]);
    rt_mix(carries);

    printf("sat_add64 %ld %ld %ld sat_mul %lu %lu\n", (long)sat_add64(INT64_MAX, 5), (long)sat_add64(INT64_MIN, -5),
           (long)sat_add64(-5, 3), (unsigned long)sat_mul_u64(1ULL << 40, 1ULL << 30), (unsigned long)sat_mul_u64(12345, 6789));
    CHECK_EQ(sat_add64(INT64_MAX, 5), INT64_MAX);
    CHECK_EQ(sat_mul_u64(1ULL << 40, 1ULL << 30), UINT64_MAX);
    CHECK_EQ(sat_mul_u64(12345, 6789), 83810205);
    return rt_finish("overflow");
}
