/* Bit manipulation through builtins and plain C. Part of hvsim's objdump corpus. */
int pop32(unsigned x) { return __builtin_popcount(x); }
int pop64(unsigned long x) { return __builtin_popcountl(x); }
int ctz32(unsigned x) { return x ? __builtin_ctz(x) : 32; }
int ctz64(unsigned long x) { return __builtin_ctzl(x | 1UL << 63); }
int clz32(unsigned x) { return x ? __builtin_clz(x) : 32; }
int clz64(unsigned long x) { return __builtin_clzl(x | 1); }
int ffs32(int x) { return __builtin_ffs(x); }
int ffs64(long x) { return __builtin_ffsl(x); }
int parity(unsigned x) { return __builtin_parity(x); }
unsigned bswap32(unsigned x) { return __builtin_bswap32(x); }
unsigned long bswap64(unsigned long x) { return __builtin_bswap64(x); }
unsigned short bswap16(unsigned short x) { return __builtin_bswap16(x); }
int clrsb(int x) { return __builtin_clrsb(x); }

int test_bit(const unsigned long *set, long i) { return (set[i >> 6] >> (i & 63)) & 1; }
void set_bit(unsigned long *set, long i) { set[i >> 6] |= 1UL << (i & 63); }
void clear_bit(unsigned long *set, long i) { set[i >> 6] &= ~(1UL << (i & 63)); }
void flip_bit(unsigned long *set, long i) { set[i >> 6] ^= 1UL << (i & 63); }
int test_bit_reg(unsigned x, int i) { return (x >> i) & 1; }
unsigned set_bit_reg(unsigned x, int i) { return x | (1u << i); }
unsigned long flip_bit_reg(unsigned long x, int i) { return x ^ (1UL << i); }
int bit_const(unsigned long x) { return (x & (1UL << 40)) != 0; }

unsigned long reverse_bits(unsigned long x) {
    x = ((x >> 1) & 0x5555555555555555UL) | ((x & 0x5555555555555555UL) << 1);
    x = ((x >> 2) & 0x3333333333333333UL) | ((x & 0x3333333333333333UL) << 2);
    x = ((x >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((x & 0x0F0F0F0F0F0F0F0FUL) << 4);
    return __builtin_bswap64(x);
}

unsigned gray(unsigned x) { return x ^ (x >> 1); }
unsigned ungray(unsigned x) { for (unsigned s = 1; s < 32; s <<= 1) x ^= x >> s; return x; }
unsigned long lowest_set(unsigned long x) { return x & -x; }
unsigned long clear_lowest(unsigned long x) { return x & (x - 1); }
int log2_floor(unsigned long x) { return 63 - __builtin_clzl(x | 1); }
unsigned next_pow2(unsigned x) { return x <= 1 ? 1 : 1u << (32 - __builtin_clz(x - 1)); }

int count_bits_loop(const unsigned char *p, int n) {
    int c = 0;
    for (int i = 0; i < n; i++) {
        unsigned char b = p[i];
        while (b) { c += b & 1; b >>= 1; }
    }
    return c;
}

unsigned short pack(unsigned char hi, unsigned char lo) { return (unsigned short) (hi << 8 | lo); }
unsigned long extract(unsigned long x, int lo, int width) { return (x >> lo) & ((1UL << width) - 1); }

struct flags { unsigned a : 3, b : 5, c : 1, d : 7; int e : 12; unsigned long f : 40; };
int bitfields(struct flags *f, int v) {
    f->a = v; f->b += 3; f->c = !f->c; f->d ^= v; f->e = -v; f->f += (unsigned long) v << 20;
    return f->a + f->b + f->e + (int) f->f;
}
long signed_field(struct flags f) { return f.e * 3 + f.d; }
int ovf_add(int a, int b, int *r) { return __builtin_add_overflow(a, b, r); }
int ovf_mul(long a, long b, long *r) { return __builtin_mul_overflow(a, b, r); }
int ovf_usub(unsigned a, unsigned b, unsigned *r) { return __builtin_sub_overflow(a, b, r); }
