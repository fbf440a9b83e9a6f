/* A freestanding program with its own _start and raw syscalls (inline asm). Part of hvsim's objdump corpus. */
static long sys3(long nr, long a, long b, long c) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}
static void put(const char *s) { long n = 0; while (s[n]) n++; sys3(1, 1, (long) s, n); }
static unsigned long rdtsc_val(void) { unsigned lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return (unsigned long) hi << 32 | lo; }
static int cpu_vendor_first(void) { unsigned a = 0, b, c, d; __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d)); return (int) b; }
long global_counter;
int main_like(int argc, char **argv) {
    char buf[64];
    int n = 0;
    for (int i = 0; i < argc; i++) for (const char *p = argv[i]; *p && n < 63; p++) buf[n++] = *p;
    buf[n] = 0;
    put(buf);
    return (int) (rdtsc_val() & 1) + cpu_vendor_first();
}
void _start(void) {
    char *args[] = {"hv", "sim", 0};
    sys3(60, main_like(2, args), 0, 0);
    for (;;) { }
}
