/*
 * rt.h - the tiny freestanding runtime of the whole-program differential corpus.
 *
 * Programs are linked with: gcc -static -nostdlib -ffreestanding ... rt/rt.c prog.c -lgcc
 * There is no libc: rt.c provides _start, raw Linux system calls, a buffered printf-like
 * formatter, the mem and str functions gcc may call, and self-check helpers.
 * No floating point anywhere (the corpus is compiled with -mgeneral-regs-only).
 */
#ifndef HVSIM_RT_H
#define HVSIM_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ---- raw system calls (Linux x86-64 ABI) ---- */
long rt_syscall1(long nr, long a1);
long rt_syscall3(long nr, long a1, long a2, long a3);
long rt_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
long rt_write(int fd, const void *buf, size_t len);
void rt_exit(int code) __attribute__((noreturn));      /* flushes stdout, then exit_group */
void *rt_brk(void *addr);                              /* raw brk: returns the new break */
void *rt_mmap_anon(size_t len);                        /* anonymous private RW mapping or 0 */
int rt_munmap(void *addr, size_t len);

/* ---- memory and strings (gcc emits calls to the first four even when freestanding) ---- */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);

/* ---- output: buffered stdout, flushed on exit and when full ---- */
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_vprintf(const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void rt_putc(char c);
void rt_puts(const char *s);        /* writes s and a newline */
void rt_flush(void);
#define printf rt_printf
#define snprintf rt_snprintf

/* ---- self-checking ---- */
/* CHECK(cond): on failure prints "FAIL file:line: cond" and counts it. */
#define CHECK(cond) rt_check((cond) != 0, #cond, __FILE__, __LINE__)
/* CHECK_EQ(a, b): compares as unsigned 64-bit; on failure prints both values. */
#define CHECK_EQ(a, b) rt_check_eq((uint64_t)(a), (uint64_t)(b), #a " == " #b, __FILE__, __LINE__)
void rt_check(int ok, const char *what, const char *file, int line);
void rt_check_eq(uint64_t got, uint64_t want, const char *what, const char *file, int line);
extern int rt_failures;

/* A running checksum of everything a program computes; rt_finish prints it. */
void rt_mix(uint64_t v);
uint64_t rt_checksum(void);
/* Prints "checks failed: N" and "checksum: <hex>"; returns 0 if no check failed, else 1. */
int rt_finish(const char *name);

/* ---- deterministic PRNG (xorshift64*) ---- */
typedef struct { uint64_t s; } rt_rng;
void rt_seed(rt_rng *r, uint64_t seed);
uint64_t rt_next(rt_rng *r);
uint32_t rt_below(rt_rng *r, uint32_t bound);   /* uniform-ish in [0, bound) */

#endif
