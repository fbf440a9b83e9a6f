/* dev.h - the platform devices the kernel drives (all through port I/O). */
#ifndef DEV_H
#define DEV_H
#include "../lib/types.h"

/* 16550 UART on COM1 (0x3F8): the console. */
void uart_init(void);
void uart_putc(char c);

/* 8259A PIC pair, remapped to vectors 32..47. */
void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);

/* 8254 PIT channel 0: the periodic scheduler tick on IRQ 0. */
void pit_init(u32 hz);

/* ATA PIO disk on the primary channel (0x1F0, IRQ 14). */
int  ata_probe(void);                       /* 1 if a disk answers */
int  ata_write(u32 lba, u32 count, const void *buf);  /* 0 on success */
int  ata_read(u32 lba, u32 count, void *buf);
void ata_irq(void);                         /* called from the IRQ 14 handler */
extern volatile u64 ata_irq_count;

/* isa-debug-exit at port 0xF4: QEMU exits with status (code << 1) | 1. */
#define EXIT_OK       0   /* all checks passed            -> QEMU status 1 */
#define EXIT_FAIL     1   /* a CHECK failed               -> QEMU status 3 */
#define EXIT_PANIC    2   /* kernel panic / unhandled trap -> QEMU status 5 */
#define EXIT_USAGE    3   /* bad command line             -> QEMU status 7 */
__attribute__((noreturn)) void power_off(int code);

/* Name of the running workload, for the final DONE line. */
const char *current_workload_name(void);
#endif
