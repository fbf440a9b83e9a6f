/*
 * common.h - the few library routines both the kernel and the user programs
 * need (there is no libc): memory/string helpers and a tiny printf engine.
 */
#ifndef COMMON_H
#define COMMON_H
#include <stdarg.h>   /* freestanding header from the compiler, not libc */

typedef unsigned long csize_t;

void *memset(void *dst, int c, csize_t n);
void *memcpy(void *dst, const void *src, csize_t n);
int   memcmp(const void *a, const void *b, csize_t n);
csize_t strlen(const char *s);
int   str_eq(const char *a, const char *b);
int   strn_eq(const char *a, const char *b, csize_t n);
/* Parse a decimal or 0x-hex number; optional k/m/g suffix (x1024^n).
 * Returns 0 on success and stores the value, -1 if not a number. */
int   parse_u64(const char *s, csize_t len, unsigned long *out);

/* printf engine: %d %u %x %s %c %p, with optional l/ll (ignored: every integer
 * argument is read as a 64-bit long, so pass int/u32 values cast to long/u64) and an optional zero-padded width
 * like %08x. Calls out(c, ctx) per character. */
void  vformat(void (*out)(char c, void *ctx), void *ctx, const char *fmt, va_list ap);
/* Format into buf (always NUL-terminated), returns the length. */
int   snformat(char *buf, csize_t size, const char *fmt, ...);

#endif

/*
 * The RESULT line, formatted in one place for kernel and user programs:
 *   RESULT workload=<name> op=<op> iters=<n> cycles=<total> cycles_per_op=<x.yy>
 * cycles and cycles_per_op are the only timing-dependent fields.
 */
int format_result(char *buf, csize_t size, const char *workload, const char *op,
                  unsigned long iters, unsigned long cycles);
