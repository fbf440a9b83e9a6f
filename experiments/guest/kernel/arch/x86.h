/*
 * x86.h - architectural constants: control-register bits, MSR numbers,
 * page-table entry bits and the kernel's segment selectors.
 * Names follow the Intel SDM so they can be looked up there.
 */
#ifndef X86_H
#define X86_H

/* CR0 / CR4 */
#define CR0_WP   (1UL << 16)
#define CR4_PAE  (1UL << 5)
#define CR4_PGE  (1UL << 7)

/* Model-specific registers */
#define MSR_EFER           0xC0000080
#define MSR_STAR           0xC0000081
#define MSR_LSTAR          0xC0000082
#define MSR_FMASK          0xC0000084
#define MSR_FS_BASE        0xC0000100
#define MSR_GS_BASE        0xC0000101
#define MSR_KERNEL_GS_BASE 0xC0000102
#define EFER_SCE  (1UL << 0)   /* SYSCALL/SYSRET enable */
#define EFER_LME  (1UL << 8)
#define EFER_NXE  (1UL << 11)  /* the NX (execute-disable) bit in PTEs is honoured */

/* RFLAGS */
#define RFLAGS_IF   (1UL << 9)
#define RFLAGS_RSVD (1UL << 1)  /* always 1 */

/* Page-table entries (all four levels share these bits) */
#define PTE_P    (1UL << 0)   /* present */
#define PTE_W    (1UL << 1)   /* writable */
#define PTE_U    (1UL << 2)   /* user (CPL 3) may access */
#define PTE_PWT  (1UL << 3)
#define PTE_PCD  (1UL << 4)
#define PTE_A    (1UL << 5)
#define PTE_D    (1UL << 6)
#define PTE_PS   (1UL << 7)   /* in a PD (PDPT) entry: a 2 MiB (1 GiB) page */
#define PTE_G    (1UL << 8)   /* global: survives CR3 reloads */
#define PTE_NX   (1UL << 63)  /* no execute (needs EFER.NXE) */
#define PTE_ADDR 0x000FFFFFFFFFF000UL
#define PAGE_SIZE   4096UL
#define LARGE_SIZE  (2UL << 20)

/* Page-fault error code bits */
#define PF_P  (1UL << 0)  /* 0 = page not present, 1 = protection violation */
#define PF_W  (1UL << 1)
#define PF_U  (1UL << 2)
#define PF_I  (1UL << 4)  /* instruction fetch */

/* GDT layout (see arch/gdt.c). The order is forced by SYSRET, which derives
 * the user selectors from STAR[63:48]: SS = base + 8, CS = base + 16. */
#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UDATA (0x18 | 3)
#define SEL_UCODE (0x20 | 3)
#define SEL_TSS   0x28

/* Exception vectors */
#define VEC_DE 0
#define VEC_DB 1
#define VEC_NMI 2
#define VEC_BP 3
#define VEC_UD 6
#define VEC_DF 8
#define VEC_GP 13
#define VEC_PF 14
#define VEC_IRQ0 32   /* the PIC is remapped so IRQ n arrives on vector 32 + n */
#define IRQ_TIMER 0
#define IRQ_ATA   14

#endif
