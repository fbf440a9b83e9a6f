/* lib.h - kernel library: console printing, panic, timing. */
#ifndef LIB_H
#define LIB_H
#include "types.h"
#include "../../common/common.h"

void kprintf(const char *fmt, ...);
void kputs_n(const char *s, size_t n);          /* raw bytes to the console */
__attribute__((noreturn)) void panic(const char *fmt, ...);

/* Time stamp counter. Not privileged (CR4.TSD is left 0), so it stays out
 * of the priv layer; user programs read it too. */
static inline u64 rdtsc(void) {
    u32 lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((u64)hi << 32) | lo;
}

#define ALIGN_UP(x, a)   (((x) + (a) - 1) & ~((u64)(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((u64)(a) - 1))
#endif
