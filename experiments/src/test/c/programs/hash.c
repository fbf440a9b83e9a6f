/* hash.c - FNV-1a, CRC-32 (table-driven and bitwise), a 64-bit mixer, SipHash-2-4, Adler-32. */
#include "rt.h"

static uint32_t fnv1a32(const void *p, size_t n) {
    const uint8_t *b = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) { h ^= b[i]; h *= 16777619u; }
    return h;
}

static uint64_t fnv1a64(const void *p, size_t n) {
    const uint8_t *b = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) { h ^= b[i]; h *= 0x100000001b3ULL; }
    return h;
}

static uint32_t crc_table[256];

static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32_table(const void *p, size_t n) {
    const uint8_t *b = p;
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) c = crc_table[(c ^ b[i]) & 0xFF] ^ (c >> 8);
    return ~c;
}

static uint32_t crc32_bitwise(const void *p, size_t n) {
    const uint8_t *b = p;
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= b[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return ~c;
}

/* A 64-bit finaliser in the style of Murmur3 / xxHash avalanche steps. */
static uint64_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
static uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

/* A block hash built from 32-bit multiply-rotate rounds (Murmur-like). */
static uint32_t block_hash32(const uint8_t *b, size_t n, uint32_t seed) {
    uint32_t h = seed;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        uint32_t k = (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 | (uint32_t)b[i + 2] << 16 |
                     (uint32_t)b[i + 3] << 24;
        k *= 0xcc9e2d51u;
        k = rotl32(k, 15);
        k *= 0x1b873593u;
        h ^= k;
        h = rotl32(h, 13);
        h = h * 5 + 0xe6546b64u;
    }
    uint32_t k = 0;
    switch (n & 3) {
    case 3: k ^= (uint32_t)b[i + 2] << 16; /* fall through */
    case 2: k ^= (uint32_t)b[i + 1] << 8;  /* fall through */
    case 1: k ^= b[i]; k *= 0xcc9e2d51u; k = rotl32(k, 15); k *= 0x1b873593u; h ^= k;
    }
    h ^= (uint32_t)n;
    h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16;
    return h;
}

#define SIPROUND                                                       \
    do {                                                               \
        v0 += v1; v1 = rotl64(v1, 13); v1 ^= v0; v0 = rotl64(v0, 32);  \
        v2 += v3; v3 = rotl64(v3, 16); v3 ^= v2;                       \
        v0 += v3; v3 = rotl64(v3, 21); v3 ^= v0;                       \
        v2 += v1; v1 = rotl64(v1, 17); v1 ^= v2; v2 = rotl64(v2, 32);  \
    } while (0)

static uint64_t load64le(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint64_t siphash24(const uint8_t key[16], const uint8_t *m, size_t n) {
    uint64_t k0 = load64le(key), k1 = load64le(key + 8);
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w = load64le(m + i);
        v3 ^= w; SIPROUND; SIPROUND; v0 ^= w;
    }
    uint64_t last = (uint64_t)n << 56;
    for (size_t j = 0; i + j < n; j++) last |= (uint64_t)m[i + j] << (8 * j);
    v3 ^= last; SIPROUND; SIPROUND; v0 ^= last;
    v2 ^= 0xff;
    SIPROUND; SIPROUND; SIPROUND; SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

static uint32_t adler32(const uint8_t *b, size_t n) {
    uint32_t a = 1, s = 0;
    for (size_t i = 0; i < n; i++) { a = (a + b[i]) % 65521; s = (s + a) % 65521; }
    return s << 16 | a;
}

int main(void) {
    crc_init();
    static const char *msgs[] = {"", "a", "abc", "123456789", "message digest",
                                 "The quick brown fox jumps over the lazy dog",
                                 "hvsim: a cycle-approximate x86-64 simulator"};
    for (unsigned i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
        const char *m = msgs[i];
        size_t n = strlen(m);
        uint32_t c1 = crc32_table(m, n), c2 = crc32_bitwise(m, n);
        CHECK_EQ(c1, c2);
        printf("%-45s fnv32 %08x fnv64 %016lx crc %08x mur %08x adler %08x\n", m, fnv1a32(m, n),
               (unsigned long)fnv1a64(m, n), c1, block_hash32((const uint8_t *)m, n, 42),
               adler32((const uint8_t *)m, n));
        rt_mix(fnv1a64(m, n) ^ c1 ^ (uint64_t)block_hash32((const uint8_t *)m, n, 7) << 32);
    }
    /* Published reference values. */
    CHECK_EQ(crc32_table("123456789", 9), 0xCBF43926u);
    CHECK_EQ(fnv1a32("a", 1), 0xe40c292cu);
    CHECK_EQ(fnv1a64("a", 1), 0xaf63dc4c8601ec8cULL);
    CHECK_EQ(adler32((const uint8_t *)"Wikipedia", 9), 0x11E60398u);

    uint8_t key[16], msg[64];
    for (int i = 0; i < 16; i++) key[i] = (uint8_t)i;
    for (int i = 0; i < 64; i++) msg[i] = (uint8_t)i;
    CHECK_EQ(siphash24(key, msg, 15), 0xa129ca6149be45e5ULL);
    for (int n = 0; n <= 64; n += 9) {
        uint64_t h = siphash24(key, msg, (size_t)n);
        printf("siphash len %2d %016lx\n", n, (unsigned long)h);
        rt_mix(h);
    }

    /* A larger buffer: hash 64 KiB of PRNG data several ways. */
    static uint8_t big[65536];
    rt_rng r;
    rt_seed(&r, 777);
    for (size_t i = 0; i < sizeof big; i += 8) {
        uint64_t w = rt_next(&r);
        memcpy(big + i, &w, 8);
    }
    uint32_t ct = crc32_table(big, sizeof big);
    uint32_t cb = crc32_bitwise(big, 4096);
    uint64_t f = fnv1a64(big, sizeof big);
    uint32_t mu = block_hash32(big, sizeof big - 3, 0x9747b28c);
    uint64_t sh = siphash24(key, big, 4093);
    uint64_t mx = 0;
    for (int i = 0; i < 10000; i++) mx = mix64(mx + (uint64_t)i);
    CHECK_EQ(crc32_table(big, 4096), cb);
    printf("big: crc %08x crc4k %08x fnv %016lx mur %08x sip %016lx mix %016lx\n", ct, cb,
           (unsigned long)f, mu, (unsigned long)sh, (unsigned long)mx);
    rt_mix(ct); rt_mix(f); rt_mix(mu); rt_mix(sh); rt_mix(mx);
    return rt_finish("hash");
}
