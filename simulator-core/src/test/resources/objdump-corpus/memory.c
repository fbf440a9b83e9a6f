/* Memory traffic: struct copies, memset loops, string handling, atomics. Part of hvsim's objdump corpus. */
#include <stddef.h>

struct big { long a[20]; char tag[13]; short s; };
struct medium { int x, y, z; char c; };

void copy_big(struct big *dst, const struct big *src) { *dst = *src; }
struct big make_big(long seed) { struct big b = {0}; b.a[3] = seed; b.s = (short) seed; return b; }
void clear_big(struct big *b) { *b = (struct big) {0}; }
struct medium swap_med(struct medium m) { int t = m.x; m.x = m.z; m.z = t; return m; }

void fill(unsigned char *p, int v, size_t n) { for (size_t i = 0; i < n; i++) p[i] = (unsigned char) v; }
void fill32(unsigned *p, unsigned v, size_t n) { for (size_t i = 0; i < n; i++) p[i] = v; }
void zero_words(long *p, size_t n) { while (n--) *p++ = 0; }
void copy_bytes(char *restrict d, const char *restrict s, size_t n) { for (size_t i = 0; i < n; i++) d[i] = s[i]; }
void move_back(char *d, const char *s, size_t n) { while (n--) d[n] = s[n]; }

size_t my_strlen(const char *s) { const char *p = s; while (*p) p++; return (size_t) (p - s); }
int my_strcmp(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char) *a - (unsigned char) *b;
}
char *my_strchr(const char *s, int c) { for (; *s; s++) if (*s == (char) c) return (char *) s; return 0; }
void reverse(char *s, size_t n) { for (size_t i = 0, j = n - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; } }
int to_upper(char *s) { int n = 0; for (; *s; s++) if (*s >= 'a' && *s <= 'z') { *s -= 32; n++; } return n; }
int atoi_simple(const char *s) {
    int neg = 0, v = 0;
    if (*s == '-') { neg = 1; s++; }
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    return neg ? -v : v;
}
char *utoa(unsigned long v, char *buf) {
    char tmp[24]; int n = 0;
    do { tmp[n++] = (char) ('0' + v % 10); v /= 10; } while (v);
    for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    buf[n] = 0;
    return buf;
}
unsigned long fnv1a(const unsigned char *p, size_t n) {
    unsigned long h = 1469598103934665603UL;
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211UL; }
    return h;
}
unsigned crc32_sw(const unsigned char *p, size_t n) {
    unsigned crc = ~0u;
    for (size_t i = 0; i < n; i++) { crc ^= p[i]; for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1)); }
    return ~crc;
}

long atomic_inc(long *p) { return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
int atomic_xadd(int *p, int v) { return __atomic_fetch_add(p, v, __ATOMIC_RELAXED); }
int atomic_cas(int *p, int expect, int desired) { return __atomic_compare_exchange_n(p, &expect, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
long atomic_cas64(long *p, long e, long d) { return __sync_val_compare_and_swap(p, e, d); }
char atomic_cas8(char *p, char e, char d) { return __sync_val_compare_and_swap(p, e, d); }
short atomic_xchg16(short *p, short v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
void atomic_or(unsigned *p, unsigned v) { __atomic_or_fetch(p, v, __ATOMIC_SEQ_CST); }
void atomic_and8(unsigned char *p, unsigned char v) { __atomic_and_fetch(p, v, __ATOMIC_SEQ_CST); }
unsigned atomic_xor_fetch(unsigned *p, unsigned v) { return __atomic_xor_fetch(p, v, __ATOMIC_SEQ_CST); }
int atomic_sub16(short *p) { return __atomic_sub_fetch(p, 2, __ATOMIC_SEQ_CST) == 0; }
int atomic_bts(unsigned long *p, int bit) { return (__atomic_fetch_or(p, 1UL << bit, __ATOMIC_SEQ_CST) >> bit) & 1; }
void fence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
long atomic_load(long *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
void atomic_store(long *p, long v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
unsigned __int128 atomic_cas128(unsigned __int128 *p, unsigned __int128 e, unsigned __int128 d) { return __sync_val_compare_and_swap(p, e, d); }
int spin_try(volatile int *lock) { return __sync_lock_test_and_set(lock, 1) == 0; }

struct table { unsigned short idx[64]; signed char delta[64]; unsigned char mask; };
long gather(const struct table *t, const long *base, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) s += base[t->idx[i & 63]] * t->delta[i & 63] + (t->mask & i);
    return s;
}
void scatter(long *out, const int *idx, const short *val, int n) { for (int i = 0; i < n; i++) out[idx[i]] += val[i]; }

extern long global_counter;
static long local_table[256];
long bump(int i) { global_counter += i; local_table[i & 255]++; return local_table[(i + 1) & 255]; }
__thread long tls_value;
long use_tls(long v) { tls_value += v; return tls_value; }
