package org.hvsim.core.platform.pic;

import org.hvsim.core.platform.InterruptController;
import org.hvsim.core.platform.InterruptLine;
import org.hvsim.core.platform.IoPortDevice;

/**
 * The PC/AT pair of 8259As: master at ports 0x20/0x21 (IRQ 0-7), slave at 0xA0/0xA1
 * (IRQ 8-15) whose INT output drives the master's IR2. As an {@link InterruptController} it
 * performs the two INTA cycles: the master picks an input; if that is the cascade input the
 * slave supplies the vector. An acknowledge with nothing pending yields the spurious IRQ 7 vector
 * of the chip concerned, as on hardware.
 */
public final class CascadedPic implements InterruptController, IoPortDevice {
    public static final int MASTER_COMMAND = 0x20;
    public static final int MASTER_DATA = 0x21;
    public static final int SLAVE_COMMAND = 0xA0;
    public static final int SLAVE_DATA = 0xA1;
    public static final int CASCADE_IRQ = 2;

    private final Pic8259 master;
    private final Pic8259 slave;
    private final InterruptLine[] lines = new InterruptLine[16];

    public CascadedPic() {
        this.master = new Pic8259(true, () -> { });
        this.slave = new Pic8259(false, this::slaveOutputChanged);
        for (int i = 0; i < 16; i++) {
            final int irq = i;
            lines[i] = level -> setIrq(irq, level);
        }
    }

    /** The request line for ISA IRQ {@code irq} (0-15); IRQ 2 is the cascade and never used. */
    public InterruptLine irqLine(int irq) {
        return lines[irq];
    }

    public void setIrq(int irq, boolean level) {
        if (irq < 8) {
            master.setInput(irq, level);
        } else {
            slave.setInput(irq - 8, level);
        }
    }

    public Pic8259 master() {
        return master;
    }

    public Pic8259 slave() {
        return slave;
    }

    @Override
    public boolean hasPendingInterrupt() {
        return master.output();
    }

    @Override
    public int acknowledge() {
        int irq = master.highestPendingIrq();
        if (irq < 0) {
            return master.vectorBase() + 7; // spurious IRQ 7
        }
        if (irq != CASCADE_IRQ) {
            return master.acknowledge(irq);
        }
        int slaveIrq = slave.highestPendingIrq();
        master.acknowledge(CASCADE_IRQ);
        if (slaveIrq < 0) {
            return slave.vectorBase() + 7; // spurious IRQ 15
        }
        return slave.acknowledge(slaveIrq);
    }

    @Override
    public int in(int port, int size) {
        switch (port) {
            case MASTER_COMMAND:
                return master.readCommand();
            case MASTER_DATA:
                return master.readData();
            case SLAVE_COMMAND:
                return slave.readCommand();
            case SLAVE_DATA:
                return slave.readData();
            default:
                return 0xFF;
        }
    }

    @Override
    public void out(int port, int size, int value) {
        int v = value & 0xFF;
        switch (port) {
            case MASTER_COMMAND:
                master.writeCommand(v);
                break;
            case MASTER_DATA:
                master.writeData(v);
                break;
            case SLAVE_COMMAND:
                slave.writeCommand(v);
                break;
            case SLAVE_DATA:
                slave.writeData(v);
                break;
            default:
                break;
        }
    }

    private void slaveOutputChanged() {
        master.setInput(CASCADE_IRQ, slave.output());
    }
}
