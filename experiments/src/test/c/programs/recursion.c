/* recursion.c - Ackermann, N-queens, memoised Fibonacci, Hanoi, mutual recursion, a parser. */
#include "rt.h"

static unsigned long ackermann(unsigned long m, unsigned long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int queens(int n, int row, unsigned cols, unsigned d1, unsigned d2) {
    if (row == n) return 1;
    int count = 0;
    for (int c = 0; c < n; c++) {
        unsigned a = 1u << c, b = 1u << (row + c), d = 1u << (row - c + n - 1);
        if ((cols & a) || (d1 & b) || (d2 & d)) continue;
        count += queens(n, row + 1, cols | a, d1 | b, d2 | d);
    }
    return count;
}

static uint64_t memo[100];
static uint64_t fib(int n) {
    if (n < 2) return (uint64_t)n;
    if (memo[n]) return memo[n];
    return memo[n] = fib(n - 1) + fib(n - 2);
}

static uint64_t fib_slow(int n) { return n < 2 ? (uint64_t)n : fib_slow(n - 1) + fib_slow(n - 2); }

static unsigned long moves;
static int pegs[3];
static void hanoi(int n, int from, int to, int via) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    pegs[from]--;
    pegs[to]++;
    hanoi(n - 1, via, to, from);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* Recursive-descent evaluator: expr := term (('+'|'-') term)*, term := factor (('*'|'/'|'%') factor)*,
   factor := number | '-' factor | '(' expr ')' */
static const char *pp;
static long expr(void);
static long factor(void) {
    while (*pp == ' ') pp++;
    if (*pp == '(') { pp++; long v = expr(); while (*pp == ' ') pp++; if (*pp == ')') pp++; return v; }
    if (*pp == '-') { pp++; return -factor(); }
    long v = 0;
    while (*pp >= '0' && *pp <= '9') v = v * 10 + (*pp++ - '0');
    return v;
}
static long term(void) {
    long v = factor();
    for (;;) {
        while (*pp == ' ') pp++;
        char op = *pp;
        if (op != '*' && op != '/' && op != '%') return v;
        pp++;
        long w = factor();
        if (op == '*') v *= w;
        else if (w != 0) v = op == '/' ? v / w : v % w;
    }
}
static long expr(void) {
    long v = term();
    for (;;) {
        while (*pp == ' ') pp++;
        if (*pp == '+') { pp++; v += term(); }
        else if (*pp == '-') { pp++; v -= term(); }
        else return v;
    }
}
static long eval(const char *s) { pp = s; return expr(); }

static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

/* Permutations of 6 elements by recursive swapping; checksum of the sequence. */
static uint64_t perm_hash;
static int perm_count;
static void permute(char *a, int k, int n) {
    if (k == n) {
        perm_count++;
        for (int i = 0; i < n; i++) perm_hash = perm_hash * 7 + (unsigned char)a[i];
        return;
    }
    for (int i = k; i < n; i++) {
        char t = a[k]; a[k] = a[i]; a[i] = t;
        permute(a, k + 1, n);
        t = a[k]; a[k] = a[i]; a[i] = t;
    }
}

int main(void) {
    for (unsigned long m = 0; m <= 3; m++)
        for (unsigned long n = 0; n <= 3; n++) {
            unsigned long a = ackermann(m, n);
            printf("A(%lu,%lu)=%lu%c", m, n, a, n == 3 ? '\n' : ' ');
            rt_mix(a);
        }
    CHECK_EQ(ackermann(2, 3), 9);
    CHECK_EQ(ackermann(3, 3), 61);
    unsigned long a36 = ackermann(3, 5);
    printf("A(3,5)=%lu\n", a36);
    CHECK_EQ(a36, 253);

    static const int expect_q[] = {1, 0, 0, 2, 10, 4, 40, 92};
    for (int n = 1; n <= 8; n++) {
        int q = queens(n, 0, 0, 0, 0);
        printf("queens(%d) = %d\n", n, q);
        CHECK_EQ(q, expect_q[n - 1]);
        rt_mix((uint64_t)q);
    }

    printf("fib(90) = %lu, fib(25) slow = %lu\n", (unsigned long)fib(90), (unsigned long)fib_slow(25));
    CHECK_EQ(fib(90), 2880067194370816120ULL);
    CHECK_EQ(fib_slow(25), fib(25));
    rt_mix(fib(90));

    pegs[0] = 16;
    hanoi(16, 0, 2, 1);
    printf("hanoi(16): %lu moves, pegs %d %d %d\n", moves, pegs[0], pegs[1], pegs[2]);
    CHECK_EQ(moves, 65535);
    CHECK_EQ(pegs[2], 16);
    rt_mix(moves);

    printf("is_even(1000)=%d is_odd(777)=%d is_even(777)=%d\n", is_even(1000), is_odd(777), is_even(777));
    CHECK(is_even(1000) && is_odd(777) && !is_even(777));

    static const char *exprs[] = {"1+2*3", "(1+2)*3", "100/7", "-100/7", "100%-7", "-(3*(4+5))-((6))",
                                  "2*3*4*5*6*7*8*9*10*11*12*13*14*15", "((((((((42))))))))"};
    static const long want[] = {7, 9, 14, -14, 2, -33, 1307674368000L, 42};
    for (int i = 0; i < 8; i++) {
        long v = eval(exprs[i]);
        printf("eval %-36s = %ld\n", exprs[i], v);
        CHECK_EQ(v, want[i]);
        rt_mix((uint64_t)v);
    }

    printf("gcd(1071,462)=%d gcd(832040,514229)=%d\n", gcd(1071, 462), gcd(832040, 514229));
    CHECK_EQ(gcd(1071, 462), 21);

    char letters[] = "abcdef";
    permute(letters, 0, 6);
    printf("permutations: %d hash %016lx\n", perm_count, (unsigned long)perm_hash);
    CHECK_EQ(perm_count, 720);
    rt_mix(perm_hash);
    return rt_finish("recursion");
}
