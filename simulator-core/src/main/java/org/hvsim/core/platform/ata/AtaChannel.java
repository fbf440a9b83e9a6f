package org.hvsim.core.platform.ata;

import java.io.IOException;
import org.hvsim.core.platform.EventScheduler;
import org.hvsim.core.platform.InterruptLine;
import org.hvsim.core.platform.IoPortDevice;
import org.hvsim.core.platform.PlatformConfig;

/**
 * The primary IDE channel (command block 0x1F0-0x1F7, control block 0x3F6, IRQ 14) with at
 * most one ATA disk, as device 0 (master), doing PIO transfers. Register and bit names follow
 * ATA/ATAPI-6 (T13/1410D).
 *
 * <p>Commands: IDENTIFY DEVICE (ECh), READ SECTORS (20h/21h), WRITE SECTORS (30h/31h) in LBA28
 * or CHS addressing, FLUSH CACHE (E7h), SET FEATURES (EFh), INITIALIZE DEVICE PARAMETERS
 * (91h), EXECUTE DEVICE DIAGNOSTIC (90h), CHECK POWER MODE (E5h); everything else (including
 * NOP, LBA48, DMA and ATAPI commands) is aborted (ERR, error ABRT).
 *
 * <p>Timing: a data block becomes ready (read) or is committed (write) after
 * {@link AtaTiming#sectorTransferNanos()}, plus {@link AtaTiming#commandOverheadNanos()} for a
 * command's first block, scheduled on the EventScheduler; meanwhile status reads BSY. INTRQ is
 * raised at each DRQ block of a read, after each block of a write and at completion of
 * non-data commands; reading the status register (not the alternate status) clears it, as does
 * writing a command. nIEN in the device control register keeps INTRQ off the IRQ line.
 *
 * <p>Absent devices behave like QEMU's: with no disk attached every register reads 0 and
 * commands are ignored, and while device 1 is selected status and error read 0, so a driver's
 * "status == 0 means no device" probe works; data-port reads without DRQ return 0.
 */
public final class AtaChannel implements IoPortDevice {
    public static final int COMMAND_BLOCK = 0x1F0;
    public static final int CONTROL_BLOCK = 0x3F6;
    public static final int IRQ = 14;

    // Command block register offsets.
    private static final int DATA = 0;
    private static final int ERROR_FEATURES = 1;
    private static final int SECTOR_COUNT = 2;
    private static final int LBA_LOW = 3;
    private static final int LBA_MID = 4;
    private static final int LBA_HIGH = 5;
    private static final int DEVICE = 6;
    private static final int STATUS_COMMAND = 7;

    // Status bits.
    public static final int BSY = 0x80;
    public static final int DRDY = 0x40;
    public static final int DF = 0x20;
    public static final int DSC = 0x10; // "device seek complete", set when idle (ATA-3; QEMU)
    public static final int DRQ = 0x08;
    public static final int ERR = 0x01;

    // Error bits.
    public static final int ERROR_ABRT = 0x04;
    public static final int ERROR_IDNF = 0x10;
    public static final int ERROR_UNC = 0x40;

    // Device control bits.
    private static final int CONTROL_NIEN = 0x02;
    private static final int CONTROL_SRST = 0x04;

    // Device register bits.
    private static final int DEVICE_LBA = 0x40;
    private static final int DEVICE_DEV = 0x10;

    // Commands.
    static final int CMD_READ_SECTORS = 0x20;
    static final int CMD_READ_SECTORS_RETRY = 0x21;
    static final int CMD_WRITE_SECTORS = 0x30;
    static final int CMD_WRITE_SECTORS_RETRY = 0x31;
    static final int CMD_EXECUTE_DIAGNOSTIC = 0x90;
    static final int CMD_INITIALIZE_PARAMETERS = 0x91;
    static final int CMD_CHECK_POWER_MODE = 0xE5;
    static final int CMD_FLUSH_CACHE = 0xE7;
    static final int CMD_IDENTIFY = 0xEC;
    static final int CMD_SET_FEATURES = 0xEF;

    private static final int IDLE = DRDY | DSC;
    private static final String MODEL = "HVSIM ATA DISK";
    private static final String SERIAL = "HVSIM-0001";
    private static final String FIRMWARE = "1.0";

    private enum Transfer { NONE, PIO_IN, PIO_OUT }

    private enum Pending { NONE, READ_BLOCK, WRITE_BLOCK, IDENTIFY, FLUSH }

    private final EventScheduler scheduler;
    private final InterruptLine irq;
    private final long overheadCycles;
    private final long sectorCycles;
    private final Runnable onEvent = this::onEvent;

    private BlockStorage storage;
    private int[] identify;

    private int features;
    private int sectorCount;
    private int lbaLow;
    private int lbaMid;
    private int lbaHigh;
    private int device;
    private int status;
    private int error;
    private int control;
    private boolean intrq;
    private boolean irqLevel;

    private final byte[] buffer = new byte[BlockStorage.SECTOR_SIZE];
    private int bufferPos;
    private Transfer transfer = Transfer.NONE;
    private Pending pending = Pending.NONE;
    private long eventHandle;
    private long lba;
    private int remaining;
    private boolean firstBlock;
    private long commandsCompleted;

    public AtaChannel(PlatformConfig config, EventScheduler scheduler, InterruptLine irq) {
        this.scheduler = scheduler;
        this.irq = irq;
        this.overheadCycles = config.nanosToCycles(config.ataTiming().commandOverheadNanos());
        this.sectorCycles = config.nanosToCycles(config.ataTiming().sectorTransferNanos());
    }

    /** Attaches (or with {@code null} detaches) the disk as device 0. */
    public void attach(BlockStorage disk) {
        cancelEvent();
        this.storage = disk;
        this.identify = disk == null ? null : IdentifyData.build(disk.sectorCount(), MODEL, SERIAL, FIRMWARE);
        resetDevice();
        control = 0;
        setIntrq(false);
    }

    public boolean diskAttached() {
        return storage != null;
    }

    /** Completed data and non-data commands (statistics). */
    public long commandsCompleted() {
        return commandsCompleted;
    }

    /** The current INTRQ level seen by the interrupt controller. */
    public boolean interruptAsserted() {
        return irqLevel;
    }

    @Override
    public int in(int port, int size) {
        if (port == CONTROL_BLOCK) {
            return selectedPresent() ? status : 0; // alternate status: no side effects
        }
        if (storage == null) {
            return 0;
        }
        switch (port - COMMAND_BLOCK) {
            case DATA:
                return readData(size);
            case ERROR_FEATURES:
                return selectedPresent() ? error : 0;
            case SECTOR_COUNT:
                return sectorCount;
            case LBA_LOW:
                return lbaLow;
            case LBA_MID:
                return lbaMid;
            case LBA_HIGH:
                return lbaHigh;
            case DEVICE:
                return device | 0xA0; // obsolete bits 7 and 5 read as one
            case STATUS_COMMAND:
                if (!selectedPresent()) {
                    return 0;
                }
                setIntrq(false); // reading Status acknowledges the interrupt
                return status;
            default:
                return 0;
        }
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == CONTROL_BLOCK) {
            writeControl(value & 0xFF);
            return;
        }
        int v = value & 0xFF;
        switch (port - COMMAND_BLOCK) {
            case DATA:
                writeData(size, value);
                break;
            case ERROR_FEATURES:
                features = v;
                break;
            case SECTOR_COUNT:
                sectorCount = v;
                break;
            case LBA_LOW:
                lbaLow = v;
                break;
            case LBA_MID:
                lbaMid = v;
                break;
            case LBA_HIGH:
                lbaHigh = v;
                break;
            case DEVICE:
                device = v & 0x5F;
                break;
            case STATUS_COMMAND:
                command(v);
                break;
            default:
                break;
        }
    }

    // ---- registers ---------------------------------------------------------------------

    private boolean selectedPresent() {
        return storage != null && (device & DEVICE_DEV) == 0;
    }

    private void writeControl(int v) {
        boolean srstBefore = (control & CONTROL_SRST) != 0;
        control = v;
        boolean srst = (v & CONTROL_SRST) != 0;
        if (srst && !srstBefore) {
            // Software reset asserted: abandon any command, busy until released.
            cancelEvent();
            transfer = Transfer.NONE;
            status = BSY | DSC;
            setIntrq(false);
        } else if (!srst && srstBefore) {
            resetDevice();
        }
        updateIrq();
    }

    private void resetDevice() {
        cancelEvent();
        transfer = Transfer.NONE;
        bufferPos = 0;
        status = storage == null ? 0 : IDLE;
        setSignature();
    }

    /** Diagnostic code 01h (device 0 passed) and the ATA signature (ATA-6 9.12). */
    private void setSignature() {
        error = 0x01;
        sectorCount = 1;
        lbaLow = 1;
        lbaMid = 0;
        lbaHigh = 0;
        device = 0;
    }

    // ---- data port ---------------------------------------------------------------------

    private int readData(int size) {
        if (transfer != Transfer.PIO_IN || (status & DRQ) == 0) {
            return 0;
        }
        int words = size == 4 ? 2 : 1;
        int value = 0;
        for (int i = 0; i < words && transfer == Transfer.PIO_IN; i++) {
            int w = (buffer[bufferPos] & 0xFF) | (buffer[bufferPos + 1] & 0xFF) << 8;
            value |= w << (16 * i);
            bufferPos += 2;
            if (bufferPos == buffer.length) {
                blockRead();
            }
        }
        return size == 1 ? value & 0xFF : value;
    }

    private void writeData(int size, int value) {
        if (transfer != Transfer.PIO_OUT || (status & DRQ) == 0) {
            return;
        }
        int words = size == 4 ? 2 : 1;
        for (int i = 0; i < words && transfer == Transfer.PIO_OUT; i++) {
            int w = value >>> (16 * i);
            buffer[bufferPos] = (byte) w;
            buffer[bufferPos + 1] = (byte) (w >>> 8);
            bufferPos += 2;
            if (bufferPos == buffer.length) {
                blockWritten();
            }
        }
    }

    /** The host has read a whole DRQ block. */
    private void blockRead() {
        bufferPos = 0;
        if (pending == Pending.IDENTIFY || remaining <= 1) {
            // IDENTIFY's single block, or the last sector of a read: the command is complete
            // and no further interrupt is generated (PIO data-in protocol, ATA-6 9.7).
            transfer = Transfer.NONE;
            pending = Pending.NONE;
            remaining = 0;
            status = IDLE;
            commandsCompleted++;
            return;
        }
        remaining--;
        lba++;
        status = BSY | DSC;
        schedule(sectorCycles, Pending.READ_BLOCK);
    }

    /** The host has written a whole DRQ block: commit it after the modelled latency. */
    private void blockWritten() {
        bufferPos = 0;
        status = BSY | DSC;
        long delay = sectorCycles + (firstBlock ? overheadCycles : 0);
        firstBlock = false;
        schedule(delay, Pending.WRITE_BLOCK);
    }

    // ---- commands ----------------------------------------------------------------------

    private void command(int cmd) {
        if (!selectedPresent()) {
            return; // QEMU ignores commands to an absent device
        }
        if ((status & BSY) != 0) {
            return; // the host must not write a command while BSY
        }
        cancelEvent();
        transfer = Transfer.NONE;
        setIntrq(false);
        error = 0;
        switch (cmd) {
            case CMD_IDENTIFY:
                status = BSY | DSC;
                schedule(sectorCycles, Pending.IDENTIFY);
                break;
            case CMD_READ_SECTORS:
            case CMD_READ_SECTORS_RETRY:
                if (startTransfer()) {
                    status = BSY | DSC;
                    schedule(overheadCycles + sectorCycles, Pending.READ_BLOCK);
                }
                break;
            case CMD_WRITE_SECTORS:
            case CMD_WRITE_SECTORS_RETRY:
                if (startTransfer()) {
                    // PIO data-out: the device asks for the first block at once, no interrupt.
                    firstBlock = true;
                    bufferPos = 0;
                    transfer = Transfer.PIO_OUT;
                    pending = Pending.WRITE_BLOCK;
                    status = IDLE | DRQ;
                }
                break;
            case CMD_FLUSH_CACHE:
                status = BSY | DSC;
                schedule(overheadCycles, Pending.FLUSH);
                break;
            case CMD_EXECUTE_DIAGNOSTIC:
                setSignature();
                complete(IDLE);
                break;
            case CMD_CHECK_POWER_MODE:
                sectorCount = 0xFF; // active or idle
                complete(IDLE);
                break;
            case CMD_SET_FEATURES:
            case CMD_INITIALIZE_PARAMETERS:
                complete(IDLE);
                break;
            default:
                abort(ERROR_ABRT);
                break;
        }
    }

    /** Decodes the address and count of READ/WRITE SECTORS; false (and an error) if invalid. */
    private boolean startTransfer() {
        long start;
        if ((device & DEVICE_LBA) != 0) {
            start = ((long) (device & 0x0F) << 24) | (lbaHigh << 16) | (lbaMid << 8) | lbaLow;
        } else {
            int cylinder = (lbaHigh << 8) | lbaMid;
            int head = device & 0x0F;
            int sector = lbaLow;
            if (sector == 0) {
                abort(ERROR_IDNF);
                return false;
            }
            start = ((long) cylinder * IdentifyData.HEADS + head) * IdentifyData.SECTORS_PER_TRACK + sector - 1;
        }
        int count = sectorCount == 0 ? 256 : sectorCount;
        if (start + count > Math.min(storage.sectorCount(), IdentifyData.MAX_LBA28_SECTORS)) {
            abort(ERROR_IDNF);
            return false;
        }
        lba = start;
        remaining = count;
        return true;
    }

    private void schedule(long delay, Pending what) {
        pending = what;
        eventHandle = scheduler.schedule(scheduler.now() + delay, onEvent);
    }

    private void onEvent() {
        eventHandle = 0;
        switch (pending) {
            case IDENTIFY:
                for (int i = 0; i < 256; i++) {
                    buffer[2 * i] = (byte) identify[i];
                    buffer[2 * i + 1] = (byte) (identify[i] >>> 8);
                }
                startDataIn();
                break;
            case READ_BLOCK:
                try {
                    storage.readSector(lba, buffer, 0);
                } catch (IOException | RuntimeException e) {
                    failAt(ERROR_UNC, IDLE | ERR);
                    return;
                }
                startDataIn();
                break;
            case WRITE_BLOCK:
                try {
                    storage.writeSector(lba, buffer, 0);
                } catch (IOException | RuntimeException e) {
                    failAt(ERROR_ABRT, IDLE | DF | ERR);
                    return;
                }
                remaining--;
                lba++;
                if (remaining > 0) {
                    status = IDLE | DRQ;
                    setIntrq(true);
                } else {
                    transfer = Transfer.NONE;
                    pending = Pending.NONE;
                    commandsCompleted++;
                    complete(IDLE);
                }
                break;
            case FLUSH:
                pending = Pending.NONE;
                try {
                    storage.flush();
                } catch (IOException e) {
                    abort(ERROR_ABRT);
                    return;
                }
                commandsCompleted++;
                complete(IDLE);
                break;
            default:
                break;
        }
    }

    private void startDataIn() {
        bufferPos = 0;
        transfer = Transfer.PIO_IN;
        status = IDLE | DRQ;
        setIntrq(true);
    }

    /** An error during a transfer: report the failing LBA in the taskfile (ATA-6 6.2). */
    private void failAt(int errorBits, int statusBits) {
        lbaLow = (int) (lba & 0xFF);
        lbaMid = (int) (lba >>> 8) & 0xFF;
        lbaHigh = (int) (lba >>> 16) & 0xFF;
        device = (device & 0xF0) | (int) (lba >>> 24) & 0x0F;
        transfer = Transfer.NONE;
        pending = Pending.NONE;
        error = errorBits;
        status = statusBits;
        setIntrq(true);
    }

    private void abort(int errorBits) {
        transfer = Transfer.NONE;
        pending = Pending.NONE;
        error = errorBits;
        status = IDLE | ERR;
        setIntrq(true);
    }

    private void complete(int finalStatus) {
        status = finalStatus;
        setIntrq(true);
    }

    private void cancelEvent() {
        if (eventHandle != 0) {
            scheduler.cancel(eventHandle);
            eventHandle = 0;
        }
        pending = Pending.NONE;
    }

    private void setIntrq(boolean level) {
        intrq = level;
        updateIrq();
    }

    private void updateIrq() {
        boolean level = intrq && (control & CONTROL_NIEN) == 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
