/* bits.c - popcount, ctz/clz (bsf/bsr), bswap, rotates, parity, bit reversal vs. naive loops. */
#include "rt.h"

static int naive_popcount(uint64_t x) { int n = 0; while (x) { n += (int)(x & 1); x >>= 1; } return n; }
static int naive_ctz(uint64_t x) { int n = 0; while (!(x & 1)) { x >>= 1; n++; } return n; }
static int naive_clz(uint64_t x) { int n = 0; while (!(x & 0x8000000000000000ULL)) { x <<= 1; n++; } return n; }
static uint64_t naive_bswap64(uint64_t x) {
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) { r = r << 8 | (x & 0xff); x >>= 8; }
    return r;
}
static uint64_t rotl64(uint64_t x, unsigned r) { r &= 63; return (x << r) | (x >> ((64 - r) & 63)); }
static uint64_t rotr64(uint64_t x, unsigned r) { r &= 63; return (x >> r) | (x << ((64 - r) & 63)); }
static uint32_t rotl32(uint32_t x, unsigned r) { r &= 31; return (x << r) | (x >> ((32 - r) & 31)); }
static uint16_t rotl16(uint16_t x, unsigned r) { r &= 15; return (uint16_t)((x << r) | (x >> ((16 - r) & 15))); }
static uint8_t rotr8(uint8_t x, unsigned r) { r &= 7; return (uint8_t)((x >> r) | (x << ((8 - r) & 7))); }
static uint32_t bitrev32(uint32_t x) {
    x = (x & 0x55555555u) << 1 | ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) << 2 | ((x >> 2) & 0x33333333u);
    x = (x & 0x0f0f0f0fu) << 4 | ((x >> 4) & 0x0f0f0f0fu);
    return __builtin_bswap32(x);
}
static int naive_parity(uint64_t x) { return naive_popcount(x) & 1; }

/* Next higher number with the same number of set bits (Gosper's hack). */
static uint64_t next_same_popcount(uint64_t x) {
    uint64_t c = x & -x, r = x + c;
    return (((r ^ x) >> 2) / c) | r;
}

int main(void) {
    rt_rng r;
    rt_seed(&r, 0xb175);
    uint64_t acc = 0;
    int bad = 0;
    for (int i = 0; i < 3000; i++) {
        uint64_t x = rt_next(&r);
        if (i % 3 == 1) x >>= (i % 64);
        if (i % 5 == 2) x &= x << (i % 17);
        if (x == 0) x = 1ULL << (i % 64);
        uint32_t x32 = (uint32_t)x | 1u << (i % 32);
        int pc = __builtin_popcountll(x), tz = __builtin_ctzll(x), lz = __builtin_clzll(x);
        int pc32 = __builtin_popcount(x32), tz32 = __builtin_ctz(x32), lz32 = __builtin_clz(x32);
        int par = __builtin_parityll(x), ffs = __builtin_ffsll((long long)x);
        int clrsb = __builtin_clrsbll((long long)x);
        uint64_t bs = __builtin_bswap64(x);
        uint32_t bs32 = __builtin_bswap32(x32);
        uint16_t bs16 = __builtin_bswap16((uint16_t)x);
        if (pc != naive_popcount(x)) bad++;
        if (tz != naive_ctz(x)) bad++;
        if (lz != naive_clz(x)) bad++;
        if (pc32 != naive_popcount(x32) || tz32 != naive_ctz(x32) || lz32 != naive_clz(x32) - 32) bad++;
        if (par != naive_parity(x) || ffs != tz + 1) bad++;
        if (bs != naive_bswap64(x) || bs32 != (uint32_t)(naive_bswap64(x32) >> 32)) bad++;
        if (bs16 != (uint16_t)(naive_bswap64((uint16_t)x) >> 48)) bad++;
        unsigned k = (unsigned)(x >> 58);
        uint64_t rl = rotl64(x, k), rr = rotr64(x, k);
        if (rotr64(rl, k) != x || rotl64(rr, k) != x) bad++;
        uint32_t r32 = rotl32(x32, k);
        uint16_t r16 = rotl16((uint16_t)x, k);
        uint8_t r8 = rotr8((uint8_t)x, k);
        uint32_t rev = bitrev32(x32);
        if (bitrev32(rev) != x32) bad++;
        acc = rotl64(acc, 7) ^ (uint64_t)pc ^ (uint64_t)tz << 8 ^ (uint64_t)lz << 16 ^ (uint64_t)clrsb << 24;
        acc ^= bs ^ (uint64_t)bs32 << 3 ^ bs16 ^ rl ^ rr ^ r32 ^ (uint64_t)r16 << 40 ^ (uint64_t)r8 << 56 ^ rev;
        acc += (uint64_t)par;
        if (i % 300 == 0)
            printf("x=%016lx pc=%2d tz=%2d lz=%2d par=%d clrsb=%2d bswap=%016lx rotl(%2u)=%016lx rev32=%08x\n",
                   (unsigned long)x, pc, tz, lz, par, clrsb, (unsigned long)bs, k, (unsigned long)rl, rev);
    }
    CHECK_EQ(bad, 0);
    printf("acc = %016lx\n", (unsigned long)acc);
    rt_mix(acc);

    /* Gosper: enumerate all 5-bit subsets of 16 bits */
    int count = 0;
    uint64_t sum = 0;
    for (uint64_t s = 0x1f; s < (1u << 16); s = next_same_popcount(s)) { count++; sum += s; }
    printf("C(16,5) = %d, sum %lu\n", count, (unsigned long)sum);
    CHECK_EQ(count, 4368);
    rt_mix(sum);

    /* bit tests and bit fields */
    uint64_t bitmap[4] = {0};
    for (int i = 0; i < 256; i += 3) bitmap[i >> 6] |= 1ULL << (i & 63);
    int set = 0;
    for (int i = 0; i < 256; i++) set += (int)((bitmap[i >> 6] >> (i & 63)) & 1);
    for (int i = 0; i < 256; i += 5) bitmap[i >> 6] ^= 1ULL << (i & 63);
    for (int i = 0; i < 256; i += 7) bitmap[i >> 6] &= ~(1ULL << (i & 63));
    printf("bitmap set %d -> %016lx %016lx %016lx %016lx\n", set, (unsigned long)bitmap[0],
           (unsigned long)bitmap[1], (unsigned long)bitmap[2], (unsigned long)bitmap[3]);
    CHECK_EQ(set, 86);
    for (int i = 0; i < 4; i++) rt_mix(bitmap[i]);

    struct { unsigned a : 3, b : 7, c : 13; signed d : 5; unsigned e : 1; } bf = {0, 0, 0, 0, 0};
    uint64_t bsum = 0;
    for (int i = 0; i < 100; i++) {
        bf.a += (unsigned)i; bf.b ^= (unsigned)(i * 3); bf.c += (unsigned)(i * 77); bf.d = (signed)(i - 50) % 16; bf.e = !bf.e;
        bsum = bsum * 3 + bf.a + bf.b + bf.c + (uint64_t)(int64_t)bf.d + bf.e;
    }
    printf("bitfields a=%u b=%u c=%u d=%d e=%u sum=%016lx\n", bf.a, bf.b, bf.c, bf.d, bf.e, (unsigned long)bsum);
    rt_mix(bsum);
    return rt_finish("bits");
}
