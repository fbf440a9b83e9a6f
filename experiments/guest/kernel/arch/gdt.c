/*
 * gdt.c - the Global Descriptor Table and the Task State Segment.
 *
 * In 64-bit mode segmentation is mostly gone, but the CPU still needs:
 *  - code/data descriptors for ring 0 and ring 3 (their DPL is the privilege
 *    level; base/limit are ignored),
 *  - a TSS, which no longer switches tasks but tells the CPU which stack to
 *    use when an interrupt arrives in user mode (RSP0) and gives some
 *    vectors a known-good stack (IST, used for #DF).
 */
#include "cpu.h"
#include "x86.h"
#include "priv.h"

struct tss {
    u32 reserved0;
    u64 rsp[3];            /* stack for a transition to ring 0/1/2 */
    u64 reserved1;
    u64 ist[7];            /* Interrupt Stack Table: IST1..IST7 */
    u64 reserved2;
    u16 reserved3;
    u16 iomap_base;        /* >= limit: no I/O bitmap, so ring 3 IN/OUT -> #GP */
} __attribute__((packed));

static struct tss tss;
static u8 df_stack[4096] __attribute__((aligned(16)));

static u64 gdt[7] = {
    0,                     /* 0x00 null */
    0x00AF9A000000FFFFUL,  /* 0x08 kernel code: 64-bit (L=1), DPL 0 */
    0x00CF92000000FFFFUL,  /* 0x10 kernel data, DPL 0 */
    0x00CFF2000000FFFFUL,  /* 0x18 user data, DPL 3 */
    0x00AFFA000000FFFFUL,  /* 0x20 user code: 64-bit, DPL 3 */
    0, 0,                  /* 0x28 TSS: a 16-byte system descriptor, filled below */
};

void tss_set_rsp0(u64 rsp0) { tss.rsp[0] = rsp0; }

void gdt_init(void) {
    u64 base = (u64)&tss, limit = sizeof tss - 1;
    tss.iomap_base = sizeof tss;
    tss.ist[0] = (u64)df_stack + sizeof df_stack;   /* IST1: double faults */
    gdt[5] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89UL << 40)  /* P, type 9 = 64-bit TSS */
           | ((limit >> 16 & 0xF) << 48) | ((base >> 24 & 0xFF) << 56);
    gdt[6] = base >> 32;

    struct dtr d = { sizeof gdt - 1, (u64)gdt };
    priv_load_gdt(&d);
    /* Reload CS with a far return (there is no "mov cs"), then the data
     * segment registers. FS/GS get the null selector; their bases come from
     * MSRs (cpu_init). */
    __asm__ volatile(
        "pushq %0\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1:\n\t"
        "movw %w1, %%ax\n\t"
        "movw %%ax, %%ds\n\t"
        "movw %%ax, %%es\n\t"
        "movw %%ax, %%ss\n\t"
        "xorl %%eax, %%eax\n\t"
        "movw %%ax, %%fs\n\t"
        "movw %%ax, %%gs\n\t"
        :: "i"(SEL_KCODE), "i"(SEL_KDATA) : "rax", "memory");
    priv_load_tr(SEL_TSS);
}
