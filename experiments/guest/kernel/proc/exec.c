/*
 * exec.c - load a built-in user program (an ELF64 executable linked into the
 * kernel image, see programs.S) into a fresh address space.
 *
 * There is no file system: the "files" are the ELF images the build embedded,
 * looked up by name. Loading copies each PT_LOAD segment into new pages with
 * the segment's permissions (writable only if PF_W, executable only if PF_X),
 * prepares a stack holding the workload parameters and points the trap frame
 * at the ELF entry point, so the next return to user mode starts the program.
 */
#include "proc.h"
#include "../mm/mm.h"
#include "../arch/x86.h"
#include "../lib/lib.h"
#include "../../include/hvsim_abi.h"

struct elf64_ehdr {
    u8  ident[16];
    u16 type, machine;
    u32 version;
    u64 entry, phoff, shoff;
    u32 flags;
    u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
    u32 type, flags;
    u64 offset, vaddr, paddr, filesz, memsz, align;
};
#define PT_LOAD 1
#define ELF_PF_X 1
#define ELF_PF_W 2

/* The table built by programs.S: name, start, end of each embedded ELF. */
struct program { const char *name; const u8 *start, *end; };
extern const struct program user_programs[];

const void *program_find(const char *name, u64 *size) {
    for (const struct program *pr = user_programs; pr->name; pr++) {
        if (str_eq(pr->name, name)) {
            *size = (u64)(pr->end - pr->start);
            return pr->start;
        }
    }
    return NULL;
}

static int load_segment(u64 pml4, const u8 *image, const struct elf64_phdr *ph) {
    u64 start = ALIGN_DOWN(ph->vaddr, PAGE_SIZE), end = ph->vaddr + ph->memsz;
    if (ph->vaddr < USER_BASE || end > USER_STACK_TOP - USER_STACK_SIZE || ph->filesz > ph->memsz)
        return -1;
    u64 flags = PTE_U | (ph->flags & ELF_PF_W ? PTE_W : 0) | (ph->flags & ELF_PF_X ? 0 : PTE_NX);
    for (u64 va = start; va < end; va += PAGE_SIZE) {
        u64 pa = pmm_alloc();                      /* zeroed: covers .bss */
        if (!pa) return -1;
        /* Copy the part of [vaddr, vaddr+filesz) that falls in this page. */
        u64 lo = va > ph->vaddr ? va : ph->vaddr;
        u64 hi = va + PAGE_SIZE < ph->vaddr + ph->filesz ? va + PAGE_SIZE : ph->vaddr + ph->filesz;
        if (hi > lo)
            memcpy((u8 *)phys_to_virt(pa) + (lo - va), image + ph->offset + (lo - ph->vaddr), hi - lo);
        if (vm_map(pml4, va, pa, flags) < 0) {     /* also fails if two segments share a page */
            pmm_free(pa);
            return -1;
        }
    }
    return 0;
}

int proc_exec(struct proc *p, const char *program, const u64 *params, int nparams) {
    u64 size;
    const u8 *image = program_find(program, &size);
    if (!image || nparams < 0 || nparams > MAX_PARAMS) return -1;
    const struct elf64_ehdr *eh = (const void *)image;
    if (size < sizeof *eh || eh->ident[0] != 0x7F || eh->ident[1] != 'E' || eh->ident[4] != 2
        || eh->machine != 62 || eh->phoff + (u64)eh->phnum * sizeof(struct elf64_phdr) > size)
        return -1;

    u64 pml4 = vm_create();
    if (!pml4) return -1;
    u64 brk = 0;
    const struct elf64_phdr *ph = (const void *)(image + eh->phoff);
    for (int i = 0; i < eh->phnum; i++) {
        if (ph[i].type != PT_LOAD || ph[i].memsz == 0) continue;   /* empty segments: nothing to map */
        if (ph[i].offset + ph[i].filesz > size || load_segment(pml4, image, &ph[i]) < 0) {
            vm_destroy(pml4);
            return -1;
        }
        u64 end = ALIGN_UP(ph[i].vaddr + ph[i].memsz, PAGE_SIZE);
        if (end > brk) brk = end;
    }

    /* The top stack page holds the parameter array; the rest of the stack
     * is demand-zero. RSP starts 16-byte aligned just below the array. */
    u64 stack_page = pmm_alloc();
    if (!stack_page || vm_map(pml4, USER_STACK_TOP - PAGE_SIZE, stack_page, PTE_W | PTE_U | PTE_NX) < 0) {
        if (stack_page) pmm_free(stack_page);
        vm_destroy(pml4);
        return -1;
    }
    u64 params_va = USER_STACK_TOP - MAX_PARAMS * 8;
    memcpy((u8 *)phys_to_virt(stack_page) + (params_va - (USER_STACK_TOP - PAGE_SIZE)),
           params, (u64)nparams * 8);

    /* Commit: nothing can fail from here on. */
    u64 old = p->pml4;
    p->pml4 = pml4;
    if (p == proc_current()) vm_switch(pml4);
    if (old) vm_destroy(old);
    snformat(p->name, sizeof p->name, "%s", program);
    p->heap_start = p->brk = brk;
    p->large_next = USER_LARGE_BASE;
    memset(p->resume, 0, sizeof p->resume);

    struct trapframe *tf = p->tf;
    memset(tf, 0, sizeof *tf);
    tf->rip = eh->entry;
    tf->cs = SEL_UCODE;
    tf->ss = SEL_UDATA;
    tf->rflags = RFLAGS_IF | RFLAGS_RSVD;     /* user code runs with interrupts on */
    tf->rsp = params_va;
    tf->rdi = params_va;                      /* main(params, nparams) */
    tf->rsi = (u64)nparams;
    return 0;
}
