package org.hvsim.core.platform.pit;

import org.hvsim.core.platform.ClockRatio;

/**
 * One counter of an Intel 8254. The count is never decremented tick by tick: it is derived
 * from the simulated cycle at which counting started ({@code startCycle}) and the PIT clock,
 * so reading it costs the same however long the guest waits. Binary counting only (BCD
 * mode bit is stored and reported, but counts are binary).
 *
 * <p>Modelled: modes 0-5 count and OUT shapes, lobyte/hibyte/both access, counter latch and
 * read-back (count and status), gate. Simplifications (also QEMU's): a new count in modes 2 and
 * 3 takes effect immediately rather than at the end of the current period, and counting starts
 * at the write rather than one CLK later.
 */
public final class PitCounter {
    static final int RW_LATCH = 0;
    static final int RW_LSB = 1;
    static final int RW_MSB = 2;
    static final int RW_LSB_MSB = 3;

    private final ClockRatio cpuToPit;
    private final ClockRatio pitToCpu;

    private int mode;
    private int rwMode = RW_LSB_MSB;
    private boolean bcd;
    private int initialCount = 0x10000; // a programmed 0 means 65536
    private boolean countWritten;
    private boolean nullCount = true;
    private boolean gate;

    private boolean counting;
    private long startCycle;
    private long tickOffset; // PIT ticks already elapsed before startCycle (gate pauses)

    private boolean writeMsbNext;
    private int writeLsb;
    private boolean readMsbNext;
    private boolean countLatched;
    private int latchedCount;
    private boolean latchedMsbNext;
    private boolean statusLatched;
    private int latchedStatus;

    PitCounter(ClockRatio cpuToPit, ClockRatio pitToCpu, boolean gate) {
        this.cpuToPit = cpuToPit;
        this.pitToCpu = pitToCpu;
        this.gate = gate;
    }

    /** A control word for this counter (not latch, not read-back). */
    void control(int rw, int mode, boolean bcd) {
        this.rwMode = rw;
        this.mode = mode;
        this.bcd = bcd;
        this.counting = false;
        this.countWritten = false;
        this.nullCount = true;
        this.writeMsbNext = false;
        this.readMsbNext = false;
        this.countLatched = false;
        this.statusLatched = false;
    }

    /** Counter latch command: freezes the current count for reading (once until read). */
    void latchCount(long now) {
        if (!countLatched) {
            countLatched = true;
            latchedCount = count(now);
            latchedMsbNext = false;
        }
    }

    /** Read-back status latch: OUT, null count, RW, mode, BCD (8254 datasheet). */
    void latchStatus(long now) {
        if (!statusLatched) {
            statusLatched = true;
            latchedStatus = (output(now) ? 0x80 : 0) | (nullCount ? 0x40 : 0) | (rwMode << 4) | (mode << 1)
                    | (bcd ? 1 : 0);
        }
    }

    /** @return true if the write completed a new count (so the caller reschedules events) */
    boolean writeByte(int v, long now) {
        switch (rwMode) {
            case RW_LSB:
                load(v & 0xFF, now);
                return true;
            case RW_MSB:
                load((v & 0xFF) << 8, now);
                return true;
            default:
                if (!writeMsbNext) {
                    writeLsb = v & 0xFF;
                    writeMsbNext = true;
                    return false;
                }
                writeMsbNext = false;
                load(writeLsb | ((v & 0xFF) << 8), now);
                return true;
        }
    }

    int readByte(long now) {
        if (statusLatched) {
            statusLatched = false;
            return latchedStatus;
        }
        if (countLatched) {
            int v;
            if (rwMode == RW_MSB || (rwMode == RW_LSB_MSB && latchedMsbNext)) {
                v = (latchedCount >>> 8) & 0xFF;
                countLatched = false;
            } else {
                v = latchedCount & 0xFF;
                if (rwMode == RW_LSB_MSB) {
                    latchedMsbNext = true;
                } else {
                    countLatched = false;
                }
            }
            return v;
        }
        int count = count(now);
        switch (rwMode) {
            case RW_LSB:
                return count & 0xFF;
            case RW_MSB:
                return (count >>> 8) & 0xFF;
            default:
                boolean msb = readMsbNext;
                readMsbNext = !readMsbNext;
                return msb ? (count >>> 8) & 0xFF : count & 0xFF;
        }
    }

    void setGate(boolean level, long now) {
        if (level == gate) {
            return;
        }
        if (level) {
            gate = true;
            if (!countWritten) {
                return;
            }
            if (mode == 0 || mode == 4) {
                // Counting resumes where it stopped.
                startCycle = now;
                counting = true;
            } else {
                // Modes 1, 5 trigger and modes 2, 3 restart on the rising gate edge.
                startCycle = now;
                tickOffset = 0;
                counting = true;
            }
        } else {
            if (counting && mode != 1 && mode != 5) {
                tickOffset = ticks(now);
                counting = false;
            }
            gate = false;
        }
    }

    private void load(int value, long now) {
        initialCount = value == 0 ? 0x10000 : value;
        countWritten = true;
        nullCount = false;
        tickOffset = 0;
        startCycle = now;
        // Modes 1 and 5 wait for a gate trigger; the others count when the gate is high.
        counting = gate && mode != 1 && mode != 5;
    }

    /** PIT ticks counted since the count was loaded. */
    long ticks(long now) {
        if (!counting) {
            return tickOffset;
        }
        return tickOffset + cpuToPit.convert(Math.max(0, now - startCycle));
    }

    /** The counting element's value at {@code now} (16 bits; 65536 reads as 0). */
    public int count(long now) {
        if (!countWritten) {
            return 0;
        }
        long t = ticks(now);
        long n = initialCount;
        long c;
        switch (mode) {
            case 2:
                c = n - (t % n);
                break;
            case 3:
                // Square wave: the count steps by two, once per half period.
                c = n - ((2 * t) % n);
                break;
            default:
                // Modes 0, 1, 4, 5 keep counting down past zero, wrapping modulo 2^16.
                c = n - t;
                break;
        }
        return (int) (c & 0xFFFF);
    }

    /** The OUT pin at {@code now}. */
    public boolean output(long now) {
        if (!countWritten) {
            // Mode 0 drives OUT low after the control word; the other modes idle high.
            return mode != 0;
        }
        long t = ticks(now);
        long n = initialCount;
        if (!counting && mode != 0) {
            // Gate low (or no trigger yet): OUT is high in modes 1-5.
            return true;
        }
        switch (mode) {
            case 0:
            case 1:
                return t >= n;
            case 2:
                return t % n != n - 1;
            case 3:
                return t % n < (n + 1) / 2;
            default:
                return t != n; // modes 4, 5: one low CLK at terminal count
        }
    }

    /**
     * The CPU cycle at which this counter will have counted {@code pitTicks} ticks since its
     * load, or -1 if it is not counting.
     */
    long cycleAtTick(long pitTicks) {
        if (!counting) {
            return -1;
        }
        return startCycle + pitToCpu.convertCeil(Math.max(0, pitTicks - tickOffset));
    }

    int mode() {
        return mode;
    }

    int initialCount() {
        return initialCount;
    }

    boolean counting() {
        return counting;
    }

    boolean gate() {
        return gate;
    }
}
