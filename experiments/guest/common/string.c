/* string.c - memory and string helpers shared by kernel and user programs.
 * memset/memcpy use REP STOSB/MOVSB-style string instructions in their
 * 8-byte forms: a single instruction the simulator can model, and no SSE. */
#include "common.h"

void *memset(void *dst, int c, csize_t n) {
    unsigned char *d = dst;
    if (((unsigned long)d & 7) == 0 && (n & 7) == 0) {
        unsigned long v = (unsigned char)c * 0x0101010101010101UL;
        unsigned long cnt = n / 8;
        __asm__ volatile("rep stosq" : "+D"(d), "+c"(cnt) : "a"(v) : "memory");
    } else {
        __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    }
    return dst;
}

void *memcpy(void *dst, const void *src, csize_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if ((((unsigned long)d | (unsigned long)s | n) & 7) == 0) {
        unsigned long cnt = n / 8;
        __asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(cnt) :: "memory");
    } else {
        __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) :: "memory");
    }
    return dst;
}

int memcmp(const void *a, const void *b, csize_t n) {
    const unsigned char *x = a, *y = b;
    for (csize_t i = 0; i < n; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

csize_t strlen(const char *s) {
    csize_t n = 0;
    while (s[n]) n++;
    return n;
}

int str_eq(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

int strn_eq(const char *a, const char *b, csize_t n) {
    for (csize_t i = 0; i < n; i++) {
        if (a[i] != b[i]) return 0;
        if (!a[i]) return 1;
    }
    return 1;
}

int parse_u64(const char *s, csize_t len, unsigned long *out) {
    unsigned long v = 0, base = 10;
    csize_t i = 0;
    if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { base = 16; i = 2; }
    if (i == len) return -1;
    for (; i < len; i++) {
        char c = s[i];
        unsigned long d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else break;
        v = v * base + d;
    }
    if (i < len) {               /* a size suffix, and nothing after it */
        if (i + 1 != len || base == 16) return -1;
        switch (s[i]) {
        case 'k': case 'K': v <<= 10; break;
        case 'm': case 'M': v <<= 20; break;
        case 'g': case 'G': v <<= 30; break;
        default: return -1;
        }
    }
    *out = v;
    return 0;
}
