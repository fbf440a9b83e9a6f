/* sort.c - quicksort, mergesort, heapsort, insertion and shell sort on PRNG-filled arrays. */
#include "rt.h"

#define N 3000

static int32_t src[N], a[N], tmp[N];

static void fill(rt_rng *r, int mode) {
    for (int i = 0; i < N; i++) {
        switch (mode) {
        case 0: src[i] = (int32_t)rt_next(r); break;                 /* full range, negatives */
        case 1: src[i] = (int32_t)rt_below(r, 16) - 8; break;         /* many duplicates */
        case 2: src[i] = i * 3 - 1000; break;                         /* sorted */
        default: src[i] = N - i; break;                               /* reversed */
        }
    }
}

static void swap(int32_t *x, int32_t *y) { int32_t t = *x; *x = *y; *y = t; }

static void quicksort(int32_t *v, int lo, int hi) {
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        /* median of three */
        if (v[mid] < v[lo]) swap(&v[mid], &v[lo]);
        if (v[hi] < v[lo]) swap(&v[hi], &v[lo]);
        if (v[hi] < v[mid]) swap(&v[hi], &v[mid]);
        int32_t pivot = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) { swap(&v[i], &v[j]); i++; j--; }
        }
        /* recurse into the smaller half, loop on the larger */
        if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; }
        else { quicksort(v, i, hi); hi = j; }
    }
}

static void merge_sort(int32_t *v, int32_t *t, int n) {
    if (n < 2) return;
    int h = n / 2;
    merge_sort(v, t, h);
    merge_sort(v + h, t, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n) t[k++] = v[i] <= v[j] ? v[i++] : v[j++];
    while (i < h) t[k++] = v[i++];
    while (j < n) t[k++] = v[j++];
    for (k = 0; k < n; k++) v[k] = t[k];
}

static void sift_down(int32_t *v, int root, int n) {
    for (;;) {
        int child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && v[child + 1] > v[child]) child++;
        if (v[root] >= v[child]) return;
        swap(&v[root], &v[child]);
        root = child;
    }
}

static void heapsort(int32_t *v, int n) {
    for (int i = n / 2 - 1; i >= 0; i--) sift_down(v, i, n);
    for (int end = n - 1; end > 0; end--) {
        swap(&v[0], &v[end]);
        sift_down(v, 0, end);
    }
}

static void shell_sort(int32_t *v, int n) {
    static const int gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
    for (unsigned g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        int gap = gaps[g];
        for (int i = gap; i < n; i++) {
            int32_t x = v[i];
            int j = i;
            while (j >= gap && v[j - gap] > x) { v[j] = v[j - gap]; j -= gap; }
            v[j] = x;
        }
    }
}

static void insertion_sort(uint16_t *v, int n) {
    for (int i = 1; i < n; i++) {
        uint16_t x = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > x) { v[j + 1] = v[j]; j--; }
        v[j + 1] = x;
    }
}

static uint64_t digest(const int32_t *v, int n) {
    uint64_t h = 0;
    for (int i = 0; i < n; i++) h = h * 31 + (uint32_t)v[i];
    return h;
}

static int is_sorted(const int32_t *v, int n) {
    for (int i = 1; i < n; i++) if (v[i - 1] > v[i]) return 0;
    return 1;
}

static int64_t sum(const int32_t *v, int n) {
    int64_t s = 0;
    for (int i = 0; i < n; i++) s += v[i];
    return s;
}

int main(void) {
    rt_rng r;
    rt_seed(&r, 12345);
    static const char *names[] = {"quick", "merge", "heap", "shell"};
    for (int mode = 0; mode < 4; mode++) {
        fill(&r, mode);
        int64_t s0 = sum(src, N);
        uint64_t ref = 0;
        for (int alg = 0; alg < 4; alg++) {
            memcpy(a, src, sizeof a);
            switch (alg) {
            case 0: quicksort(a, 0, N - 1); break;
            case 1: merge_sort(a, tmp, N); break;
            case 2: heapsort(a, N); break;
            default: shell_sort(a, N); break;
            }
            uint64_t d = digest(a, N);
            CHECK(is_sorted(a, N));
            CHECK_EQ(sum(a, N), s0);
            if (alg == 0) ref = d;
            else CHECK_EQ(d, ref);
            printf("mode %d %-5s min %11d max %11d median %11d digest %016lx\n", mode, names[alg],
                   a[0], a[N - 1], a[N / 2], (unsigned long)d);
            rt_mix(d);
        }
    }
    static uint16_t small[500];
    for (int i = 0; i < 500; i++) small[i] = (uint16_t)rt_next(&r);
    insertion_sort(small, 500);
    int ok = 1;
    for (int i = 1; i < 500; i++) ok &= small[i - 1] <= small[i];
    CHECK(ok);
    printf("insertion: first %u last %u\n", small[0], small[499]);
    rt_mix(small[0] | (uint64_t)small[250] << 16 | (uint64_t)small[499] << 32);
    return rt_finish("sort");
}
