/* cmov.c - setcc/cmov-heavy code: min/max/abs/clamp, branchless selects, comparisons of all widths. */
#include "rt.h"

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }
static uint64_t umin64(uint64_t a, uint64_t b) { return a < b ? a : b; }
static uint32_t umax32(uint32_t a, uint32_t b) { return a > b ? a : b; }
static int32_t abs32(int32_t a) { return a < 0 ? (int32_t)(0u - (uint32_t)a) : a; }
static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }
static int16_t sat_add16(int16_t a, int16_t b) {
    int32_t s = (int32_t)a + b;
    return (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
}
static uint8_t sat_sub_u8(uint8_t a, uint8_t b) { return a > b ? (uint8_t)(a - b) : 0; }
static int sign64(int64_t v) { return (v > 0) - (v < 0); }
static uint64_t select_mask(int cond, uint64_t a, uint64_t b) {
    uint64_t m = 0 - (uint64_t)(cond != 0);
    return (a & m) | (b & ~m);
}

/* All 10 comparisons of a pair at one width packed into bits. */
#define CMPS(T, a, b)                                                                        \
    ((unsigned)((T)(a) == (T)(b)) | (unsigned)((T)(a) != (T)(b)) << 1 |                      \
     (unsigned)((T)(a) < (T)(b)) << 2 | (unsigned)((T)(a) <= (T)(b)) << 3 |                  \
     (unsigned)((T)(a) > (T)(b)) << 4 | (unsigned)((T)(a) >= (T)(b)) << 5)

/* Branch-free bounded binary search (gcc emits cmov). */
static int lower_bound(const int32_t *v, int n, int32_t key) {
    const int32_t *base = v;
    while (n > 1) {
        int half = n / 2;
        base = base[half] < key ? base + half : base;
        n -= half;
    }
    return (int)(base - v) + (*base < key);
}

int main(void) {
    rt_rng r;
    rt_seed(&r, 0xc0ffee);
    uint64_t h = 0;
    int64_t mn = INT64_MAX, mx = INT64_MIN;
    uint64_t umn = UINT64_MAX;
    uint32_t umx = 0;
    int signs[3] = {0, 0, 0};
    for (int i = 0; i < 20000; i++) {
        uint64_t x = rt_next(&r), y = rt_next(&r);
        if (i & 1) y = x ^ (y & 0xff);         /* near-equal values */
        if (i % 7 == 0) y = x;
        int64_t sx = (int64_t)x, sy = (int64_t)y;
        mn = min64(mn, sx);
        mx = max64(mx, sx);
        umn = umin64(umn, x);
        umx = umax32(umx, (uint32_t)y);
        signs[sign64(sx >> (i % 64)) + 1]++;
        unsigned c = CMPS(int64_t, sx, sy) | CMPS(uint64_t, x, y) << 6 | CMPS(int32_t, sx, sy) << 12 |
                     CMPS(uint32_t, x, y) << 18 | CMPS(int16_t, sx, sy) << 24;
        unsigned c2 = CMPS(uint16_t, x, y) | CMPS(int8_t, sx, sy) << 6 | CMPS(uint8_t, x, y) << 12;
        h = (h ^ c) * 0x100000001b3ULL;
        h = (h ^ c2) * 0x100000001b3ULL;
        h += (uint64_t)abs32((int32_t)x) + (uint64_t)clamp64(sx >> 40, -1000000, 1000000);
        h ^= (uint64_t)(int64_t)sat_add16((int16_t)x, (int16_t)y) << 7;
        h += sat_sub_u8((uint8_t)x, (uint8_t)y);
        h ^= select_mask((int)(x & 4), x, y);
        h += (x > y) ? x - y : y - x;
    }
    printf("min %ld max %ld umin %lu umax %u\n", (long)mn, (long)mx, (unsigned long)umn, umx);
    printf("signs -:%d 0:%d +:%d hash %016lx\n", signs[0], signs[1], signs[2], (unsigned long)h);
    rt_mix(h);
    rt_mix((uint64_t)mn ^ (uint64_t)mx ^ umn ^ umx);
    CHECK_EQ(abs32(-5), 5);
    CHECK_EQ(abs32(INT32_MIN), (int64_t)INT32_MIN);
    CHECK_EQ(sat_add16(30000, 30000), 32767);
    CHECK_EQ(sat_add16(-30000, -30000), (int64_t)-32768);
    CHECK_EQ(clamp64(-5, 0, 10), 0);
    CHECK_EQ(clamp64(50, 0, 10), 10);
    CHECK_EQ(CMPS(int8_t, -1, 1), 0x0e);
    CHECK_EQ(CMPS(uint8_t, -1, 1), 0x32);

    static int32_t sorted[1000];
    for (int i = 0; i < 1000; i++) sorted[i] = i * 7 - 3000;
    uint64_t bs = 0;
    for (int32_t k = -3100; k < 4100; k += 13) bs = bs * 31 + (uint64_t)lower_bound(sorted, 1000, k);
    printf("lower_bound hash %016lx lb(0)=%d lb(-3000)=%d lb(99999)=%d\n", (unsigned long)bs,
           lower_bound(sorted, 1000, 0), lower_bound(sorted, 1000, -3000), lower_bound(sorted, 1000, 99999));
    CHECK_EQ(lower_bound(sorted, 1000, 4), 430);
    CHECK_EQ(lower_bound(sorted, 1000, 99999), 1000);
    rt_mix(bs);

    /* Counting with setcc into bytes and booleans */
    int counts[4] = {0, 0, 0, 0};
    for (int i = -500; i < 500; i++) {
        _Bool b1 = i > 0, b2 = (i & 3) == 0, b3 = i % 3 != 0;
        counts[b1 + b2 + b3]++;
    }
    printf("bool counts %d %d %d %d\n", counts[0], counts[1], counts[2], counts[3]);
    rt_mix((uint64_t)counts[0] | (uint64_t)counts[1] << 16 | (uint64_t)counts[2] << 32 | (uint64_t)counts[3] << 48);
    return rt_finish("cmov");
}
