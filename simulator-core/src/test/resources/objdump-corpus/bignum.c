/* Bignum arithmetic on 32- and 64-bit limbs, hashing and sorting. Part of hvsim's objdump corpus. */
typedef unsigned long limb;

limb bn_add(limb *r, const limb *a, const limb *b, int n) {
    limb carry = 0;
    for (int i = 0; i < n; i++) {
        limb s = a[i] + carry;
        carry = s < carry;
        r[i] = s + b[i];
        carry += r[i] < s;
    }
    return carry;
}

limb bn_sub(limb *r, const limb *a, const limb *b, int n) {
    limb borrow = 0;
    for (int i = 0; i < n; i++) {
        unsigned __int128 d = (unsigned __int128) a[i] - b[i] - borrow;
        r[i] = (limb) d;
        borrow = (limb) (d >> 64) & 1;
    }
    return borrow;
}

limb bn_mul1(limb *r, const limb *a, limb m, int n) {
    limb carry = 0;
    for (int i = 0; i < n; i++) {
        unsigned __int128 p = (unsigned __int128) a[i] * m + carry;
        r[i] = (limb) p;
        carry = (limb) (p >> 64);
    }
    return carry;
}

unsigned bn_div_small(unsigned *q, const unsigned *a, unsigned d, int n) {
    unsigned long rem = 0;
    for (int i = n - 1; i >= 0; i--) {
        unsigned long cur = rem << 32 | a[i];
        q[i] = (unsigned) (cur / d);
        rem = cur % d;
    }
    return (unsigned) rem;
}

int bn_cmp(const limb *a, const limb *b, int n) {
    for (int i = n - 1; i >= 0; i--) if (a[i] != b[i]) return a[i] > b[i] ? 1 : -1;
    return 0;
}

void bn_shl(limb *a, int n, unsigned s) {
    if (!s) return;
    for (int i = n - 1; i > 0; i--) a[i] = a[i] << s | a[i - 1] >> (64 - s);
    a[0] <<= s;
}

limb modpow(limb b, limb e, limb m) {
    limb r = 1 % m;
    b %= m;
    while (e) {
        if (e & 1) r = (limb) ((unsigned __int128) r * b % m);
        b = (limb) ((unsigned __int128) b * b % m);
        e >>= 1;
    }
    return r;
}

unsigned murmur_mix(unsigned h) { h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16; return h; }
unsigned long splitmix(unsigned long *s) {
    unsigned long z = (*s += 0x9e3779b97f4a7c15UL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
    return z ^ (z >> 31);
}
unsigned xorshift32(unsigned *s) { unsigned x = *s; x ^= x << 13; x ^= x >> 17; x ^= x << 5; return *s = x; }

void insertion_sort_short(short *v, int n) {
    for (int i = 1; i < n; i++) {
        short k = v[i]; int j = i - 1;
        while (j >= 0 && v[j] > k) { v[j + 1] = v[j]; j--; }
        v[j + 1] = k;
    }
}
void shell_sort_u8(unsigned char *v, int n) {
    for (int gap = n / 2; gap > 0; gap /= 2)
        for (int i = gap; i < n; i++) {
            unsigned char t = v[i]; int j;
            for (j = i; j >= gap && v[j - gap] > t; j -= gap) v[j] = v[j - gap];
            v[j] = t;
        }
}
void heapify(int *a, int n, int i) {
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && a[l] > a[m]) m = l;
        if (r < n && a[r] > a[m]) m = r;
        if (m == i) return;
        int t = a[i]; a[i] = a[m]; a[m] = t; i = m;
    }
}
void heapsort(int *a, int n) {
    for (int i = n / 2 - 1; i >= 0; i--) heapify(a, n, i);
    for (int i = n - 1; i > 0; i--) { int t = a[0]; a[0] = a[i]; a[i] = t; heapify(a, i, 0); }
}
long binsearch(const long *v, long n, long key) {
    long lo = 0, hi = n;
    while (lo < hi) { long mid = lo + ((hi - lo) >> 1); if (v[mid] < key) lo = mid + 1; else hi = mid; }
    return lo;
}
unsigned isqrt(unsigned long x) {
    unsigned long r = 0, bit = 1UL << 62;
    while (bit > x) bit >>= 2;
    while (bit) { if (x >= r + bit) { x -= r + bit; r = (r >> 1) + bit; } else r >>= 1; bit >>= 2; }
    return (unsigned) r;
}
int matmul3(const int a[3][3], const int b[3][3], int c[3][3]) {
    int tr = 0;
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
        int s = 0; for (int k = 0; k < 3; k++) s += a[i][k] * b[k][j];
        c[i][j] = s; if (i == j) tr += s;
    }
    return tr;
}
long dot_mixed(const signed char *a, const unsigned short *b, int n) { long s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
