/*
 * ata.c - ATA PIO driver for the master disk on the primary IDE channel.
 *
 * PIO means the CPU moves every 16-bit word through the data port itself
 * (256 IN/OUT instructions per 512-byte sector). Interrupts tell us when the
 * drive is ready: after a READ SECTORS command the drive raises IRQ 14 once
 * per sector when that sector's data is waiting; after each sector written
 * it raises IRQ 14 when it has taken the data (for the last sector: when the
 * command is complete). Reading the status register acknowledges the IRQ.
 *
 * The driver waits for an interrupt by halting (priv_idle), so the CPU sleeps
 * instead of polling; the timer tick bounds the wait.
 */
#include "dev.h"
#include "../arch/priv.h"
#include "../arch/trap.h"

#define ATA_DATA    0x1F0
#define ATA_COUNT   0x1F2
#define ATA_LBA0    0x1F3
#define ATA_LBA1    0x1F4
#define ATA_LBA2    0x1F5
#define ATA_DRIVE   0x1F6
#define ATA_STATUS  0x1F7   /* read: status (acks the IRQ) */
#define ATA_CMD     0x1F7   /* write: command */
#define ATA_CTRL    0x3F6   /* device control: bit 1 = nIEN (interrupts off) */

#define ST_ERR  0x01
#define ST_DRQ  0x08   /* data request: the data port is ready */
#define ST_DF   0x20   /* device fault */
#define ST_BSY  0x80

#define CMD_READ     0x20
#define CMD_WRITE    0x30
#define CMD_IDENTIFY 0xEC

volatile u64 ata_irq_count;
static volatile int irq_pending;
static volatile u8 irq_status;

void ata_irq(void) {
    irq_status = priv_inb(ATA_STATUS);   /* acknowledge: the drive drops INTRQ */
    irq_pending = 1;
    ata_irq_count++;
}

/* Poll until BSY clears (bounded); returns the final status. */
static u8 wait_not_busy(void) {
    u8 st = 0xFF;
    for (int i = 0; i < 1000000; i++) {
        st = priv_inb(ATA_STATUS);
        if (!(st & ST_BSY)) break;
    }
    return st;
}

/* Sleep until IRQ 14 arrives; -1 after ~2 s of timer ticks without one. */
static int wait_irq(void) {
    u64 deadline = timer_ticks + 2 * TIMER_HZ;
    while (!irq_pending) {
        if (timer_ticks > deadline) return -1;
        priv_idle();
    }
    irq_pending = 0;
    return (irq_status & (ST_ERR | ST_DF)) ? -1 : 0;
}

int ata_probe(void) {
    priv_outb(ATA_CTRL, 0x02);           /* nIEN: no interrupts while probing */
    priv_outb(ATA_DRIVE, 0xA0);          /* select the master */
    u8 st = priv_inb(ATA_STATUS);
    if (st == 0xFF || st == 0x00) return 0;  /* floating bus / no drive */
    priv_outb(ATA_COUNT, 0); priv_outb(ATA_LBA0, 0);
    priv_outb(ATA_LBA1, 0);  priv_outb(ATA_LBA2, 0);
    priv_outb(ATA_CMD, CMD_IDENTIFY);
    if (priv_inb(ATA_STATUS) == 0) return 0;
    st = wait_not_busy();
    if (priv_inb(ATA_LBA1) || priv_inb(ATA_LBA2)) return 0;  /* ATAPI, not a disk */
    if (!(st & ST_DRQ) || (st & ST_ERR)) return 0;
    for (int i = 0; i < 256; i++) (void)priv_inw(ATA_DATA);  /* discard IDENTIFY data */
    irq_pending = 0;
    priv_outb(ATA_CTRL, 0x00);           /* from now on: interrupts on */
    return 1;
}

static void issue(u32 lba, u32 count, u8 cmd) {
    wait_not_busy();
    priv_outb(ATA_DRIVE, 0xE0 | ((lba >> 24) & 0x0F));   /* master, LBA mode */
    priv_outb(ATA_COUNT, (u8)count);
    priv_outb(ATA_LBA0, (u8)lba);
    priv_outb(ATA_LBA1, (u8)(lba >> 8));
    priv_outb(ATA_LBA2, (u8)(lba >> 16));
    irq_pending = 0;
    priv_outb(ATA_CMD, cmd);
}

int ata_read(u32 lba, u32 count, void *buf) {
    u16 *w = buf;
    if (count == 0 || count > 255) return -1;
    issue(lba, count, CMD_READ);
    for (u32 s = 0; s < count; s++) {
        if (wait_irq() < 0) return -1;   /* this sector's data is ready */
        for (int i = 0; i < 256; i++) *w++ = priv_inw(ATA_DATA);
    }
    return 0;
}

int ata_write(u32 lba, u32 count, const void *buf) {
    const u16 *w = buf;
    if (count == 0 || count > 255) return -1;
    issue(lba, count, CMD_WRITE);
    for (u32 s = 0; s < count; s++) {
        /* No interrupt announces the first sector: poll for DRQ. Later
         * sectors are announced by the IRQ that completed the previous one. */
        u8 st = wait_not_busy();
        if (!(st & ST_DRQ) || (st & (ST_ERR | ST_DF))) return -1;
        for (int i = 0; i < 256; i++) priv_outw(ATA_DATA, *w++);
        if (wait_irq() < 0) return -1;   /* the drive has taken this sector */
    }
    return 0;
}
