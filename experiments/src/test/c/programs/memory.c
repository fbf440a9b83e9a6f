/* memory.c - volatile memory-heavy loops, struct copies (rep movs / memcpy), large stack arrays,
 * overlapping memmove, memset/memcmp, pointer chasing. */
#include "rt.h"

typedef struct {
    uint64_t id;
    char name[40];
    int32_t vals[50];
    uint8_t flags[13];
} record;   /* 261+ bytes: gcc copies it with rep movsq or a memcpy call */

static record table[64];

__attribute__((noinline)) static record make_record(uint64_t id) {
    record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = id;
    for (int i = 0; i < 39; i++) rec.name[i] = (char)('a' + (id + (uint64_t)i) % 26);
    for (int i = 0; i < 50; i++) rec.vals[i] = (int32_t)(id * 2654435761u) >> (i % 13);
    for (int i = 0; i < 13; i++) rec.flags[i] = (uint8_t)(id >> i);
    return rec;   /* returned through a hidden pointer */
}

__attribute__((noinline)) static uint64_t record_hash(record rec) {   /* passed by value on the stack */
    uint64_t h = rec.id;
    for (int i = 0; i < 50; i++) h = h * 31 + (uint32_t)rec.vals[i];
    for (int i = 0; i < 40; i++) h = h * 7 + (uint8_t)rec.name[i];
    for (int i = 0; i < 13; i++) h ^= (uint64_t)rec.flags[i] << (i * 4);
    return h;
}

static uint64_t big_stack_frame(int seed) {
    uint32_t local[16384];   /* 64 KiB on the stack */
    for (int i = 0; i < 16384; i++) local[i] = (uint32_t)(i * seed) ^ (uint32_t)(i >> 3);
    uint64_t s = 0;
    for (int i = 16383; i >= 0; i -= 3) s += local[i] * (uint64_t)(i & 15);
    return s;
}

static volatile uint32_t vbuf[1024];
static volatile uint64_t vcount;

int main(void) {
    uint64_t h = 0;
    for (int i = 0; i < 64; i++) table[i] = make_record((uint64_t)i * 977);
    for (int i = 0; i < 64; i++) {
        record copy = table[i];
        copy.vals[i % 50] ^= 0x5a5a;
        table[(i * 7) % 64].flags[3] ^= (uint8_t)i;
        h = h * 3 + record_hash(copy);
    }
    record swap_tmp = table[1];
    table[1] = table[62];
    table[62] = swap_tmp;
    h ^= record_hash(table[1]) - record_hash(table[62]);
    printf("records: sizeof %zu hash %016lx\n", sizeof(record), (unsigned long)h);
    printf("record 5 name %s\n", table[5].name);
    rt_mix(h);

    uint64_t s1 = big_stack_frame(3), s2 = big_stack_frame(12345);
    printf("stack frames: %lu %lu\n", (unsigned long)s1, (unsigned long)s2);
    rt_mix(s1 ^ s2 << 1);

    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 1024; i++) vbuf[i] = vbuf[(i + 1023) & 1023] + (uint32_t)i + (uint32_t)round;
        for (int i = 0; i < 1024; i++) if (vbuf[i] & 1) vcount++;
    }
    uint64_t vs = 0;
    for (int i = 0; i < 1024; i++) vs = vs * 17 + vbuf[i];
    printf("volatile: count %lu hash %016lx\n", (unsigned long)vcount, (unsigned long)vs);
    rt_mix(vs + vcount);

    static char buf[512];
    for (int i = 0; i < 512; i++) buf[i] = (char)(i & 0x7f);
    memmove(buf + 10, buf, 300);     /* overlap forwards */
    memmove(buf, buf + 37, 400);     /* overlap backwards */
    memset(buf + 100, 'Z', 33);
    uint64_t bh = 0;
    for (int i = 0; i < 512; i++) bh = bh * 131 + (uint8_t)buf[i];
    char other[512];
    memcpy(other, buf, sizeof other);
    other[300] ^= 1;
    int c1 = memcmp(buf, other, 512), c2 = memcmp(buf, other, 300);
    printf("memmove hash %016lx memcmp %d %d\n", (unsigned long)bh, c1 < 0 ? -1 : c1 > 0, c2);
    CHECK(c2 == 0 && c1 != 0);
    rt_mix(bh);

    /* array-of-structs initialised by compound literals and copied by assignment */
    struct pt { int32_t x, y, z; } pts[100];
    for (int i = 0; i < 100; i++) pts[i] = (struct pt){i, -i * 3, i * i};
    struct pt sum = {0, 0, 0};
    for (int i = 0; i < 100; i++) { struct pt p = pts[99 - i]; sum.x += p.x; sum.y += p.y; sum.z += p.z; }
    printf("points sum %d %d %d\n", sum.x, sum.y, sum.z);
    CHECK_EQ(sum.z, 328350);
    rt_mix((uint64_t)(uint32_t)sum.x << 32 | (uint32_t)sum.y);

    /* pointer chasing through a permutation */
    static uint32_t next[4096];
    rt_rng r;
    rt_seed(&r, 5);
    for (uint32_t i = 0; i < 4096; i++) next[i] = i;
    for (uint32_t i = 4095; i > 0; i--) { uint32_t j = rt_below(&r, i + 1); uint32_t t = next[i]; next[i] = next[j]; next[j] = t; }
    uint32_t p = 0;
    uint64_t ph = 0;
    for (int i = 0; i < 100000; i++) { p = next[p]; ph += p; }
    printf("chase end %u sum %lu\n", p, (unsigned long)ph);
    rt_mix(ph);
    return rt_finish("memory");
}
