/* alloc.c - a free-list allocator over memory from brk, a static arena and an anonymous mmap;
 * linked lists and an unbalanced binary search tree built on it. Never prints addresses, which
 * differ between the native kernel and hvsim. */
#include "rt.h"

/* ---- bump-and-free-list allocator over brk ---- */
typedef struct block { size_t size; struct block *next; } block;
static char *heap_cur, *heap_end;
static block *free_lists[16];      /* segregated by size class of 16 bytes */
static unsigned long brk_calls, reuse_hits;

static int grow(size_t need) {
    size_t chunk = need > 65536 ? (need + 4095) & ~(size_t)4095 : 65536;
    char *old = heap_end;
    char *want = old + chunk;
    char *got = rt_brk(want);
    brk_calls++;
    if (got != want) return 0;
    heap_end = got;
    return 1;
}

static void *xalloc(size_t n) {
    n = (n + 15) & ~(size_t)15;
    size_t cls = n / 16;
    if (cls < 16 && free_lists[cls]) {
        block *b = free_lists[cls];
        free_lists[cls] = b->next;
        reuse_hits++;
        return b + 1;
    }
    size_t total = n + sizeof(block);
    if ((size_t)(heap_end - heap_cur) < total && !grow(total)) return 0;
    block *b = (block *)heap_cur;
    heap_cur += total;
    b->size = n;
    return b + 1;
}

static void xfree(void *p) {
    if (!p) return;
    block *b = (block *)p - 1;
    size_t cls = b->size / 16;
    if (cls < 16) { b->next = free_lists[cls]; free_lists[cls] = b; }
}

/* ---- singly linked list ---- */
typedef struct node { int64_t v; struct node *next; } node;

static node *push(node *head, int64_t v) {
    node *n = xalloc(sizeof *n);
    n->v = v;
    n->next = head;
    return n;
}

static node *reverse_list(node *h) {
    node *prev = 0;
    while (h) { node *nx = h->next; h->next = prev; prev = h; h = nx; }
    return prev;
}

/* merge sort on linked list */
static node *merge(node *a, node *b) {
    node head, *t = &head;
    while (a && b) {
        if (a->v <= b->v) { t->next = a; a = a->next; } else { t->next = b; b = b->next; }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}
static node *list_sort(node *h) {
    if (!h || !h->next) return h;
    node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    node *second = slow->next;
    slow->next = 0;
    return merge(list_sort(h), list_sort(second));
}

/* ---- binary search tree ---- */
typedef struct tree { int32_t key; int32_t count; struct tree *l, *r; } tree;

static tree *insert(tree *t, int32_t key) {
    tree **pp = &t;
    while (*pp) {
        if (key == (*pp)->key) { (*pp)->count++; return t; }
        pp = key < (*pp)->key ? &(*pp)->l : &(*pp)->r;
    }
    tree *n = xalloc(sizeof *n);
    n->key = key; n->count = 1; n->l = n->r = 0;
    *pp = n;
    return t;
}

static tree *remove_key(tree *t, int32_t key) {
    if (!t) return 0;
    if (key < t->key) t->l = remove_key(t->l, key);
    else if (key > t->key) t->r = remove_key(t->r, key);
    else {
        if (!t->l) { tree *r = t->r; xfree(t); return r; }
        if (!t->r) { tree *l = t->l; xfree(t); return l; }
        tree *m = t->r;
        while (m->l) m = m->l;
        t->key = m->key; t->count = m->count;
        t->r = remove_key(t->r, m->key);
    }
    return t;
}

static int height(const tree *t) {
    if (!t) return 0;
    int a = height(t->l), b = height(t->r);
    return 1 + (a > b ? a : b);
}

static uint64_t inorder_hash, inorder_n;
static int32_t inorder_last;
static int inorder_ok;
static void inorder(const tree *t) {
    if (!t) return;
    inorder(t->l);
    if (inorder_n && t->key <= inorder_last) inorder_ok = 0;
    inorder_last = t->key;
    inorder_n++;
    inorder_hash = inorder_hash * 1000003 + (uint64_t)(uint32_t)t->key * (uint64_t)t->count;
    inorder(t->r);
}

/* ---- static arena for fixed-size objects ---- */
static uint8_t arena[1 << 16];
static size_t arena_used;
static void *arena_alloc(size_t n) {
    n = (n + 7) & ~(size_t)7;
    if (arena_used + n > sizeof arena) return 0;
    void *p = arena + arena_used;
    arena_used += n;
    return p;
}

int main(void) {
    heap_cur = heap_end = rt_brk(0);
    CHECK(heap_cur != 0);
    rt_rng r;
    rt_seed(&r, 2718);

    node *list = 0;
    for (int i = 0; i < 5000; i++) list = push(list, (int64_t)(rt_next(&r) % 100000) - 50000);
    list = list_sort(list);
    int64_t prev = INT64_MIN, total = 0;
    int n = 0, sorted = 1;
    for (node *p = list; p; p = p->next) { if (p->v < prev) sorted = 0; prev = p->v; total += p->v; n++; }
    list = reverse_list(list);
    printf("list: n %d sorted %d sum %ld first-after-reverse %ld\n", n, sorted, (long)total, (long)list->v);
    CHECK(sorted);
    CHECK_EQ(n, 5000);
    rt_mix((uint64_t)total);
    while (list) { node *nx = list->next; xfree(list); list = nx; }

    tree *t = 0;
    for (int i = 0; i < 4000; i++) t = insert(t, (int32_t)rt_below(&r, 3000));
    inorder_ok = 1;
    inorder(t);
    printf("tree: distinct %lu height %d hash %016lx\n", (unsigned long)inorder_n, height(t), (unsigned long)inorder_hash);
    rt_mix(inorder_hash);
    for (int32_t k = 0; k < 3000; k += 2) t = remove_key(t, k);
    inorder_n = inorder_hash = 0;
    inorder(t);
    printf("tree after removing evens: distinct %lu height %d hash %016lx ordered %d\n", (unsigned long)inorder_n,
           height(t), (unsigned long)inorder_hash, inorder_ok);
    CHECK(inorder_ok);
    rt_mix(inorder_hash);
    for (int32_t k = 0; k < 3000; k += 4) t = insert(t, k);   /* reuses freed tree nodes */
    inorder_n = inorder_hash = 0;
    inorder(t);
    printf("tree after re-inserting: distinct %lu height %d hash %016lx\n", (unsigned long)inorder_n, height(t),
           (unsigned long)inorder_hash);
    rt_mix(inorder_hash);
    printf("allocator: brk grew %lu times, free-list reuse %lu\n", brk_calls, reuse_hits);
    rt_mix(brk_calls ^ reuse_hits << 20);

    /* arena: array of strings */
    char *words[200];
    for (int i = 0; i < 200; i++) {
        words[i] = arena_alloc(24);
        snprintf(words[i], 24, "w%03d-%x", i, i * i);
    }
    uint64_t wh = 0;
    for (int i = 0; i < 200; i++) for (char *c = words[i]; *c; c++) wh = wh * 33 + (uint8_t)*c;
    printf("arena: used %zu words[199] %s hash %016lx\n", arena_used, words[199], (unsigned long)wh);
    rt_mix(wh);

    /* an anonymous mmap region, written, read and unmapped */
    size_t len = 3 * 4096 + 100;
    uint32_t *m = rt_mmap_anon(len);
    CHECK(m != 0);
    if (m) {
        int zero = 1;
        for (size_t i = 0; i < len / 4; i++) zero &= m[i] == 0;
        CHECK(zero);
        for (size_t i = 0; i < len / 4; i++) m[i] = (uint32_t)(i * i);
        uint64_t mh = 0;
        for (size_t i = 0; i < len / 4; i += 5) mh += m[i];
        printf("mmap: zero-filled %d sum %lu munmap %d\n", zero, (unsigned long)mh, rt_munmap(m, len));
        rt_mix(mh);
    }
    return rt_finish("alloc");
}
