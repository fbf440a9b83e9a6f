/* pic.c - the two cascaded 8259A interrupt controllers.
 * At reset they deliver IRQs 0-7 on vectors 8-15, which collide with CPU
 * exceptions, so we remap them to 32-47 and mask everything we don't use. */
#include "dev.h"
#include "../arch/priv.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1

static u16 mask = 0xFFFF & ~(1 << 2);   /* IRQ 2 = the cascade, always open */

static void write_mask(void) {
    priv_outb(PIC1_DATA, (u8)mask);
    priv_outb(PIC2_DATA, (u8)(mask >> 8));
}

void pic_init(void) {
    priv_outb(PIC1_CMD, 0x11);  priv_outb(PIC2_CMD, 0x11);   /* ICW1: init, ICW4 follows */
    priv_outb(PIC1_DATA, 32);   priv_outb(PIC2_DATA, 40);    /* ICW2: vector bases */
    priv_outb(PIC1_DATA, 0x04); priv_outb(PIC2_DATA, 0x02);  /* ICW3: slave on IRQ 2 */
    priv_outb(PIC1_DATA, 0x01); priv_outb(PIC2_DATA, 0x01);  /* ICW4: 8086 mode */
    write_mask();
}

void pic_unmask(int irq) {
    mask &= ~(1 << irq);
    write_mask();
}

/* End of interrupt: tell the PIC(s) the handler is done so the line can fire
 * again. IRQs 8-15 come through the slave and need an EOI on both. */
void pic_eoi(int irq) {
    if (irq >= 8) priv_outb(PIC2_CMD, 0x20);
    priv_outb(PIC1_CMD, 0x20);
}
