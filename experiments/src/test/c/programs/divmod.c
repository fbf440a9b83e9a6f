/* divmod.c - signed/unsigned division and modulo at every width (negative operands, constant and
 * variable divisors), shifts of every width by constant and variable counts, char/short arithmetic. */
#include "rt.h"

#define DEFINE_DIV(T, name)                                                           \
    __attribute__((noinline)) static T name##_div(T a, T b) { return (T)(a / b); }   \
    __attribute__((noinline)) static T name##_mod(T a, T b) { return (T)(a % b); }
DEFINE_DIV(int8_t, s8)
DEFINE_DIV(uint8_t, u8)
DEFINE_DIV(int16_t, s16)
DEFINE_DIV(uint16_t, u16)
DEFINE_DIV(int32_t, s32)
DEFINE_DIV(uint32_t, u32)
DEFINE_DIV(int64_t, s64)
DEFINE_DIV(uint64_t, u64)

#define DEFINE_SHIFT(T, name)                                                                  \
    __attribute__((noinline)) static T name##_shl(T a, unsigned c) { return (T)(a << c); }      \
    __attribute__((noinline)) static T name##_shr(T a, unsigned c) { return (T)(a >> c); }
DEFINE_SHIFT(uint8_t, u8)
DEFINE_SHIFT(int8_t, s8)
DEFINE_SHIFT(uint16_t, u16)
DEFINE_SHIFT(int16_t, s16)
DEFINE_SHIFT(uint32_t, u32)
DEFINE_SHIFT(uint64_t, u64)
__attribute__((noinline)) static int32_t s32_sar(int32_t a, unsigned c) { return a >> c; }
__attribute__((noinline)) static int64_t s64_sar(int64_t a, unsigned c) { return a >> c; }
__attribute__((noinline)) static uint64_t u64_shld(uint64_t hi, uint64_t lo, unsigned c) {
    return c ? (hi << c) | (lo >> (64 - c)) : hi;
}
__attribute__((noinline)) static uint32_t u32_shrd(uint32_t lo, uint32_t hi, unsigned c) {
    return c ? (lo >> c) | (hi << (32 - c)) : lo;
}

static uint64_t h = 0;
static void acc(uint64_t v) { h = (h ^ v) * 0x100000001b3ULL + (h >> 29); }

/* Constant divisors: gcc turns these into multiply-by-reciprocal sequences. */
static void constant_divisors(int64_t x) {
    int32_t x32 = (int32_t)x;
    uint32_t u32 = (uint32_t)x;
    acc((uint64_t)(x / 7)); acc((uint64_t)(x % 7)); acc((uint64_t)(x / -3)); acc((uint64_t)(x % 10));
    acc((uint64_t)(x / 16)); acc((uint64_t)(x % 16)); acc((uint64_t)((uint64_t)x / 1000000007ULL));
    acc((uint64_t)x32 / 3); acc((uint64_t)(x32 % 3)); acc((uint64_t)(int64_t)(x32 / 1000)); acc((uint64_t)(x32 % -128));
    acc(u32 / 10); acc(u32 % 10); acc(u32 / 641); acc(u32 % 0x80000001u);
    acc((uint64_t)(int64_t)((int16_t)x / 5)); acc((uint64_t)(int64_t)((int8_t)x % 3));
    acc((uint8_t)x / 9);
}

int main(void) {
    static const int64_t special[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, 127, -128, 255, 32767,
                                      -32768, 65535, 2147483647, -2147483647 - 1, 4294967295LL,
                                      9223372036854775807LL, -9223372036854775807LL - 1};
    int ns = (int)(sizeof special / sizeof special[0]);
    rt_rng r;
    rt_seed(&r, 31337);
    int64_t vals[64];
    for (int i = 0; i < 64; i++) vals[i] = i < ns ? special[i] : (int64_t)rt_next(&r) >> (i % 50);
    int fails = 0;
    for (int i = 0; i < 64; i++) {
        for (int j = 0; j < 64; j++) {
            int64_t a = vals[i], b = vals[j];
#define TRY(T, name, S)                                                                          \
    do {                                                                                        \
        T ta = (T)a, tb = (T)b;                                                                 \
        if (tb != 0 && !(S && tb == (T)-1 && ta == (T)((uint64_t)1 << (sizeof(T) * 8 - 1)))) { \
            T q = name##_div(ta, tb), m = name##_mod(ta, tb);                                   \
            if ((T)(q * tb + m) != ta) fails++;                                                 \
            acc((uint64_t)q); acc((uint64_t)m);                                                 \
        }                                                                                       \
    } while (0)
            TRY(int8_t, s8, 1); TRY(uint8_t, u8, 0); TRY(int16_t, s16, 1); TRY(uint16_t, u16, 0);
            TRY(int32_t, s32, 1); TRY(uint32_t, u32, 0); TRY(int64_t, s64, 1); TRY(uint64_t, u64, 0);
        }
        constant_divisors(vals[i]);
    }
    printf("division: hash %016lx\n", (unsigned long)h);
    CHECK_EQ(fails, 0);
    rt_mix(h);
    printf("-7/2=%d -7%%2=%d 7/-2=%d 7%%-2=%d (int8)-128/3=%d (uint8)200/7=%u (int16)-32768/-7=%d\n",
           s32_div(-7, 2), s32_mod(-7, 2), s32_div(7, -2), s32_mod(7, -2), s8_div(-128, 3), u8_div(200, 7),
           s16_div(-32768, -7));
    printf("s64 min/3=%ld u64 max/10=%lu s64 min%%10=%ld\n", (long)s64_div(INT64_MIN, 3),
           (unsigned long)u64_div(UINT64_MAX, 10), (long)s64_mod(INT64_MIN, 10));
    CHECK_EQ(s32_div(-7, 2), (uint64_t)-3);
    CHECK_EQ(s32_mod(-7, 2), (uint64_t)-1);

    h = 0;
    for (int i = 0; i < 64; i++) {
        uint64_t v = (uint64_t)vals[i];
        for (unsigned c = 0; c < 64; c++) {
            acc(u8_shl((uint8_t)v, c & 7)); acc(u8_shr((uint8_t)v, c & 7));
            acc((uint64_t)(int64_t)s8_shl((int8_t)v, c & 7)); acc((uint64_t)(int64_t)s8_shr((int8_t)v, c & 7));
            acc(u16_shl((uint16_t)v, c & 15)); acc(u16_shr((uint16_t)v, c & 15));
            acc((uint64_t)(int64_t)s16_shr((int16_t)v, c & 15)); acc((uint64_t)(int64_t)s16_shl((int16_t)v, c & 15));
            acc(u32_shl((uint32_t)v, c & 31)); acc(u32_shr((uint32_t)v, c & 31));
            acc((uint64_t)(int64_t)s32_sar((int32_t)v, c & 31));
            acc(u64_shl(v, c)); acc(u64_shr(v, c)); acc((uint64_t)s64_sar((int64_t)v, c));
            acc(u64_shld(v, ~v, c)); acc(u32_shrd((uint32_t)v, (uint32_t)(v >> 32), c & 31));
        }
        /* constant shift counts */
        acc(v << 1); acc(v >> 63); acc((uint64_t)((int64_t)v >> 63)); acc((uint64_t)((int64_t)v >> 17));
        acc((uint32_t)v << 31); acc((uint32_t)v >> 5); acc((uint64_t)(int64_t)((int32_t)v >> 31));
        acc((uint16_t)((uint16_t)v << 3)); acc((uint64_t)(int64_t)(int16_t)((int16_t)v >> 9));
        acc((uint8_t)((uint8_t)v >> 1)); acc((uint64_t)(int64_t)(int8_t)((int8_t)v >> 2));
    }
    printf("shifts: hash %016lx\n", (unsigned long)h);
    rt_mix(h);

    /* char and short arithmetic: partial registers, movsx/movzx, wraparound */
    h = 0;
    int8_t c8 = 1;
    uint8_t u8 = 250;
    int16_t s16 = -30000;
    uint16_t w16 = 65000;
    char text[] = "Partial Registers: AL AH AX EAX RAX!";
    for (int i = 0; i < 5000; i++) {
        c8 = (int8_t)(c8 * 3 + 1);
        u8 = (uint8_t)(u8 + 7);
        s16 = (int16_t)(s16 - 1234);
        w16 = (uint16_t)(w16 * 5 + (uint16_t)c8);
        int sx = c8 + s16;                  /* sign extensions */
        unsigned zx = (unsigned)u8 + w16;   /* zero extensions */
        char ch = text[i % (int)(sizeof text - 1)];
        unsigned char hi = (unsigned char)((unsigned)zx >> 8);
        acc((uint64_t)(int64_t)sx); acc(zx); acc((uint64_t)(int64_t)(ch ^ c8)); acc(hi);
        acc((uint64_t)(int64_t)(int8_t)(c8 < 0 ? -c8 : c8));
        acc((uint64_t)((uint8_t)(u8 * u8)));
        acc((uint64_t)(int64_t)(int16_t)(s16 * c8));
    }
    printf("narrow: c8=%d u8=%u s16=%d w16=%u hash %016lx\n", c8, u8, s16, w16, (unsigned long)h);
    rt_mix(h);
    return rt_finish("divmod");
}
