/*
 * rt.c - the tiny freestanding runtime of the whole-program differential corpus.
 * See rt.h. Everything here is compiled at the same -O level as the program it serves.
 */
#include "rt.h"

int main(int argc, char **argv);

/*
 * Entry point. The kernel (or hvsim's loader) leaves the System V initial stack:
 * [rsp] = argc, [rsp+8..] = argv[0..argc-1], NULL, envp..., NULL, auxv...
 * RSP is 16-byte aligned here; the call below makes it 8 mod 16 in the callee, as the ABI wants.
 */
__asm__(
    ".text\n"
    ".globl _start\n"
    ".type _start, @function\n"
    "_start:\n"
    "    xorl %ebp, %ebp\n"
    "    movq %rsp, %rdi\n"
    "    andq $-16, %rsp\n"
    "    call rt_start_c\n"
    "    hlt\n"
    ".size _start, .-_start\n");

__attribute__((used, noreturn)) void rt_start_c(long *sp) {
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    rt_exit(main(argc, argv));
}

/* ---------------------------------------------------------------- system calls */

long rt_syscall1(long nr, long a1) {
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1) : "rcx", "r11", "memory");
    return ret;
}

long rt_syscall3(long nr, long a1, long a2, long a3) {
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a1), "S"(a2), "d"(a3)
                     : "rcx", "r11", "memory");
    return ret;
}

long rt_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
    long ret;
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    register long r9 __asm__("r9") = a6;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

enum { SYS_write = 1, SYS_mmap = 9, SYS_munmap = 11, SYS_brk = 12, SYS_exit_group = 231 };

long rt_write(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        long n = rt_syscall3(SYS_write, fd, (long)p, (long)len);
        if (n <= 0) return n;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void rt_exit(int code) {
    rt_flush();
    for (;;) rt_syscall1(SYS_exit_group, code);
}

void *rt_brk(void *addr) { return (void *)rt_syscall1(SYS_brk, (long)addr); }

void *rt_mmap_anon(size_t len) {
    /* PROT_READ|PROT_WRITE = 3, MAP_PRIVATE|MAP_ANONYMOUS = 0x22 */
    long r = rt_syscall6(SYS_mmap, 0, (long)len, 3, 0x22, -1, 0);
    return (r < 0 && r > -4096) ? (void *)0 : (void *)r;
}

int rt_munmap(void *addr, size_t len) { return (int)rt_syscall3(SYS_munmap, (long)addr, (long)len, 0); }

/* ---------------------------------------------------------------- memory and strings */

/*
 * gcc may recognise these loops as memcpy/memset idioms and turn them into calls to
 * themselves; the attribute forbids that transformation here.
 */
#define RT_NO_IDIOM __attribute__((optimize("no-tree-loop-distribute-patterns")))

RT_NO_IDIOM void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n >= 8) {
        uint64_t w;
        __builtin_memcpy(&w, s, 8);   /* expands to a plain 8-byte move */
        __builtin_memcpy(d, &w, 8);
        d += 8; s += 8; n -= 8;
    }
    while (n--) *d++ = *s++;
    return dst;
}

RT_NO_IDIOM void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d == s || n == 0) return dst;
    if (d < s || d >= s + n) {
        while (n--) *d++ = *s++;
    } else {
        d += n; s += n;
        while (n--) *--d = *--s;
    }
    return dst;
}

RT_NO_IDIOM void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    uint64_t pattern = (unsigned char)c * 0x0101010101010101ULL;
    while (n > 0 && ((uintptr_t)d & 7)) { *d++ = (unsigned char)c; n--; }
    while (n >= 8) { __builtin_memcpy(d, &pattern, 8); d += 8; n -= 8; }
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

size_t strlen(const char *s) {
    const char *p = s;
    while (*p) p++;
    return (size_t)(p - s);
}

int strcmp(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n) {
    for (; n > 0; n--, a++, b++) {
        if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
        if (*a == 0) return 0;
    }
    return 0;
}

RT_NO_IDIOM char *strcpy(char *dst, const char *src) {
    char *d = dst;
    while ((*d++ = *src++) != 0) {}
    return dst;
}

/* ---------------------------------------------------------------- formatted output */

static char out_buf[4096];
static size_t out_len;

void rt_flush(void) {
    if (out_len) {
        rt_write(1, out_buf, out_len);
        out_len = 0;
    }
}

void rt_putc(char c) {
    if (out_len == sizeof out_buf) rt_flush();
    out_buf[out_len++] = c;
}

void rt_puts(const char *s) {
    while (*s) rt_putc(*s++);
    rt_putc('\n');
}

/* A sink: either stdout or a bounded buffer (for snprintf). */
typedef struct {
    char *buf;      /* 0 = stdout */
    size_t size;
    size_t len;     /* characters produced (also beyond size) */
} sink;

static void emit(sink *k, char c) {
    if (!k->buf) rt_putc(c);
    else if (k->len + 1 < k->size) k->buf[k->len] = c;
    k->len++;
}

static void emit_padded(sink *k, const char *s, size_t n, int width, int left, char pad) {
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left) {
        /* with zero padding the sign goes before the zeros */
        if (pad == '0' && n > 0 && (s[0] == '-' || s[0] == '+')) { emit(k, s[0]); s++; n--; }
        while (fill-- > 0) emit(k, pad);
    }
    for (size_t i = 0; i < n; i++) emit(k, s[i]);
    if (left) while (fill-- > 0) emit(k, ' ');
}

/* Converts v in the given base into the end of tmp; returns the start. */
static char *utoa_rev(char *end, unsigned long long v, unsigned base, int upper) {
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    do {
        *--p = digits[v % base];
        v /= base;
    } while (v);
    return p;
}

static int format(sink *k, const char *fmt, va_list ap) {
    char tmp[72];
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') { emit(k, *f); continue; }
        f++;
        int left = 0, plus = 0;
        char pad = ' ';
        for (;; f++) {
            if (*f == '-') left = 1;
            else if (*f == '0') pad = '0';
            else if (*f == '+') plus = 1;
            else break;
        }
        int width = 0;
        if (*f == '*') { width = va_arg(ap, int); f++; }
        else while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        int lng = 0;   /* 0 int, 1 long, 2 long long, -1 short, -2 char, 3 size_t */
        if (*f == 'l') { lng = 1; f++; if (*f == 'l') { lng = 2; f++; } }
        else if (*f == 'h') { lng = -1; f++; if (*f == 'h') { lng = -2; f++; } }
        else if (*f == 'z') { lng = 3; f++; }
        char *end = tmp + sizeof tmp, *p;
        switch (*f) {
        case 'd': case 'i': {
            long long v;
            if (lng == 2) v = va_arg(ap, long long);
            else if (lng == 1 || lng == 3) v = va_arg(ap, long);
            else v = va_arg(ap, int);
            if (lng == -1) v = (short)v;
            if (lng == -2) v = (signed char)v;
            unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            p = utoa_rev(end, mag, 10, 0);
            if (v < 0) *--p = '-';
            else if (plus) *--p = '+';
            emit_padded(k, p, (size_t)(end - p), width, left, pad);
            break;
        }
        case 'u': case 'x': case 'X': case 'o': {
            unsigned long long v;
            if (lng == 2) v = va_arg(ap, unsigned long long);
            else if (lng == 1 || lng == 3) v = va_arg(ap, unsigned long);
            else v = va_arg(ap, unsigned int);
            if (lng == -1) v = (unsigned short)v;
            if (lng == -2) v = (unsigned char)v;
            unsigned base = *f == 'u' ? 10 : *f == 'o' ? 8 : 16;
            p = utoa_rev(end, v, base, *f == 'X');
            emit_padded(k, p, (size_t)(end - p), width, left, pad);
            break;
        }
        case 'p': {
            p = utoa_rev(end, (uintptr_t)va_arg(ap, void *), 16, 0);
            *--p = 'x';
            *--p = '0';
            emit_padded(k, p, (size_t)(end - p), width, left, ' ');
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            emit_padded(k, s, strlen(s), width, left, ' ');
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            emit_padded(k, &c, 1, width, left, ' ');
            break;
        }
        case '%':
            emit(k, '%');
            break;
        case 0:
            f--;   /* lone '%' at the end */
            break;
        default:
            emit(k, '%');
            emit(k, *f);
            break;
        }
    }
    return (int)k->len;
}

int rt_vprintf(const char *fmt, va_list ap) {
    sink k = {0, 0, 0};
    return format(&k, fmt, ap);
}

int rt_printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = rt_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sink k = {buf, size, 0};
    int n = format(&k, fmt, ap);
    va_end(ap);
    if (size) buf[k.len < size ? k.len : size - 1] = 0;
    return n;
}

/* ---------------------------------------------------------------- checks and checksum */

int rt_failures;
static uint64_t checksum = 0xcbf29ce484222325ULL;

void rt_check(int ok, const char *what, const char *file, int line) {
    if (!ok) {
        rt_failures++;
        rt_printf("FAIL %s:%d: %s\n", file, line, what);
    }
}

void rt_check_eq(uint64_t got, uint64_t want, const char *what, const char *file, int line) {
    if (got != want) {
        rt_failures++;
        rt_printf("FAIL %s:%d: %s (got %lu = 0x%lx, want %lu = 0x%lx)\n", file, line, what,
                  (unsigned long)got, (unsigned long)got, (unsigned long)want, (unsigned long)want);
    }
}

void rt_mix(uint64_t v) {
    for (int i = 0; i < 8; i++) {
        checksum ^= (v >> (8 * i)) & 0xff;
        checksum *= 0x100000001b3ULL;
    }
}

uint64_t rt_checksum(void) { return checksum; }

int rt_finish(const char *name) {
    rt_printf("%s: checks failed: %d\n", name, rt_failures);
    rt_printf("%s: checksum: %016lx\n", name, (unsigned long)checksum);
    return rt_failures ? 1 : 0;
}

/* ---------------------------------------------------------------- PRNG */

void rt_seed(rt_rng *r, uint64_t seed) { r->s = seed ? seed : 0x9e3779b97f4a7c15ULL; }

uint64_t rt_next(rt_rng *r) {
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545f4914f6cdd1dULL;
}

uint32_t rt_below(rt_rng *r, uint32_t bound) { return (uint32_t)((rt_next(r) >> 32) % bound); }
