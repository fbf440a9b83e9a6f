/* kprintf.c - formatted console output for the kernel, and panic(). */
#include "lib.h"
#include "../dev/dev.h"
#include "../arch/priv.h"

static void console_putc(char c, void *ctx) {
    (void)ctx;
    uart_putc(c);
}

void kprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vformat(console_putc, NULL, fmt, ap);
    va_end(ap);
}

void kputs_n(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) uart_putc(s[i]);
}

void panic(const char *fmt, ...) {
    priv_irq_disable();
    kprintf("PANIC: ");
    va_list ap;
    va_start(ap, fmt);
    vformat(console_putc, NULL, fmt, ap);
    va_end(ap);
    kprintf("\nDONE workload=%s status=panic\n", current_workload_name());
    power_off(EXIT_PANIC);
}
