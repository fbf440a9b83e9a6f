/*
 * io.c - the io workload: write `iters` requests of `sectors` sectors each
 * through the ATA PIO driver, read them all back and compare. Each request
 * waits for IRQ 14 per sector (the CPU halts meanwhile).
 * op=write / op=read: cycles per request of `sectors` sectors.
 */
#include "workload.h"
#include "../dev/dev.h"
#include "../mm/mm.h"
#include "../arch/x86.h"
#include "../lib/lib.h"

extern bool disk_present;

/* Deterministic contents: every 32-bit word depends on sector and position. */
static void fill(u32 *buf, u64 first_lba, u64 sectors) {
    for (u64 s = 0; s < sectors; s++)
        for (u64 w = 0; w < 128; w++)
            buf[s * 128 + w] = (u32)((first_lba + s) * 0x9E3779B1u ^ (w * 0x85EBCA77u) ^ 0x48564D42u);
}

int wl_io(const u64 *params) {
    u64 iters = params[0], sectors = params[1], lba = params[2];
    if (!disk_present) { kprintf("CHECK io disk=absent fail\n"); return 1; }
    if (sectors < 1 || sectors > 255 || iters < 1) { kprintf("CHECK io params=bad fail\n"); return 1; }
    u64 pages = ALIGN_UP(sectors * 512, PAGE_SIZE) / PAGE_SIZE;
    u32 *wbuf = phys_to_virt(pmm_alloc_contig(pages, 1, true));
    u32 *rbuf = phys_to_virt(pmm_alloc_contig(pages, 1, true));
    if (!wbuf || !rbuf) { kprintf("CHECK io memory=none fail\n"); return 1; }

    u64 irqs0 = ata_irq_count, wcycles = 0, rcycles = 0, bad = 0;
    for (u64 i = 0; i < iters; i++) {
        u64 at = lba + i * sectors;
        fill(wbuf, at, sectors);
        u64 t0 = rdtsc();
        int err = ata_write((u32)at, (u32)sectors, wbuf);
        wcycles += rdtsc() - t0;
        if (err) { kprintf("CHECK io write lba=%u fail\n", at); return 1; }
    }
    for (u64 i = 0; i < iters; i++) {
        u64 at = lba + i * sectors;
        memset(rbuf, 0, sectors * 512);
        u64 t0 = rdtsc();
        int err = ata_read((u32)at, (u32)sectors, rbuf);
        rcycles += rdtsc() - t0;
        if (err) { kprintf("CHECK io read lba=%u fail\n", at); return 1; }
        fill(wbuf, at, sectors);
        if (memcmp(wbuf, rbuf, sectors * 512)) bad++;
    }
    u64 irqs = ata_irq_count - irqs0;
    kprintf("CHECK io requests=%u sectors=%u irqs=%u verify=%s\n",
            iters, iters * sectors, irqs, bad ? "fail" : "ok");
    report_result("io", "write", iters, wcycles);
    report_result("io", "read", iters, rcycles);
    pmm_free_contig(virt_to_phys(wbuf), pages);
    pmm_free_contig(virt_to_phys(rbuf), pages);
    return bad ? 1 : 0;
}
