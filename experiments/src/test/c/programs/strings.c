/* strings.c - reverse, tokenise, KMP search, atoi/itoa, case conversion, word counts. */
#include "rt.h"

static void reverse(char *s) {
    size_t n = strlen(s);
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == ','; }
static char to_upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c; }
static char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

/* Splits s in place; returns the number of tokens. */
static int tokenize(char *s, char **tok, int max) {
    int n = 0;
    while (*s) {
        while (*s && is_space(*s)) *s++ = 0;
        if (!*s) break;
        if (n < max) tok[n++] = s;
        while (*s && !is_space(*s)) s++;
    }
    return n;
}

static long my_atol(const char *s) {
    while (*s == ' ') s++;
    int neg = 0;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    unsigned long v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (unsigned long)(*s++ - '0');
    return neg ? -(long)v : (long)v;
}

static char *my_ltoa(long v, char *buf, int base) {
    char tmp[70];
    int n = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do { int d = (int)(u % (unsigned)base); tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10); u /= (unsigned)base; } while (u);
    char *p = buf;
    if (v < 0) *p++ = '-';
    while (n) *p++ = tmp[--n];
    *p = 0;
    return buf;
}

/* Knuth-Morris-Pratt: counts (possibly overlapping) matches, records the first. */
static int kmp_count(const char *text, const char *pat, int *first) {
    int m = (int)strlen(pat), fail[64];
    fail[0] = 0;
    for (int i = 1, k = 0; i < m; i++) {
        while (k > 0 && pat[i] != pat[k]) k = fail[k - 1];
        if (pat[i] == pat[k]) k++;
        fail[i] = k;
    }
    int count = 0;
    *first = -1;
    for (int i = 0, k = 0; text[i]; i++) {
        while (k > 0 && text[i] != pat[k]) k = fail[k - 1];
        if (text[i] == pat[k]) k++;
        if (k == m) {
            if (*first < 0) *first = i - m + 1;
            count++;
            k = fail[k - 1];
        }
    }
    return count;
}

static int naive_count(const char *text, const char *pat) {
    int n = (int)strlen(text), m = (int)strlen(pat), c = 0;
    for (int i = 0; i + m <= n; i++) if (memcmp(text + i, pat, (size_t)m) == 0) c++;
    return c;
}

static int is_palindrome(const char *s) {
    const char *e = s + strlen(s);
    while (s < e) {
        while (s < e && !(to_lower(*s) >= 'a' && to_lower(*s) <= 'z')) s++;
        while (s < e && !(to_lower(e[-1]) >= 'a' && to_lower(e[-1]) <= 'z')) e--;
        if (s < e && to_lower(*s++) != to_lower(*--e)) return 0;
    }
    return 1;
}

int main(void) {
    char line[256];
    strcpy(line, "Hello, World of x86-64 simulation");
    reverse(line);
    printf("reversed: %s\n", line);
    CHECK(strcmp(line, "noitalumis 46-68x fo dlroW ,olleH") == 0);
    reverse(line);
    for (char *p = line; *p; p++) *p = to_upper(*p);
    printf("upper: %s\n", line);
    for (char *p = line; *p; p++) *p = to_lower(*p);
    printf("lower: %s\n", line);
    rt_mix(strlen(line));

    char text[] = "the  quick brown fox,jumps over\tthe lazy dog and the cat";
    char *tok[32];
    int nt = tokenize(text, tok, 32);
    printf("tokens: %d\n", nt);
    CHECK_EQ(nt, 12);
    for (int i = 0; i < nt; i++) {
        printf("  [%2d] %-6s len %zu\n", i, tok[i], strlen(tok[i]));
        rt_mix(strlen(tok[i]) * 131 + (unsigned char)tok[i][0]);
    }

    static const char *nums[] = {"0", "42", "-17", "+99", "  123456789012", "-9223372036854775807", "7x"};
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        long v = my_atol(nums[i]);
        char b10[72], b16[72], b2[72], b36[72];
        printf("atol(\"%s\") = %ld dec %s hex %s bin %s b36 %s\n", nums[i], v, my_ltoa(v, b10, 10),
               my_ltoa(v, b16, 16), my_ltoa(v, b2, 2), my_ltoa(v, b36, 36));
        CHECK_EQ(my_atol(b10), v);
        rt_mix((uint64_t)v);
    }

    static char hay[4096];
    rt_rng r;
    rt_seed(&r, 99);
    for (int i = 0; i < 4095; i++) hay[i] = (char)('a' + rt_below(&r, 3));
    hay[4095] = 0;
    static const char *pats[] = {"abc", "aaaa", "abacab", "cccccc", "abcabcabc", "b"};
    for (unsigned i = 0; i < sizeof pats / sizeof pats[0]; i++) {
        int first;
        int c = kmp_count(hay, pats[i], &first);
        CHECK_EQ(c, naive_count(hay, pats[i]));
        printf("kmp %-10s count %4d first %d\n", pats[i], c, first);
        rt_mix((uint64_t)c << 32 | (uint32_t)first);
    }

    static const char *pal[] = {"A man, a plan, a canal: Panama", "hvsim", "Was it a car or a cat I saw", "ab"};
    for (unsigned i = 0; i < 4; i++) {
        int p = is_palindrome(pal[i]);
        printf("palindrome(\"%s\") = %d\n", pal[i], p);
        rt_mix((uint64_t)p);
    }
    CHECK(is_palindrome(pal[0]) && !is_palindrome(pal[1]) && is_palindrome(pal[2]));

    char fmt[128];
    int len = snprintf(fmt, sizeof fmt, "[%5d|%-5d|%05d|%x|%X|%c|%s|%%|%lld|%lu]", 42, -7, -42, 0xbeefu,
                       0xcafeu, 'Z', "str", -1234567890123LL, 18446744073709551615UL);
    printf("snprintf -> %d: %s\n", len, fmt);
    CHECK(strcmp(fmt, "[   42|-7   |-0042|beef|CAFE|Z|str|%|-1234567890123|18446744073709551615]") == 0);
    char small[8];
    len = snprintf(small, sizeof small, "%s", "truncated output");
    printf("truncated -> %d: %s\n", len, small);
    CHECK_EQ(len, 16);
    printf("short %hd char %hhd ushort %hu %p\n", (short)-2, (signed char)-3, (unsigned short)65535, (void *)0x1234);
    return rt_finish("strings");
}
