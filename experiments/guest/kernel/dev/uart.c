/* uart.c - 16550 UART on COM1, polled output (the kernel's console). */
#include "dev.h"
#include "../arch/priv.h"

#define COM1 0x3F8
enum { THR = 0, IER = 1, DLL = 0, DLM = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5 };
#define LSR_THR_EMPTY 0x20

void uart_init(void) {
    priv_outb(COM1 + IER, 0x00);   /* no UART interrupts: output is polled */
    priv_outb(COM1 + LCR, 0x80);   /* DLAB=1 to set the baud divisor */
    priv_outb(COM1 + DLL, 0x01);   /* 115200 baud */
    priv_outb(COM1 + DLM, 0x00);
    priv_outb(COM1 + LCR, 0x03);   /* 8 data bits, no parity, 1 stop bit */
    priv_outb(COM1 + FCR, 0xC7);   /* enable and clear the FIFOs */
    priv_outb(COM1 + MCR, 0x03);   /* DTR + RTS */
}

void uart_putc(char c) {
    if (c == '\n') uart_putc('\r');
    /* Wait until the transmit holding register is empty. Bounded, so a
     * missing UART cannot hang the kernel. */
    for (int i = 0; i < 100000; i++)
        if (priv_inb(COM1 + LSR) & LSR_THR_EMPTY) break;
    priv_outb(COM1 + THR, (u8)c);
}
