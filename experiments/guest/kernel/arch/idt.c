/*
 * idt.c - the Interrupt Descriptor Table: which code runs for each vector.
 * Vectors 0-31 are CPU exceptions, 32-47 the remapped PIC IRQs. Every gate
 * is an interrupt gate (the CPU clears IF on entry) with DPL 0, so user code
 * cannot raise them with INT n. The double fault uses IST1, a separate
 * stack, because it often means the current stack is unusable.
 */
#include "cpu.h"
#include "x86.h"
#include "priv.h"

struct gate {
    u16 offset_lo, selector;
    u8  ist, type_attr;    /* type_attr: P | DPL | type (0xE = interrupt gate) */
    u16 offset_mid;
    u32 offset_hi, reserved;
} __attribute__((packed));

static struct gate idt[256];

static void set_gate(int vec, u64 handler, int ist) {
    idt[vec] = (struct gate){
        .offset_lo = (u16)handler, .selector = SEL_KCODE, .ist = (u8)ist,
        .type_attr = 0x8E, .offset_mid = (u16)(handler >> 16),
        .offset_hi = (u32)(handler >> 32), .reserved = 0,
    };
}

void idt_init(void) {
    for (int v = 0; v < 48; v++)
        set_gate(v, trap_stubs[v], v == VEC_DF ? 1 : 0);
    struct dtr d = { sizeof idt - 1, (u64)idt };
    priv_load_idt(&d);
}
