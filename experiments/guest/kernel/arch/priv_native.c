/*
 * priv_native.c - the native implementation of the privileged-operations
 * layer: each function is the bare instruction. A paravirtual implementation
 * (priv_pv.c, later) would replace these bodies with hypercalls and register
 * itself in priv_select().
 */
#include "priv.h"
#include "../lib/lib.h"

static void n_load_cr3(u64 p)  { __asm__ volatile("mov %0, %%cr3" :: "r"(p) : "memory"); }
static u64  n_read_cr3(void)   { u64 v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static u64  n_read_cr2(void)   { u64 v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
/* A plain aligned 8-byte store is atomic on x86; "volatile" keeps the
 * compiler from merging or dropping it (ptemod rewrites an unchanged value). */
static void n_set_pte(u64 *pte, u64 v) { *(volatile u64 *)pte = v; }
static void n_invlpg(u64 va)   { __asm__ volatile("invlpg (%0)" :: "r"(va) : "memory"); }
static void n_flush_tlb(void)  { n_load_cr3(n_read_cr3()); }
static u64  n_read_cr4(void)   { u64 v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static void n_write_cr4(u64 v) { __asm__ volatile("mov %0, %%cr4" :: "r"(v) : "memory"); }

static void n_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static void n_irq_enable(void)  { __asm__ volatile("sti" ::: "memory"); }
/* STI delays interrupts until after the next instruction (the "STI shadow"),
 * so no interrupt can slip in between STI and HLT and be missed: the CPU is
 * halted before any interrupt is taken, and the interrupt then wakes it. */
static void n_idle(void)        { __asm__ volatile("sti; hlt; cli" ::: "memory"); }
static void n_halt_forever(void){ for (;;) __asm__ volatile("cli; hlt"); }
static void n_write_cr8(u64 v)  { __asm__ volatile("mov %0, %%cr8" :: "r"(v) : "memory"); }

static u8   n_inb(u16 p)         { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static void n_outb(u16 p, u8 v)  { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(p)); }
static u16  n_inw(u16 p)         { u16 v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static void n_outw(u16 p, u16 v) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(p)); }

static u64 n_rdmsr(u32 m) {
    u32 lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(m));
    return ((u64)hi << 32) | lo;
}
static void n_wrmsr(u32 m, u64 v) {
    __asm__ volatile("wrmsr" :: "c"(m), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}

static void n_load_gdt(const struct dtr *d) { __asm__ volatile("lgdt %0" :: "m"(*d)); }
static void n_load_idt(const struct dtr *d) { __asm__ volatile("lidt %0" :: "m"(*d)); }
static void n_load_tr(u16 s)                { __asm__ volatile("ltr %0" :: "r"(s)); }

const struct priv_ops priv_native_ops = {
    .name = "native",
    .load_cr3 = n_load_cr3, .read_cr3 = n_read_cr3, .read_cr2 = n_read_cr2,
    .set_pte = n_set_pte, .invlpg = n_invlpg, .flush_tlb = n_flush_tlb,
    .read_cr4 = n_read_cr4, .write_cr4 = n_write_cr4,
    .irq_disable = n_irq_disable, .irq_enable = n_irq_enable, .idle = n_idle,
    .halt_forever = n_halt_forever, .write_cr8 = n_write_cr8,
    .inb = n_inb, .outb = n_outb, .inw = n_inw, .outw = n_outw,
    .rdmsr = n_rdmsr, .wrmsr = n_wrmsr,
    .load_gdt = n_load_gdt, .load_idt = n_load_idt, .load_tr = n_load_tr,
};

const struct priv_ops *priv = &priv_native_ops;

int priv_select(const char *name) {
    /* Add paravirtual implementations to this list. */
    static const struct priv_ops *const all[] = { &priv_native_ops };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (str_eq(all[i]->name, name)) {
            priv = all[i];
            return 0;
        }
    }
    return -1;
}
