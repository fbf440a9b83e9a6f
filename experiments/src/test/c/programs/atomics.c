/* atomics.c - __atomic and __sync builtins of every width: lock xadd, lock cmpxchg, xchg,
 * lock or/and/xor/inc/dec, test-and-set spin locks, a lock-free stack (single-threaded). */
#include "rt.h"

static volatile uint64_t c64;
static volatile uint32_t c32;
static volatile uint16_t c16;
static volatile uint8_t c8;
static volatile int lock;

static void spin_lock(volatile int *l) { while (__sync_lock_test_and_set(l, 1)) {} }
static void spin_unlock(volatile int *l) { __sync_lock_release(l); }

typedef struct item { struct item *next; int v; } item;
static item *top;
static item pool[100];

static void lf_push(item *it) {
    item *old = __atomic_load_n(&top, __ATOMIC_RELAXED);
    do { it->next = old; } while (!__atomic_compare_exchange_n(&top, &old, it, 1, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
}

static item *lf_pop(void) {
    item *old = __atomic_load_n(&top, __ATOMIC_ACQUIRE);
    while (old && !__atomic_compare_exchange_n(&top, &old, old->next, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {}
    return old;
}

int main(void) {
    uint64_t h = 0;
    for (int i = 0; i < 3000; i++) {
        uint64_t o64 = __atomic_fetch_add(&c64, (uint64_t)i * 0x10001, __ATOMIC_SEQ_CST);
        uint32_t o32 = __atomic_fetch_sub(&c32, (uint32_t)i, __ATOMIC_SEQ_CST);
        uint16_t o16 = __atomic_fetch_add(&c16, 3, __ATOMIC_RELAXED);
        uint8_t o8 = __atomic_fetch_xor(&c8, (uint8_t)i, __ATOMIC_SEQ_CST);
        __atomic_fetch_or(&c32, 1u << (i % 32), __ATOMIC_SEQ_CST);      /* lock or */
        __atomic_fetch_and(&c64, ~(1ULL << (i % 64)), __ATOMIC_SEQ_CST);/* lock and */
        uint32_t n32 = __atomic_add_fetch(&c32, 5, __ATOMIC_SEQ_CST);
        uint64_t x64 = __atomic_exchange_n(&c64, o64 ^ (uint64_t)i << 20, __ATOMIC_SEQ_CST); /* xchg */
        uint16_t old16 = c16;
        int ok = __atomic_compare_exchange_n(&c16, &old16, (uint16_t)(old16 * 3), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        uint8_t exp8 = (uint8_t)(i & 1 ? c8 : c8 + 1);
        int ok8 = __atomic_compare_exchange_n(&c8, &exp8, (uint8_t)(exp8 + 1), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        uint32_t sv = __sync_val_compare_and_swap(&c32, n32, n32 + 7);
        _Bool sb = __sync_bool_compare_and_swap(&c64, (uint64_t)i, 0);
        uint32_t fo = __sync_fetch_and_or(&c32, 0x100);
        uint64_t fa = __sync_add_and_fetch(&c64, 1);
        h = h * 0x100000001b3ULL ^ o64 ^ (uint64_t)o32 << 7 ^ (uint64_t)o16 << 13 ^ (uint64_t)o8 << 29;
        h = h * 0x100000001b3ULL ^ n32 ^ x64 ^ (uint64_t)ok << 40 ^ (uint64_t)ok8 << 41 ^ (uint64_t)sv << 3;
        h = h * 0x100000001b3ULL ^ (uint64_t)sb ^ fo ^ fa ^ exp8 ^ old16;
    }
    printf("atomics: c64 %016lx c32 %08x c16 %04x c8 %02x hash %016lx\n", (unsigned long)c64, c32, c16, c8,
           (unsigned long)h);
    rt_mix(h);

    /* Increments that must compile to lock inc / lock add without using the result */
    uint64_t counter = 0;
    for (int i = 0; i < 10000; i++) __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    for (int i = 0; i < 2500; i++) __atomic_sub_fetch(&counter, 2, __ATOMIC_RELAXED);
    CHECK_EQ(counter, 5000);
    int flag = 0;
    int was = __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST);
    int now = __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST);
    __atomic_clear(&flag, __ATOMIC_SEQ_CST);
    printf("counter %lu test_and_set %d %d\n", (unsigned long)counter, was, now);
    CHECK(!was && now);

    int critical = 0;
    for (int i = 0; i < 1000; i++) { spin_lock(&lock); critical += i; spin_unlock(&lock); }
    CHECK_EQ(critical, 499500);
    CHECK_EQ(lock, 0);

    for (int i = 0; i < 100; i++) { pool[i].v = i * i; lf_push(&pool[i]); }
    int popped = 0;
    int64_t order = 0;
    item *it;
    while ((it = lf_pop()) != 0) { order = order * 3 + it->v; popped++; if (popped % 3 == 0 && popped < 60) lf_push(it); }
    printf("lock-free stack: popped %d order %ld\n", popped, (long)order);
    rt_mix((uint64_t)order);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);   /* mfence or a locked or on the stack */
    return rt_finish("atomics");
}
