/* ulib.c - user-side printing: format into a buffer, one write() per call,
 * so a line is never split between two processes. */
#include "ulib.h"

#define LINE_MAX 256
struct line { char buf[LINE_MAX]; unsigned long len; };

static void line_put(char c, void *ctx) {
    struct line *l = ctx;
    if (l->len < LINE_MAX) l->buf[l->len++] = c;
}

void printf(const char *fmt, ...) {
    struct line l;
    l.len = 0;
    va_list ap;
    va_start(ap, fmt);
    vformat(line_put, &l, fmt, ap);
    va_end(ap);
    sys_write(l.buf, l.len);
}

void report_result(const char *workload, const char *op, u64 iters, u64 cycles) {
    char line[160];
    int n = format_result(line, sizeof line, workload, op, iters, cycles);
    sys_write(line, (unsigned long)n < sizeof line ? (unsigned long)n : sizeof line - 1);
}
