/* Control flow: switch tables, function pointers, recursion, loops. Part of hvsim's objdump corpus. */
typedef long (*binop)(long, long);

static long op_add(long a, long b) { return a + b; }
static long op_sub(long a, long b) { return a - b; }
static long op_mul(long a, long b) { return a * b; }
static long op_and(long a, long b) { return a & b; }
static long op_or(long a, long b) { return a | b; }

binop table[] = {op_add, op_sub, op_mul, op_and, op_or};

long apply(int which, long a, long b) { return table[which % 5](a, b); }
long apply_ptr(binop f, long a, long b) { return f(a, b) + f(b, a); }

const char *name_of(int code) {
    switch (code) {
        case 0: return "zero";
        case 1: return "one";
        case 2: return "two";
        case 3: return "three";
        case 5: return "five";
        case 7: return "seven";
        case 8: return "eight";
        case 11: return "eleven";
        case 12: return "twelve";
        default: return "many";
    }
}

int dense_switch(int op, int a, int b) {
    switch (op) {
        case 10: return a + b;
        case 11: return a - b;
        case 12: return a * b;
        case 13: return b ? a / b : 0;
        case 14: return a << (b & 31);
        case 15: return a >> (b & 31);
        case 16: return a & b;
        case 17: return a | b;
        case 18: return a ^ b;
        case 19: return ~a;
        case 20: return -b;
        default: return op;
    }
}

int sparse_switch(long v) {
    switch (v) {
        case -100: return 1;
        case 3: return 2;
        case 1000: return 3;
        case 77777: return 4;
        case 1L << 40: return 5;
        default: return 0;
    }
}

long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
long ackermann(long m, long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}
unsigned gcd(unsigned a, unsigned b) { return b ? gcd(b, a % b) : a; }
int hanoi(int n, int from, int to, int via, int *moves) {
    if (n == 0) return 0;
    hanoi(n - 1, from, via, to, moves);
    (*moves)++;
    return hanoi(n - 1, via, to, from, moves) + 1;
}

void quicksort(long *v, long lo, long hi) {
    while (lo < hi) {
        long p = v[(lo + hi) / 2], i = lo, j = hi;
        while (i <= j) {
            while (v[i] < p) i++;
            while (v[j] > p) j--;
            if (i <= j) { long t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; } else { quicksort(v, i, hi); hi = j; }
    }
}

int collatz(unsigned long n) { int s = 0; while (n != 1) { n = (n & 1) ? 3 * n + 1 : n / 2; s++; } return s; }

int state_machine(const char *s) {
    int state = 0, count = 0;
    for (; *s; s++) {
        switch (state) {
            case 0: state = *s == 'a' ? 1 : 0; break;
            case 1: state = *s == 'b' ? 2 : *s == 'a' ? 1 : 0; break;
            case 2: if (*s == 'c') { count++; state = 0; } else state = *s == 'a'; break;
        }
    }
    return count;
}

struct node { struct node *left, *right; int key; };
int tree_height(const struct node *n) {
    if (!n) return 0;
    int l = tree_height(n->left), r = tree_height(n->right);
    return 1 + (l > r ? l : r);
}
int tree_sum(const struct node *n) { return n ? n->key + tree_sum(n->left) + tree_sum(n->right) : 0; }

int mutual_odd(unsigned n);
int mutual_even(unsigned n) { return n == 0 ? 1 : mutual_odd(n - 1); }
int mutual_odd(unsigned n) { return n == 0 ? 0 : mutual_even(n - 1); }

long tail_dispatch(int k, long x) {
    if (k & 1) return apply(k, x, 3);
    return apply_ptr(table[k & 3], x, k);
}

long sum_cond(const int *v, int n, int limit) {
    long s = 0;
    for (int i = 0; i < n; i++) if (v[i] > limit) s += v[i]; else if (v[i] < -limit) s -= v[i];
    return s;
}
