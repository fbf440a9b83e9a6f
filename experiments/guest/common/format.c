/* format.c - a minimal printf engine shared by kernel and user programs. */
#include "common.h"

static void put_num(void (*out)(char, void *), void *ctx, unsigned long v,
                    unsigned base, int neg, int width, char pad) {
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg) tmp[n++] = '-';
    while (width-- > n) out(pad, ctx);
    while (n) out(tmp[--n], ctx);
}

void vformat(void (*out)(char, void *), void *ctx, const char *fmt, va_list ap) {
    for (; *fmt; fmt++) {
        if (*fmt != '%') { out(*fmt, ctx); continue; }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '0') { pad = '0'; fmt++; }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') fmt++;
        switch (*fmt) {
        case 'd': {
            long v = va_arg(ap, long);
            put_num(out, ctx, v < 0 ? -(unsigned long)v : (unsigned long)v, 10, v < 0, width, pad);
            break;
        }
        case 'u': put_num(out, ctx, va_arg(ap, unsigned long), 10, 0, width, pad); break;
        case 'x': put_num(out, ctx, va_arg(ap, unsigned long), 16, 0, width, pad); break;
        case 'p': out('0', ctx); out('x', ctx);
                  put_num(out, ctx, va_arg(ap, unsigned long), 16, 0, width, pad); break;
        case 'c': out((char)va_arg(ap, int), ctx); break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            int len = (int)strlen(s);
            while (width-- > len) out(' ', ctx);
            while (*s) out(*s++, ctx);
            break;
        }
        case '%': out('%', ctx); break;
        case 0: return;
        default: out('%', ctx); out(*fmt, ctx); break;
        }
    }
}

struct sbuf { char *buf; csize_t size, len; };

static void sbuf_put(char c, void *ctx) {
    struct sbuf *b = ctx;
    if (b->len + 1 < b->size) b->buf[b->len] = c;
    b->len++;
}

int snformat(char *buf, csize_t size, const char *fmt, ...) {
    struct sbuf b = { buf, size, 0 };
    va_list ap;
    va_start(ap, fmt);
    vformat(sbuf_put, &b, fmt, ap);
    va_end(ap);
    if (size) buf[b.len < size ? b.len : size - 1] = 0;
    return (int)b.len;
}
