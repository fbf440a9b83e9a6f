/* matrix.c - integer matrix multiply (naive, transposed, blocked), matrix power (Fibonacci),
 * and a sieve of Eratosthenes with prime counting. */
#include "rt.h"

#define N 48
static int32_t A[N][N], B[N][N], C1[N][N], C2[N][N], C3[N][N], BT[N][N];

static void mul_naive(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t s = 0;
            for (int k = 0; k < N; k++) s += A[i][k] * B[k][j];
            C1[i][j] = s;
        }
}

static void mul_transposed(void) {
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) BT[j][i] = B[i][j];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t s = 0;
            for (int k = 0; k < N; k++) s += A[i][k] * BT[j][k];
            C2[i][j] = s;
        }
}

static void mul_blocked(void) {
    memset(C3, 0, sizeof C3);
    for (int ii = 0; ii < N; ii += 16)
        for (int kk = 0; kk < N; kk += 16)
            for (int jj = 0; jj < N; jj += 16)
                for (int i = ii; i < ii + 16; i++)
                    for (int k = kk; k < kk + 16; k++) {
                        int32_t a = A[i][k];
                        for (int j = jj; j < jj + 16; j++) C3[i][j] += a * B[k][j];
                    }
}

typedef struct { uint64_t m[2][2]; } m2;
static m2 m2_mul(m2 x, m2 y, uint64_t mod) {
    m2 r;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            r.m[i][j] = (uint64_t)(((unsigned __int128)x.m[i][0] * y.m[0][j] + (unsigned __int128)x.m[i][1] * y.m[1][j]) % mod);
    return r;
}
static uint64_t fib_mod(uint64_t n, uint64_t mod) {
    m2 r = {{{1, 0}, {0, 1}}}, b = {{{1, 1}, {1, 0}}};
    while (n) { if (n & 1) r = m2_mul(r, b, mod); b = m2_mul(b, b, mod); n >>= 1; }
    return r.m[0][1];
}

#define LIMIT 200000
static uint8_t composite[LIMIT + 1];
static uint32_t bits[(LIMIT >> 5) + 1];

int main(void) {
    rt_rng r;
    rt_seed(&r, 1999);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { A[i][j] = (int32_t)rt_below(&r, 200) - 100; B[i][j] = (int32_t)rt_below(&r, 200) - 100; }
    mul_naive();
    mul_transposed();
    mul_blocked();
    uint64_t h = 0;
    int same = 1;
    int64_t trace = 0;
    for (int i = 0; i < N; i++) {
        trace += C1[i][i];
        for (int j = 0; j < N; j++) {
            h = h * 31 + (uint32_t)C1[i][j];
            same &= C1[i][j] == C2[i][j] && C1[i][j] == C3[i][j];
        }
    }
    printf("matmul %dx%d: trace %ld hash %016lx C[0][0] %d C[%d][%d] %d\n", N, N, (long)trace, (unsigned long)h,
           C1[0][0], N - 1, N - 1, C1[N - 1][N - 1]);
    CHECK(same);
    rt_mix(h);

    for (uint64_t n = 10; n <= 10000000000ULL; n *= 10) {
        uint64_t f = fib_mod(n, 1000000007ULL);
        printf("fib(%lu) mod 1e9+7 = %lu\n", (unsigned long)n, (unsigned long)f);
        rt_mix(f);
    }
    CHECK_EQ(fib_mod(10, 1000000007ULL), 55);
    CHECK_EQ(fib_mod(90, UINT64_MAX), 2880067194370816120ULL);

    for (uint32_t i = 2; (uint64_t)i * i <= LIMIT; i++)
        if (!composite[i])
            for (uint32_t j = i * i; j <= LIMIT; j += i) composite[j] = 1;
    int count = 0;
    uint64_t psum = 0;
    uint32_t largest = 0;
    for (uint32_t i = 2; i <= LIMIT; i++)
        if (!composite[i]) { count++; psum += i; largest = i; bits[i >> 5] |= 1u << (i & 31); }
    int twins = 0;
    for (uint32_t i = 3; i + 2 <= LIMIT; i += 2)
        if ((bits[i >> 5] >> (i & 31) & 1) && (bits[(i + 2) >> 5] >> ((i + 2) & 31) & 1)) twins++;
    printf("sieve(%d): %d primes, sum %lu, largest %u, twin pairs %d\n", LIMIT, count, (unsigned long)psum, largest, twins);
    CHECK_EQ(count, 17984);
    rt_mix(psum ^ (uint64_t)twins << 40);
    int c10k = 0;
    for (uint32_t i = 2; i <= 100000; i++) c10k += !composite[i];
    CHECK_EQ(c10k, 9592);
    return rt_finish("matrix");
}
