package org.hvsim.core.platform.uart;

import java.io.OutputStream;
import org.hvsim.core.platform.ClockRatio;
import org.hvsim.core.platform.EventScheduler;
import org.hvsim.core.platform.InterruptLine;
import org.hvsim.core.platform.IoPortDevice;
import org.hvsim.core.platform.PlatformConfig;

/**
 * An NS16550A UART (register names from the National datasheet). Transmission is
 * instantaneous: a byte written to THR goes straight to the console, so LSR.THRE and LSR.TEMT
 * always read 1 and a polling driver never waits. Reception comes from {@link #receive(int)} or
 * an attached {@link SerialInput}, paced at one character per character time (10 bits at the
 * programmed baud rate), with flow control: host input never overruns the receiver.
 *
 * <p>Interrupt output (IRQ 4 on COM1) follows the IIR priority order RLS &gt; RDA/character
 * timeout &gt; THRE &gt; MSR. Like QEMU, the output is not gated by MCR.OUT2.
 */
public final class Uart16550 implements IoPortDevice {
    public static final int COM1_BASE = 0x3F8;
    public static final int COM1_IRQ = 4;
    public static final int PORT_COUNT = 8;

    // Register offsets from the base port.
    private static final int RBR_THR_DLL = 0;
    private static final int IER_DLM = 1;
    private static final int IIR_FCR = 2;
    private static final int LCR = 3;
    private static final int MCR = 4;
    private static final int LSR = 5;
    private static final int MSR = 6;
    private static final int SCR = 7;

    // IER bits.
    static final int IER_ERBFI = 0x01; // received data available
    static final int IER_ETBEI = 0x02; // transmitter holding register empty
    static final int IER_ELSI = 0x04;  // receiver line status
    static final int IER_EDSSI = 0x08; // modem status

    // IIR interrupt identification values (bit 0 = 1: none pending).
    static final int IIR_NONE = 0x01;
    static final int IIR_RLS = 0x06;
    static final int IIR_RDA = 0x04;
    static final int IIR_TIMEOUT = 0x0C;
    static final int IIR_THRE = 0x02;
    static final int IIR_MODEM = 0x00;
    static final int IIR_FIFOS_ENABLED = 0xC0;

    // FCR bits.
    private static final int FCR_ENABLE = 0x01;
    private static final int FCR_CLEAR_RX = 0x02;

    // LCR / MCR / LSR / MSR bits.
    static final int LCR_DLAB = 0x80;
    static final int MCR_LOOP = 0x10;
    static final int LSR_DR = 0x01;
    static final int LSR_OE = 0x02;
    static final int LSR_THRE = 0x20;
    static final int LSR_TEMT = 0x40;
    static final int MSR_CTS = 0x10;
    static final int MSR_DSR = 0x20;
    static final int MSR_RI = 0x40;
    static final int MSR_DCD = 0x80;

    private static final int FIFO_SIZE = 16;
    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

    private final int base;
    private final EventScheduler scheduler;
    private final InterruptLine irq;
    private final ConsoleOutput console;
    private final ClockRatio uartToCpu;

    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private int divisor = 1;
    private boolean fifoEnabled;
    private int triggerLevel = 1;

    private final int[] rx = new int[FIFO_SIZE];
    private int rxHead;
    private int rxCount;
    private int lastRbr;
    private boolean overrun;
    private boolean thrInterruptPending;
    private boolean irqLevel;

    private SerialInput input;
    private final Runnable pollInput = this::pollInput;

    public Uart16550(int base, PlatformConfig config, EventScheduler scheduler, InterruptLine irq,
                     OutputStream console) {
        this.base = base;
        this.scheduler = scheduler;
        this.irq = irq;
        this.console = new ConsoleOutput(console);
        this.uartToCpu = ClockRatio.of(config.uartClockHz(), config.cpuFrequencyHz());
    }

    @Override
    public int in(int port, int size) {
        switch (port - base) {
            case RBR_THR_DLL:
                return dlab() ? divisor & 0xFF : readRbr();
            case IER_DLM:
                return dlab() ? (divisor >>> 8) & 0xFF : ier;
            case IIR_FCR:
                return readIir();
            case LCR:
                return lcr;
            case MCR:
                return mcr;
            case LSR:
                return readLsr();
            case MSR:
                return modemStatus();
            case SCR:
                return scr;
            default:
                return 0xFF;
        }
    }

    @Override
    public void out(int port, int size, int value) {
        int v = value & 0xFF;
        switch (port - base) {
            case RBR_THR_DLL:
                if (dlab()) {
                    divisor = (divisor & 0xFF00) | v;
                } else {
                    transmit(v);
                }
                break;
            case IER_DLM:
                if (dlab()) {
                    divisor = (divisor & 0x00FF) | (v << 8);
                } else {
                    int old = ier;
                    ier = v & 0x0F;
                    // Enabling ETBEI while THR is empty raises THRE at once (datasheet; QEMU too).
                    if ((ier & IER_ETBEI) != 0 && (old & IER_ETBEI) == 0) {
                        thrInterruptPending = true;
                    }
                    updateIrq();
                }
                break;
            case IIR_FCR:
                writeFcr(v);
                break;
            case LCR:
                lcr = v;
                break;
            case MCR:
                mcr = v & 0x1F;
                break;
            case SCR:
                scr = v;
                break;
            default:
                break; // LSR and MSR writes are factory-test only
        }
    }

    /** Delivers one byte to the receiver, as if it arrived on the serial line. */
    public void receive(int b) {
        if (rxCount == capacity()) {
            overrun = true;
            if (!fifoEnabled) {
                // 16450 mode: the new character overwrites the unread one.
                rx[rxHead] = b & 0xFF;
            }
        } else {
            rx[(rxHead + rxCount) % FIFO_SIZE] = b & 0xFF;
            rxCount++;
        }
        updateIrq();
    }

    /**
     * Feeds {@code source} to the receiver, one byte per character time while the receiver has
     * room (flow control: no overruns), until it reports {@link SerialInput#END}.
     */
    public void attachInput(SerialInput source) {
        boolean idle = input == null;
        this.input = source;
        if (idle) {
            scheduler.schedule(scheduler.now() + characterTimeCycles(), pollInput);
        }
    }

    /** Pushes buffered console output to the host stream. */
    public void flush() {
        console.flush();
    }

    public ConsoleOutput console() {
        return console;
    }

    /** The programmed divisor latch (DLM:DLL). */
    public int divisor() {
        return divisor;
    }

    /** Current level of the interrupt output. */
    public boolean interruptAsserted() {
        return irqLevel;
    }

    private boolean dlab() {
        return (lcr & LCR_DLAB) != 0;
    }

    private boolean loopback() {
        return (mcr & MCR_LOOP) != 0;
    }

    private int capacity() {
        return fifoEnabled ? FIFO_SIZE : 1;
    }

    private void transmit(int v) {
        // Writing THR clears a pending THRE interrupt; the instantaneous transmit empties THR
        // again at once, so the line drops and rises: one interrupt edge per byte written.
        thrInterruptPending = false;
        updateIrq();
        if (loopback()) {
            receive(v);
        } else {
            console.write(v);
        }
        thrInterruptPending = true;
        updateIrq();
    }

    private int readRbr() {
        if (rxCount > 0) {
            lastRbr = rx[rxHead];
            rxHead = (rxHead + 1) % FIFO_SIZE;
            rxCount--;
            updateIrq();
        }
        return lastRbr;
    }

    private int readIir() {
        int id = interruptIdentification();
        if (id == IIR_THRE) {
            // Reading IIR when THRE is the source clears it (datasheet table "Interrupt control").
            thrInterruptPending = false;
            updateIrq();
        }
        return id | (fifoEnabled ? IIR_FIFOS_ENABLED : 0);
    }

    private int readLsr() {
        int lsr = LSR_THRE | LSR_TEMT;
        if (rxCount > 0) {
            lsr |= LSR_DR;
        }
        if (overrun) {
            lsr |= LSR_OE;
            overrun = false; // OE is cleared by reading LSR
            updateIrq();
        }
        return lsr;
    }

    private int modemStatus() {
        if (loopback()) {
            // Loopback wires the modem-control outputs to the modem-status inputs:
            // RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD (datasheet, MCR bit 4).
            return ((mcr & 0x02) << 3) | ((mcr & 0x01) << 5) | ((mcr & 0x04) << 4) | ((mcr & 0x08) << 4);
        }
        // A connected, ready terminal: carrier, data set ready, clear to send (QEMU's default).
        return MSR_DCD | MSR_DSR | MSR_CTS;
    }

    private void writeFcr(int v) {
        boolean enable = (v & FCR_ENABLE) != 0;
        if (enable != fifoEnabled) {
            // Changing FIFO mode clears both FIFOs (datasheet, FCR bit 0).
            rxCount = 0;
        }
        fifoEnabled = enable;
        if ((v & FCR_CLEAR_RX) != 0) {
            rxCount = 0;
        }
        triggerLevel = TRIGGER_LEVELS[(v >>> 6) & 3];
        updateIrq();
    }

    private int interruptIdentification() {
        if (overrun && (ier & IER_ELSI) != 0) {
            return IIR_RLS;
        }
        if (rxCount > 0 && (ier & IER_ERBFI) != 0) {
            // Below the trigger level the 16550 reports a character timeout after four
            // character times; this model reports it at once.
            return !fifoEnabled || rxCount >= triggerLevel ? IIR_RDA : IIR_TIMEOUT;
        }
        if (thrInterruptPending && (ier & IER_ETBEI) != 0) {
            return IIR_THRE;
        }
        return IIR_NONE;
    }

    private void updateIrq() {
        boolean level = interruptIdentification() != IIR_NONE;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    private long characterTimeCycles() {
        // 10 bits (start, 8 data, stop) of 16 reference clocks each per divisor step.
        long clocks = 10L * 16L * Math.max(1, divisor);
        return Math.max(1, uartToCpu.convertCeil(clocks));
    }

    private void pollInput() {
        if (input == null) {
            return;
        }
        if (rxCount < capacity()) {
            int b = input.poll();
            if (b == SerialInput.END) {
                input = null;
                return;
            }
            if (b >= 0) {
                receive(b);
            }
        }
        scheduler.schedule(scheduler.now() + characterTimeCycles(), pollInput);
    }

}
