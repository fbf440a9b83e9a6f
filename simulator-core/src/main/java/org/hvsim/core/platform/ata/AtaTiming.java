package org.hvsim.core.platform.ata;

/**
 * Modelled latencies of the ATA disk, in nanoseconds of simulated time (converted to CPU
 * cycles with the platform's CPU frequency). These are assumptions, not measurements of any
 * one drive; see docs/devices.md.
 *
 * @param commandOverheadNanos added once per data command (READ/WRITE SECTORS, FLUSH CACHE)
 *                             before its first block: default 100 us, the order of magnitude of
 *                             a SATA SSD's random 4 KiB read latency (an assumption: hard disks
 *                             take milliseconds, QEMU's emulated disk takes as long as the host)
 * @param sectorTransferNanos  per 512-byte sector, for every DRQ block and for IDENTIFY's data:
 *                             default 1 us = 512 bytes at about 500 MB/s (assumption: SATA
 *                             SSD media rate; the PIO transfer itself is timed by the CPU's IN
 *                             instructions, not here)
 */
public record AtaTiming(long commandOverheadNanos, long sectorTransferNanos) {
    public static final AtaTiming DEFAULT = new AtaTiming(100_000, 1_000);

    public AtaTiming {
        if (commandOverheadNanos < 0 || sectorTransferNanos < 0) {
            throw new IllegalArgumentException("ATA latencies must be >= 0");
        }
    }
}
