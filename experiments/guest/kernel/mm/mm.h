/* mm.h - physical page allocator and page tables. */
#ifndef MM_H
#define MM_H
#include "../lib/types.h"

/*
 * Physical memory below 1 GiB is mapped 1:1 (virtual == physical) in every
 * address space, kernel-only. So a physical address can be used directly as
 * a kernel pointer; phys_to_virt() only makes that visible in the code.
 */
#define DIRECT_MAP_LIMIT (1UL << 30)
static inline void *phys_to_virt(u64 pa) { return (void *)pa; }
static inline u64 virt_to_phys(const void *va) { return (u64)va; }

/* pmm.c - physical pages, one bit each */
void pmm_init(u64 memory_bytes, u64 kernel_end);
u64  pmm_alloc(void);                               /* one zeroed 4 KiB page, 0 if none */
u64  pmm_alloc_contig(u64 npages, u64 align_pages, bool zero);
void pmm_free(u64 pa);
void pmm_free_contig(u64 pa, u64 npages);
u64  pmm_free_pages(void);

struct proc;
/* vm.c - address spaces */
void vm_init(void);                       /* build and load the kernel page tables */
u64  vm_kernel_pml4(void);
u64  vm_create(void);                     /* new address space: kernel mapped, no user pages */
void vm_destroy(u64 pml4);                /* free all user pages and the tables */
int  vm_copy(u64 dst_pml4, u64 src_pml4); /* fork: duplicate every user page */
int  vm_map(u64 pml4, u64 va, u64 pa, u64 flags);        /* 4 KiB page */
int  vm_map_large(u64 pml4, u64 va, u64 pa, u64 flags);  /* 2 MiB page */
u64 *vm_pte(u64 pml4, u64 va, bool create);  /* the 4 KiB PTE for va, or NULL */
void vm_switch(u64 pml4);                 /* load CR3 if it is not already loaded */
int  vm_demand_zero(struct proc *p, u64 addr);  /* resolve a not-present fault */
#endif
