/* Integer arithmetic in every width: signed/unsigned char and short math, division by
 * constants and variables, 128-bit arithmetic, variable shifts. Part of hvsim's objdump corpus. */
typedef unsigned __int128 u128;
typedef __int128 s128;

signed char sc_mix(signed char a, signed char b) { return (signed char) (a * b - (a >> 2) + b / 3); }
unsigned char uc_mix(unsigned char a, unsigned char b) { return (unsigned char) (a * 7 + b % 5 - (a ^ b)); }
short ss_mix(short a, short b) { return (short) (a / b + a % 7 - (b << 3)); }
unsigned short us_mix(unsigned short a, unsigned short b) { return (unsigned short) (a * b + (a >> 5) + b / 10); }

int div_by_const(int x) { return x / 7 + x % 13 + x / 1000 - x / -3; }
unsigned udiv_by_const(unsigned x) { return x / 9 + x % 10 + x / 1024; }
long ldiv_by_const(long x) { return x / 100 + x % 1000000007L; }
unsigned long uldiv_var(unsigned long a, unsigned long b) { return a / b + a % (b | 1); }
long ldiv_var(long a, long b) { return a / b - a % b; }
int idiv_var(int a, int b) { return a / b * (a % b); }
short sdiv_var(short a, short b) { return (short) (a / b); }
unsigned char ucdiv_var(unsigned char a, unsigned char b) { return (unsigned char) (a / b + a % b); }

u128 mul128(u128 a, u128 b) { return a * b; }
u128 add128(u128 a, u128 b) { return a + b + (a >> 64); }
s128 sub128(s128 a, s128 b) { return a - b; }
u128 shl128(u128 a, int n) { return a << n; }
s128 sar128(s128 a, int n) { return a >> n; }
u128 div128(u128 a, u128 b) { return a / b; }
unsigned long mulhi(unsigned long a, unsigned long b) { return (unsigned long) (((u128) a * b) >> 64); }
long smulhi(long a, long b) { return (long) (((s128) a * b) >> 64); }
int cmp128(u128 a, u128 b) { return a < b ? -1 : a > b; }

unsigned rotl32(unsigned x, int n) { return (x << (n & 31)) | (x >> (-n & 31)); }
unsigned long rotr64(unsigned long x, int n) { return (x >> (n & 63)) | (x << (-n & 63)); }
unsigned short rotl16(unsigned short x) { return (unsigned short) ((x << 3) | (x >> 13)); }
unsigned char rotl8(unsigned char x, int n) { return (unsigned char) ((x << (n & 7)) | (x >> (-n & 7))); }
long varshift(long x, int a, int b, unsigned long u) { return (x << a) ^ (x >> b) ^ (long) (u >> a); }
int shifts32(int x, unsigned y, int c) { return (x >> c) + (int) (y >> c) + (x << 1) + (x >> 31); }
unsigned long shld(unsigned long hi, unsigned long lo, int n) { return (hi << (n & 63)) | (lo >> (64 - (n & 63))); }

long mix_widths(signed char a, short b, int c, long d, unsigned char e, unsigned short f, unsigned g) {
    return a + b * c - d / (e + 1) + f * (long) g + (long) (a * f) - (unsigned long) g * e;
}

long abs_sum(const int *v, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
        s += v[i] < 0 ? -v[i] : v[i];
    }
    return s;
}

int clamp(int x, int lo, int hi) { return x < lo ? lo : x > hi ? hi : x; }
long lmax(long a, long b) { return a > b ? a : b; }
unsigned umin(unsigned a, unsigned b) { return a < b ? a : b; }
int sign(long x) { return (x > 0) - (x < 0); }
int is_pow2(unsigned long x) { return x && !(x & (x - 1)); }
int mul_consts(int x) { return x * 3 + x * 5 + x * 9 + x * 100 + x * -17 + x * 1024; }
long lea_tricks(long a, long b) { return a + b * 8 + 12 + (a * 4 + b) * 2; }
unsigned char bool_ops(int a, int b, int c) { return (a < b) + (b >= c) * 2 + (a == c) * 4 + (unsigned) a > (unsigned) c; }
long negate_mix(long a, int b) { return -a + ~b + (long) -(unsigned) b; }
