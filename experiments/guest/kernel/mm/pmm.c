/*
 * pmm.c - the physical memory manager: a bitmap with one bit per 4 KiB page
 * (1 = in use). Simple and deterministic; contiguous aligned runs (kernel
 * stacks, 2 MiB pages) are found by scanning the same bitmap.
 */
#include "mm.h"
#include "../lib/lib.h"
#include "../arch/x86.h"

#define MAX_PAGES (DIRECT_MAP_LIMIT / PAGE_SIZE)
static u64 bitmap[MAX_PAGES / 64];
static u64 npages;      /* pages we manage: [0, npages) */
static u64 hint;        /* lowest page that may be free */
static u64 nfree;

static bool used(u64 pg)     { return bitmap[pg / 64] >> (pg % 64) & 1; }
static void set_used(u64 pg) { bitmap[pg / 64] |= 1UL << (pg % 64); }
static void set_free(u64 pg) { bitmap[pg / 64] &= ~(1UL << (pg % 64)); }

void pmm_init(u64 memory_bytes, u64 kernel_end) {
    if (memory_bytes > DIRECT_MAP_LIMIT) memory_bytes = DIRECT_MAP_LIMIT;
    npages = memory_bytes / PAGE_SIZE;
    /* Everything below the end of the kernel image (real-mode area, boot
     * page tables, boot info, BIOS, the kernel itself) stays reserved. */
    u64 first = ALIGN_UP(kernel_end, PAGE_SIZE) / PAGE_SIZE;
    memset(bitmap, 0xFF, sizeof bitmap);           /* all used ... */
    for (u64 pg = first; pg < npages; pg++) {      /* ... except free RAM */
        if (pg % 64 == 0 && pg + 64 <= npages) { bitmap[pg / 64] = 0; pg += 63; continue; }
        set_free(pg);
    }
    hint = first;
    nfree = npages > first ? npages - first : 0;
}

u64 pmm_alloc(void) {
    for (u64 pg = hint; pg < npages; pg++) {
        if (bitmap[pg / 64] == ~0UL) { pg |= 63; continue; }   /* skip full words */
        if (!used(pg)) {
            set_used(pg);
            hint = pg + 1;
            nfree--;
            u64 pa = pg * PAGE_SIZE;
            memset(phys_to_virt(pa), 0, PAGE_SIZE);
            return pa;
        }
    }
    return 0;
}

u64 pmm_alloc_contig(u64 n, u64 align, bool zero) {
    for (u64 start = ALIGN_UP(hint, align); start + n <= npages; start += align) {
        u64 i = 0;
        while (i < n && !used(start + i)) i++;
        if (i == n) {
            for (i = 0; i < n; i++) set_used(start + i);
            nfree -= n;
            u64 pa = start * PAGE_SIZE;
            if (zero) memset(phys_to_virt(pa), 0, n * PAGE_SIZE);
            return pa;
        }
    }
    return 0;
}

void pmm_free(u64 pa) { pmm_free_contig(pa, 1); }

void pmm_free_contig(u64 pa, u64 n) {
    u64 pg = pa / PAGE_SIZE;
    for (u64 i = 0; i < n; i++) {
        if (!used(pg + i)) panic("pmm: double free of %p", (pg + i) * PAGE_SIZE);
        set_free(pg + i);
    }
    nfree += n;
    if (pg < hint) hint = pg;
}

u64 pmm_free_pages(void) { return nfree; }
