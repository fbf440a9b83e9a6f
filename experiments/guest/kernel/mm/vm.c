/*
 * vm.c - page tables: the kernel's mapping and one address space per process.
 *
 * x86-64 4-level paging: a virtual address is split into four 9-bit indices
 * (PML4, PDPT, PD, PT) and a 12-bit offset. Layout of every address space:
 *
 *   0 .. 1 GiB     the kernel: physical memory mapped 1:1, supervisor-only
 *                  (U/S=0), global (survives CR3 switches). Shared: every
 *                  process's PDPT[0] points at the same kernel page directory.
 *                  Page 0 is left unmapped to catch NULL pointers; kernel code
 *                  is read-only + executable, everything else no-execute.
 *   1 GiB .. 4 GiB user memory (PML4[0] -> PDPT[1..3]; nothing else is user) (U/S=1): program at USER_BASE, heap after it,
 *                  stack below USER_STACK_TOP, 2 MiB pages from USER_LARGE_BASE.
 *
 * Every store to a live page-table entry goes through priv_set_pte().
 */
#include "mm.h"
#include "../arch/x86.h"
#include "../arch/priv.h"
#include "../lib/lib.h"
#include "../proc/proc.h"
#include "../../include/hvsim_abi.h"

extern char __text_start[], __text_end[], __rodata_end[];

static u64 kernel_pml4[512] __attribute__((aligned(4096)));
static u64 kernel_pdpt[512] __attribute__((aligned(4096)));
static u64 kernel_pd[512]   __attribute__((aligned(4096)));   /* 0..1 GiB */
static u64 kernel_pt0[512]  __attribute__((aligned(4096)));   /* 0..2 MiB, 4 KiB pages */
static u64 loaded_cr3;

#define TABLE_FLAGS (PTE_P | PTE_W | PTE_U)   /* intermediate entries: leaves decide */

static u64 *table(u64 entry) { return phys_to_virt(entry & PTE_ADDR); }
static unsigned idx(u64 va, int level) { return (va >> (12 + 9 * level)) & 511; }

void vm_init(void) {
    u64 text = (u64)__text_start, etext = (u64)__text_end, erodata = (u64)__rodata_end;
    if (erodata > LARGE_SIZE) panic("kernel text/rodata beyond 2 MiB");

    /* First 2 MiB in 4 KiB pages, so the kernel image gets exact permissions. */
    for (u64 i = 1; i < 512; i++) {
        u64 va = i * PAGE_SIZE, flags = PTE_P | PTE_G;
        if (va >= text && va < etext)         flags |= 0;               /* code: R-X */
        else if (va >= etext && va < erodata) flags |= PTE_NX;          /* rodata: R-- */
        else                                  flags |= PTE_W | PTE_NX;  /* data: RW- */
        priv_set_pte(&kernel_pt0[i], va | flags);
    }
    priv_set_pte(&kernel_pd[0], virt_to_phys(kernel_pt0) | PTE_P | PTE_W);
    /* The rest of the first GiB in 2 MiB pages: data only. */
    for (u64 i = 1; i < 512; i++)
        priv_set_pte(&kernel_pd[i], (i * LARGE_SIZE) | PTE_P | PTE_W | PTE_PS | PTE_G | PTE_NX);
    priv_set_pte(&kernel_pdpt[0], virt_to_phys(kernel_pd) | PTE_P | PTE_W);
    priv_set_pte(&kernel_pml4[0], virt_to_phys(kernel_pdpt) | PTE_P | PTE_W);
    vm_switch(virt_to_phys(kernel_pml4));
}

u64 vm_kernel_pml4(void) { return virt_to_phys(kernel_pml4); }

void vm_switch(u64 pml4) {
    if (pml4 != loaded_cr3) {
        priv_load_cr3(pml4);
        loaded_cr3 = pml4;
    }
}

u64 vm_create(void) {
    u64 pml4 = pmm_alloc(), pdpt = pmm_alloc();
    if (!pml4 || !pdpt) {
        if (pml4) pmm_free(pml4);
        if (pdpt) pmm_free(pdpt);
        return 0;
    }
    /* The kernel part is one shared page directory; U/S=0 on this entry
     * makes the whole first GiB supervisor-only whatever is below it. */
    priv_set_pte(&((u64 *)phys_to_virt(pdpt))[0], virt_to_phys(kernel_pd) | PTE_P | PTE_W);
    priv_set_pte(&((u64 *)phys_to_virt(pml4))[0], pdpt | TABLE_FLAGS);
    return pml4;
}

/* Find the entry at `level` (1 = PT, 2 = PD) for va, creating missing
 * intermediate tables when asked. NULL if absent or a larger page is in the way. */
static u64 *walk(u64 pml4, u64 va, int level, bool create) {
    u64 *t = phys_to_virt(pml4);
    for (int l = 4; l > level; l--) {
        u64 *e = &t[idx(va, l - 1)];
        if (!(*e & PTE_P)) {
            if (!create) return NULL;
            u64 pa = pmm_alloc();
            if (!pa) return NULL;
            priv_set_pte(e, pa | TABLE_FLAGS);
        } else if (*e & PTE_PS) {
            return NULL;
        }
        t = table(*e);
    }
    return &t[idx(va, level - 1)];
}

u64 *vm_pte(u64 pml4, u64 va, bool create) { return walk(pml4, va, 1, create); }

int vm_map(u64 pml4, u64 va, u64 pa, u64 flags) {
    u64 *pte = walk(pml4, va, 1, true);
    if (!pte || (*pte & PTE_P)) return -1;
    priv_set_pte(pte, pa | flags | PTE_P);
    return 0;
}

int vm_map_large(u64 pml4, u64 va, u64 pa, u64 flags) {
    u64 *pde = walk(pml4, va, 2, true);
    if (!pde || (*pde & PTE_P)) return -1;
    priv_set_pte(pde, pa | flags | PTE_P | PTE_PS);
    return 0;
}

/*
 * Visit every user leaf (4 KiB or 2 MiB page) of an address space.
 * The callback gets the virtual address, the entry and the page size;
 * with `free_tables` the page-table pages are released on the way out.
 */
typedef int (*leaf_fn)(u64 va, u64 entry, u64 size, void *ctx);

static int for_each_user_leaf(u64 pml4, leaf_fn fn, void *ctx, bool free_tables) {
    /* User memory lives below 4 GiB (hvsim_abi.h): PML4[0], PDPT[1..3]. Not
     * scanning the other 508 PDPT entries and 511 PML4 entries keeps fork
     * and exit cheap. */
    u64 *l3 = table(((u64 *)phys_to_virt(pml4))[0]);
    for (u64 i3 = USER_BASE >> 30; i3 < USER_LARGE_LIMIT >> 30; i3++) {
        if (!(l3[i3] & PTE_P)) continue;
        u64 *l2 = table(l3[i3]);
        for (u64 i2 = 0; i2 < 512; i2++) {
            u64 e2 = l2[i2];
            if (!(e2 & PTE_P)) continue;
            u64 va2 = (i3 << 30) | (i2 << 21);
            if (e2 & PTE_PS) {
                if (fn(va2, e2, LARGE_SIZE, ctx)) return -1;
                continue;
            }
            u64 *l1 = table(e2);
            for (u64 i1 = 0; i1 < 512; i1++)
                if ((l1[i1] & PTE_P) && fn(va2 | (i1 << 12), l1[i1], PAGE_SIZE, ctx))
                    return -1;
            if (free_tables) pmm_free(virt_to_phys(l1));
        }
        if (free_tables) pmm_free(virt_to_phys(l2));
    }
    if (free_tables) pmm_free(virt_to_phys(l3));
    return 0;
}

static int free_leaf(u64 va, u64 entry, u64 size, void *ctx) {
    (void)va; (void)ctx;
    pmm_free_contig(entry & PTE_ADDR & ~(size - 1), size / PAGE_SIZE);
    return 0;
}

void vm_destroy(u64 pml4) {
    if (pml4 == loaded_cr3) panic("vm_destroy: address space still loaded");
    for_each_user_leaf(pml4, free_leaf, NULL, true);
    pmm_free(pml4);
}

/* fork: give the child its own copy of every user page (no copy-on-write:
 * simpler to follow, and the programs are small). */
static int copy_leaf(u64 va, u64 entry, u64 size, void *ctx) {
    u64 dst = *(u64 *)ctx;
    u64 flags = entry & ~PTE_ADDR & ~(PTE_A | PTE_D);
    u64 src = entry & PTE_ADDR & ~(size - 1);
    if (size == LARGE_SIZE) {
        u64 pa = pmm_alloc_contig(512, 512, false);
        if (!pa) return -1;
        memcpy(phys_to_virt(pa), phys_to_virt(src), size);
        return vm_map_large(dst, va, pa, flags & ~PTE_PS);
    }
    u64 pa = pmm_alloc_contig(1, 1, false);     /* no zeroing: we overwrite it */
    if (!pa) return -1;
    memcpy(phys_to_virt(pa), phys_to_virt(src), size);
    return vm_map(dst, va, pa, flags);
}

int vm_copy(u64 dst_pml4, u64 src_pml4) {
    return for_each_user_leaf(src_pml4, copy_leaf, &dst_pml4, false);
}

/* Demand-zero paging: heap and stack pages are only given memory when first
 * touched. Returns 0 if addr was such a page and is now mapped. */
int vm_demand_zero(struct proc *p, u64 addr) {
    bool in_heap  = addr >= p->heap_start && addr < p->brk;
    bool in_stack = addr >= USER_STACK_TOP - USER_STACK_SIZE && addr < USER_STACK_TOP;
    if (!in_heap && !in_stack) return -1;
    u64 pa = pmm_alloc();                       /* comes back zeroed */
    if (!pa) return -1;
    if (vm_map(p->pml4, ALIGN_DOWN(addr, PAGE_SIZE), pa, PTE_W | PTE_U | PTE_NX) < 0) {
        pmm_free(pa);
        return -1;
    }
    p->faults++;
    return 0;
}
