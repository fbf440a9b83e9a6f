/*
 * priv.h - THE privileged-operations layer.
 *
 * Every operation that only ring 0 may perform (or that a hypervisor must see)
 * is reached through the `priv` table below: loading CR3, writing a page-table
 * entry, flushing the TLB, enabling/disabling interrupts, port I/O, halting,
 * writing CR8 (the task-priority register), MSR access and loading the
 * GDT/IDT/TR. The rest of the kernel never uses those instructions directly.
 *
 * Why a table of function pointers (like Linux's pv_ops) and not link-time
 * selection? One committed kernel image can then run natively and, once a
 * later issue adds a paravirtual (hypercall) implementation, paravirtualized:
 * the choice is made once at boot (priv_select() from the `priv=` boot
 * parameter) and nothing else changes. The cost is one indirect call per
 * operation, a few cycles, which the nanobenchmarks include.
 *
 * What is deliberately NOT here: the entry/exit stubs (SWAPGS, SYSRETQ, IRETQ
 * in arch/entry.S) and RDTSC. A paravirtual kernel replaces the entry stubs as a
 * whole (as Xen PV guests do), and RDTSC is not privileged.
 *
 * Rule for page tables: any store to an entry of a page table that is (or may
 * become) reachable from a CR3 goes through priv_set_pte(). Zeroing a freshly
 * allocated, not yet linked table is ordinary memory and does not.
 */
#ifndef PRIV_H
#define PRIV_H
#include "../lib/types.h"

/* Operand of LGDT/LIDT: 16-bit limit then 64-bit base. */
struct dtr {
    u16 limit;
    u64 base;
} __attribute__((packed));

struct priv_ops {
    const char *name;
    /* paging and the TLB */
    void (*load_cr3)(u64 pml4_phys);   /* switch address space (flushes non-global TLB entries) */
    u64  (*read_cr3)(void);
    u64  (*read_cr2)(void);            /* faulting address of the last #PF */
    void (*set_pte)(u64 *pte, u64 value);
    void (*invlpg)(u64 va);            /* drop one page's translation */
    void (*flush_tlb)(void);           /* drop all non-global translations */
    u64  (*read_cr4)(void);
    void (*write_cr4)(u64 v);
    /* interrupts */
    void (*irq_disable)(void);         /* CLI */
    void (*irq_enable)(void);          /* STI */
    void (*idle)(void);                /* STI;HLT atomically: sleep until an interrupt, return with IF=0 */
    void (*halt_forever)(void);        /* CLI;HLT for good */
    void (*write_cr8)(u64 tpr);        /* task priority (APIC TPR) */
    /* port I/O */
    u8   (*inb)(u16 port);
    void (*outb)(u16 port, u8 v);
    u16  (*inw)(u16 port);
    void (*outw)(u16 port, u16 v);
    /* model-specific registers */
    u64  (*rdmsr)(u32 msr);
    void (*wrmsr)(u32 msr, u64 v);
    /* descriptor tables */
    void (*load_gdt)(const struct dtr *d);
    void (*load_idt)(const struct dtr *d);
    void (*load_tr)(u16 sel);
};

extern const struct priv_ops *priv;
extern const struct priv_ops priv_native_ops;

/* Pick the implementation named by the boot parameter `priv=` ("native" is
 * the only one today). Returns 0 on success, -1 for an unknown name. */
int priv_select(const char *name);

/* Short wrappers so call sites read like the instructions they replace. */
static inline void priv_load_cr3(u64 p)         { priv->load_cr3(p); }
static inline u64  priv_read_cr3(void)          { return priv->read_cr3(); }
static inline u64  priv_read_cr2(void)          { return priv->read_cr2(); }
static inline void priv_set_pte(u64 *pte, u64 v){ priv->set_pte(pte, v); }
static inline void priv_invlpg(u64 va)          { priv->invlpg(va); }
static inline void priv_flush_tlb(void)         { priv->flush_tlb(); }
static inline u64  priv_read_cr4(void)          { return priv->read_cr4(); }
static inline void priv_write_cr4(u64 v)        { priv->write_cr4(v); }
static inline void priv_irq_disable(void)       { priv->irq_disable(); }
static inline void priv_irq_enable(void)        { priv->irq_enable(); }
static inline void priv_idle(void)              { priv->idle(); }
static inline void priv_halt_forever(void)      { priv->halt_forever(); }
static inline void priv_write_cr8(u64 v)        { priv->write_cr8(v); }
static inline u8   priv_inb(u16 p)              { return priv->inb(p); }
static inline void priv_outb(u16 p, u8 v)       { priv->outb(p, v); }
static inline u16  priv_inw(u16 p)              { return priv->inw(p); }
static inline void priv_outw(u16 p, u16 v)      { priv->outw(p, v); }
static inline u64  priv_rdmsr(u32 m)            { return priv->rdmsr(m); }
static inline void priv_wrmsr(u32 m, u64 v)     { priv->wrmsr(m, v); }
static inline void priv_load_gdt(const struct dtr *d) { priv->load_gdt(d); }
static inline void priv_load_idt(const struct dtr *d) { priv->load_idt(d); }
static inline void priv_load_tr(u16 s)          { priv->load_tr(s); }

#endif
