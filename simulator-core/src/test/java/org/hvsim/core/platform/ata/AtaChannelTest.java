package org.hvsim.core.platform.ata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hvsim.core.platform.PlatformConfig;
import org.hvsim.core.platform.RecordingLine;
import org.hvsim.core.platform.SimulatedTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Default timing at 3 GHz: 1 us = 3000 cycles per sector, 100 us = 300000 cycles overhead. */
class AtaChannelTest {
    private static final long SECTOR = 3_000;
    private static final long OVERHEAD = 300_000;

    private final SimulatedTime time = new SimulatedTime();
    private final RecordingLine irq = new RecordingLine();
    private final AtaChannel ata = new AtaChannel(PlatformConfig.defaults(), time, irq);

    private int status() {
        return ata.in(0x1F7, 1);
    }

    private int altStatus() {
        return ata.in(0x3F6, 1);
    }

    private void select(long lba, int count) {
        ata.out(0x1F6, 1, 0xE0 | (int) (lba >>> 24) & 0x0F);
        ata.out(0x1F2, 1, count);
        ata.out(0x1F3, 1, (int) lba);
        ata.out(0x1F4, 1, (int) (lba >>> 8));
        ata.out(0x1F5, 1, (int) (lba >>> 16));
    }

    private int[] readBlock() {
        int[] words = new int[256];
        for (int i = 0; i < 256; i++) {
            words[i] = ata.in(0x1F0, 2);
        }
        return words;
    }

    private void runFor(long cycles) {
        time.runDue(time.now() + cycles);
    }

    @Test
    void noDiskReadsZeroEverywhereAndIgnoresCommands() {
        assertThat(status()).isZero();
        assertThat(altStatus()).isZero();
        assertThat(ata.in(0x1F1, 1)).isZero();
        ata.out(0x1F7, 1, 0xEC);
        runFor(1_000_000);
        assertThat(status()).isZero();
        assertThat(irq.risingEdges).isZero();
    }

    @Test
    void absentSlaveReadsStatusZero() {
        ata.attach(new MemoryBlockStorage(64));
        assertThat(status()).isEqualTo(0x50);
        ata.out(0x1F6, 1, 0xB0);
        assertThat(status()).isZero();
        ata.out(0x1F7, 1, 0xEC);
        assertThat(irq.risingEdges).isZero();
    }

    @Test
    void identifyDeliversTheDocumentedWords() {
        ata.attach(new MemoryBlockStorage(20_160)); // 20 cylinders of 16 x 63
        ata.out(0x1F6, 1, 0xA0);
        ata.out(0x1F7, 1, 0xEC);
        assertThat(altStatus() & 0x80).isEqualTo(0x80); // BSY
        runFor(SECTOR);
        assertThat(irq.level).isTrue();
        assertThat(status()).isEqualTo(0x58); // DRDY DSC DRQ
        assertThat(irq.level).isFalse();       // status read acknowledged INTRQ
        int[] w = readBlock();
        assertThat(w[0]).isEqualTo(0x0040);
        assertThat(w[1]).isEqualTo(20);
        assertThat(w[3]).isEqualTo(16);
        assertThat(w[6]).isEqualTo(63);
        assertThat(w[49] & 0x0200).isEqualTo(0x0200); // LBA
        assertThat(w[60] | w[61] << 16).isEqualTo(20_160);
        assertThat(w[83] & 0xC400).isEqualTo(0x4000); // valid, no LBA48
        StringBuilder model = new StringBuilder();
        for (int i = 27; i <= 46; i++) {
            model.append((char) (w[i] >>> 8)).append((char) (w[i] & 0xFF));
        }
        assertThat(model.toString().trim()).isEqualTo("HVSIM ATA DISK");
        int sum = 0;
        for (int word : w) {
            sum += (word & 0xFF) + (word >>> 8);
        }
        assertThat(w[255] & 0xFF).isEqualTo(0xA5);
        assertThat(sum & 0xFF).isZero();
        assertThat(status()).isEqualTo(0x50); // DRQ gone after the block
    }

    @Test
    void readWriteRoundTripThroughAnImageFile(@TempDir Path dir) throws IOException {
        Path image = dir.resolve("disk.img");
        byte[] initial = new byte[16 * 512];
        for (int i = 0; i < initial.length; i++) {
            initial[i] = (byte) (i * 7);
        }
        Files.write(image, initial);
        try (FileBlockStorage disk = FileBlockStorage.open(image, false)) {
            ata.attach(disk);
            // Write sectors 3 and 4.
            select(3, 2);
            ata.out(0x1F7, 1, 0x30);
            assertThat(status()).isEqualTo(0x58); // DRQ at once, no interrupt
            assertThat(irq.risingEdges).isZero();
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < 256; i++) {
                    ata.out(0x1F0, 2, 0xA000 + s * 256 + i);
                }
                assertThat(altStatus() & 0x88).isEqualTo(0x80); // BSY while committing
                runFor(s == 0 ? OVERHEAD + SECTOR : SECTOR);
                assertThat(irq.level).isTrue();
                assertThat(status() & 0x08).isEqualTo(s == 0 ? 0x08 : 0);
            }
            assertThat(status()).isEqualTo(0x50);
            // Read sectors 2..4 back.
            select(2, 3);
            ata.out(0x1F7, 1, 0x20);
            runFor(OVERHEAD + SECTOR);
            assertThat(status()).isEqualTo(0x58);
            int[] s2 = readBlock();
            assertThat(s2[0]).isEqualTo((initial[1024] & 0xFF) | (initial[1025] & 0xFF) << 8);
            for (int s = 0; s < 2; s++) {
                assertThat(altStatus() & 0x80).isEqualTo(0x80);
                runFor(SECTOR);
                assertThat(status()).isEqualTo(0x58);
                int[] words = readBlock();
                assertThat(words[0]).isEqualTo(0xA000 + s * 256);
                assertThat(words[255]).isEqualTo(0xA000 + s * 256 + 255);
            }
            assertThat(status()).isEqualTo(0x50);
            assertThat(ata.commandsCompleted()).isEqualTo(2);
        }
        byte[] after = Files.readAllBytes(image);
        assertThat(after[3 * 512]).isEqualTo((byte) 0x00);
        assertThat(after[3 * 512 + 1]).isEqualTo((byte) 0xA0);
        assertThat(after[5 * 512]).isEqualTo(initial[5 * 512]);
    }

    @Test
    void interruptArrivesOnlyAfterTheModelledLatency() {
        ata.attach(new MemoryBlockStorage(64));
        select(0, 1);
        ata.out(0x1F7, 1, 0x20);
        runFor(OVERHEAD + SECTOR - 1);
        assertThat(irq.level).isFalse();
        assertThat(altStatus()).isEqualTo(0x90); // BSY DSC
        runFor(1);
        assertThat(irq.level).isTrue();
        assertThat(altStatus()).isEqualTo(0x58);
        assertThat(irq.level).isTrue(); // alternate status does not acknowledge
    }

    @Test
    void nIenKeepsIntrqOffTheLine() {
        ata.attach(new MemoryBlockStorage(64));
        ata.out(0x3F6, 1, 0x02);
        select(0, 1);
        ata.out(0x1F7, 1, 0x20);
        runFor(OVERHEAD + SECTOR);
        assertThat(irq.risingEdges).isZero();
        assertThat(altStatus()).isEqualTo(0x58);
        ata.out(0x3F6, 1, 0x00); // re-enabling exposes the still-pending INTRQ
        assertThat(irq.level).isTrue();
    }

    @Test
    void readWithRetryAndThirtyTwoBitDataTransfers() {
        MemoryBlockStorage disk = new MemoryBlockStorage(8);
        byte[] sector = new byte[512];
        sector[0] = 0x11;
        sector[1] = 0x22;
        sector[2] = 0x33;
        sector[3] = 0x44;
        disk.writeSector(5, sector, 0);
        ata.attach(disk);
        select(5, 1);
        ata.out(0x1F7, 1, 0x21);
        runFor(OVERHEAD + SECTOR);
        assertThat(ata.in(0x1F0, 4)).isEqualTo(0x44332211);
        for (int i = 1; i < 128; i++) {
            ata.in(0x1F0, 4);
        }
        assertThat(status()).isEqualTo(0x50);
    }

    @Test
    void outOfRangeAddressIsIdNotFound() {
        ata.attach(new MemoryBlockStorage(8));
        select(7, 2);
        ata.out(0x1F7, 1, 0x20);
        assertThat(status()).isEqualTo(0x51);
        assertThat(ata.in(0x1F1, 1)).isEqualTo(0x10);
    }

    @Test
    void unsupportedCommandsAbort() {
        ata.attach(new MemoryBlockStorage(8));
        ata.out(0x1F7, 1, 0xC8); // READ DMA
        assertThat(irq.level).isTrue();
        assertThat(status()).isEqualTo(0x51);
        assertThat(ata.in(0x1F1, 1)).isEqualTo(0x04);
    }

    @Test
    void softwareResetRestoresTheSignature() {
        ata.attach(new MemoryBlockStorage(8));
        select(1, 1);
        ata.out(0x1F7, 1, 0x20);
        ata.out(0x3F6, 1, 0x04);
        assertThat(altStatus() & 0x80).isEqualTo(0x80);
        ata.out(0x3F6, 1, 0x00);
        runFor(10 * OVERHEAD);
        assertThat(status()).isEqualTo(0x50);
        assertThat(ata.in(0x1F1, 1)).isEqualTo(0x01);
        assertThat(ata.in(0x1F2, 1)).isEqualTo(1);
        assertThat(ata.in(0x1F3, 1)).isEqualTo(1);
        assertThat(ata.in(0x1F4, 1)).isZero();
        assertThat(ata.in(0x1F5, 1)).isZero();
        assertThat(irq.risingEdges).isZero(); // the cancelled read never completed
    }

    @Test
    void chsAddressingUsesTheDefaultGeometry() {
        MemoryBlockStorage disk = new MemoryBlockStorage(2 * 16 * 63);
        byte[] sector = new byte[512];
        sector[0] = 0x5A;
        long lba = (1L * 16 + 2) * 63 + (4 - 1); // cylinder 1, head 2, sector 4
        disk.writeSector(lba, sector, 0);
        ata.attach(disk);
        ata.out(0x1F6, 1, 0xA2);
        ata.out(0x1F2, 1, 1);
        ata.out(0x1F3, 1, 4);
        ata.out(0x1F4, 1, 1);
        ata.out(0x1F5, 1, 0);
        ata.out(0x1F7, 1, 0x20);
        runFor(OVERHEAD + SECTOR);
        assertThat(ata.in(0x1F0, 2) & 0xFF).isEqualTo(0x5A);
    }

    @Test
    void readOnlyImageAbortsWrites(@TempDir Path dir) throws IOException {
        Path image = dir.resolve("ro.img");
        Files.write(image, new byte[4 * 512]);
        try (FileBlockStorage disk = FileBlockStorage.open(image, true)) {
            ata.attach(disk);
            select(0, 1);
            ata.out(0x1F7, 1, 0x30);
            for (int i = 0; i < 256; i++) {
                ata.out(0x1F0, 2, 0xFFFF);
            }
            runFor(OVERHEAD + SECTOR);
            assertThat(status() & 0x21).isEqualTo(0x21); // DF, ERR
            assertThat(ata.in(0x1F1, 1)).isEqualTo(0x04);
        }
        assertThat(Files.readAllBytes(image)).containsOnly(0);
    }
}
