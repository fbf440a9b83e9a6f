/* pit.c - 8254 programmable interval timer, channel 0, as the periodic
 * scheduler tick (IRQ 0). Chosen over the local APIC timer because it is a
 * pure port-I/O device with a fixed input clock (1.193182 MHz) on QEMU and
 * in a simple simulator model alike. */
#include "dev.h"
#include "../arch/priv.h"

#define PIT_HZ 1193182

void pit_init(u32 hz) {
    u32 divisor = PIT_HZ / hz;
    if (divisor > 0xFFFF) divisor = 0xFFFF;
    if (divisor < 2) divisor = 2;
    priv_outb(0x43, 0x34);                 /* channel 0, lo/hi byte, mode 2 (rate generator) */
    priv_outb(0x40, (u8)divisor);
    priv_outb(0x40, (u8)(divisor >> 8));
}
