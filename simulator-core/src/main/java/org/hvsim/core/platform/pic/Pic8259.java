package org.hvsim.core.platform.pic;

/**
 * One Intel 8259A programmable interrupt controller in x86 (8086) mode, edge-triggered:
 * the ICW1-ICW4 initialization sequence, OCW1 mask, OCW2 EOI/rotation commands, OCW3
 * IRR/ISR/poll reads and special mask mode, automatic EOI and special fully nested mode.
 * Register and command names follow the 8259A datasheet. Level-triggered mode (ICW1.LTIM) is
 * accepted but treated as edge-triggered.
 *
 * <p>Priorities are kept as a rotation offset ({@code lowestPriorityIrq + 1}): priority level
 * 0 (highest) belongs to IRQ {@code priorityBase}.
 */
public final class Pic8259 {
    private static final int ICW1 = 0x10;
    private static final int ICW1_IC4 = 0x01;
    private static final int ICW1_SNGL = 0x02;
    private static final int OCW3 = 0x08;
    private static final int ICW4_AEOI = 0x02;
    private static final int ICW4_SFNM = 0x10;

    private final boolean master;
    private final Runnable outputChanged;

    private int irr;
    private int isr;
    private int imr;
    private int lineLevels;
    private int vectorBase;
    private int priorityBase;
    private boolean autoEoi;
    private boolean rotateOnAutoEoi;
    private boolean specialFullyNested;
    private boolean specialMask;
    private boolean readIsr;
    private boolean poll;
    private int initStep; // 0 = operational; 2, 3, 4 = expecting ICW2, ICW3, ICW4
    private boolean expectIcw4;
    private boolean single;
    private boolean output;

    /**
     * @param master        true for the master (its IRQ 2 is the cascade input)
     * @param outputChanged called whenever the INT output may have changed
     */
    public Pic8259(boolean master, Runnable outputChanged) {
        this.master = master;
        this.outputChanged = outputChanged;
    }

    /** Drives IR input {@code irq} (0-7); a rising edge latches the request in IRR. */
    public void setInput(int irq, boolean level) {
        int bit = 1 << irq;
        if (level) {
            if ((lineLevels & bit) == 0) {
                irr |= bit;
            }
            lineLevels |= bit;
        } else {
            lineLevels &= ~bit;
        }
        update();
    }

    /** The INT output: some unmasked request outranks everything in service. */
    public boolean output() {
        return output;
    }

    /** The IRQ the next INTA would deliver, or -1. */
    public int highestPendingIrq() {
        int requested = irr & ~imr;
        int level = highestPriorityLevel(requested);
        if (level < 0) {
            return -1;
        }
        int inService = specialMask ? isr & ~imr : isr;
        if (master && specialFullyNested) {
            // SFNM: a higher-priority slave request may interrupt the slave's own service.
            inService &= ~(1 << 2);
        }
        int current = highestPriorityLevel(inService);
        if (current >= 0 && level >= current) {
            return -1;
        }
        return (level + priorityBase) & 7;
    }

    /** The INTA cycle for {@code irq}: IRR to ISR (unless AEOI). Returns the vector. */
    public int acknowledge(int irq) {
        int bit = 1 << irq;
        irr &= ~bit; // edge-triggered: the latched request is consumed
        if (autoEoi) {
            if (rotateOnAutoEoi) {
                priorityBase = (irq + 1) & 7;
            }
        } else {
            isr |= bit;
        }
        update();
        return vectorBase + irq;
    }

    /** Vector base from ICW2 (bits 7:3). */
    public int vectorBase() {
        return vectorBase;
    }

    public int irr() {
        return irr;
    }

    public int isr() {
        return isr;
    }

    public int imr() {
        return imr;
    }

    /** Read of the command port (A0 = 0): poll result, IRR or ISR per OCW3. */
    public int readCommand() {
        if (poll) {
            poll = false;
            int irq = highestPendingIrq();
            if (irq < 0) {
                return 0;
            }
            acknowledge(irq);
            return 0x80 | irq;
        }
        return readIsr ? isr : irr;
    }

    /** Read of the data port (A0 = 1): the interrupt mask register. */
    public int readData() {
        return imr;
    }

    /** Write of the command port (A0 = 0): ICW1, OCW2 or OCW3. */
    public void writeCommand(int v) {
        if ((v & ICW1) != 0) {
            initialize(v);
        } else if ((v & OCW3) != 0) {
            writeOcw3(v);
        } else {
            writeOcw2(v);
        }
        update();
    }

    /** Write of the data port (A0 = 1): ICW2/3/4 during initialization, else OCW1. */
    public void writeData(int v) {
        switch (initStep) {
            case 2:
                vectorBase = v & 0xF8;
                initStep = single ? (expectIcw4 ? 4 : 0) : 3;
                break;
            case 3:
                // ICW3: cascade wiring. Fixed in this platform (slave on master IR2).
                initStep = expectIcw4 ? 4 : 0;
                break;
            case 4:
                autoEoi = (v & ICW4_AEOI) != 0;
                specialFullyNested = (v & ICW4_SFNM) != 0;
                initStep = 0;
                break;
            default:
                imr = v & 0xFF;
                break;
        }
        update();
    }

    private void initialize(int icw1) {
        // ICW1 resets the edge-sense logic, clears IMR and ISR, gives IR7 the lowest priority,
        // clears special mask mode and selects IRR for status reads (datasheet,
        // "Initialization command words"); without IC4 the ICW4 functions are zero.
        expectIcw4 = (icw1 & ICW1_IC4) != 0;
        single = (icw1 & ICW1_SNGL) != 0;
        irr = 0;
        isr = 0;
        imr = 0;
        lineLevels = 0;
        priorityBase = 0;
        specialMask = false;
        readIsr = false;
        poll = false;
        autoEoi = false;
        rotateOnAutoEoi = false;
        specialFullyNested = false;
        initStep = 2;
    }

    private void writeOcw2(int v) {
        int command = v >>> 5;
        switch (command) {
            case 0: // clear rotate in automatic EOI mode
                rotateOnAutoEoi = false;
                break;
            case 4: // set rotate in automatic EOI mode
                rotateOnAutoEoi = true;
                break;
            case 1: // non-specific EOI
            case 5: { // rotate on non-specific EOI
                int level = highestPriorityLevel(isr);
                if (level >= 0) {
                    int irq = (level + priorityBase) & 7;
                    isr &= ~(1 << irq);
                    if (command == 5) {
                        priorityBase = (irq + 1) & 7;
                    }
                }
                break;
            }
            case 3: // specific EOI
                isr &= ~(1 << (v & 7));
                break;
            case 7: // rotate on specific EOI
                isr &= ~(1 << (v & 7));
                priorityBase = ((v & 7) + 1) & 7;
                break;
            case 6: // set priority: IR(v & 7) becomes the lowest
                priorityBase = ((v & 7) + 1) & 7;
                break;
            default: // 2: no operation
                break;
        }
    }

    private void writeOcw3(int v) {
        if ((v & 0x04) != 0) {
            poll = true;
        }
        if ((v & 0x02) != 0) {
            readIsr = (v & 0x01) != 0;
        }
        if ((v & 0x40) != 0) {
            specialMask = (v & 0x20) != 0;
        }
    }

    /** Priority level (0 = highest) of the highest-priority bit set in {@code bits}, or -1. */
    private int highestPriorityLevel(int bits) {
        if (bits == 0) {
            return -1;
        }
        for (int level = 0; level < 8; level++) {
            if ((bits & (1 << ((level + priorityBase) & 7))) != 0) {
                return level;
            }
        }
        return -1;
    }

    private void update() {
        boolean now = highestPendingIrq() >= 0;
        if (now != output) {
            output = now;
            outputChanged.run();
        }
    }
}
