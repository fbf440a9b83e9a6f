package org.hvsim.core.platform.apic;

import org.hvsim.core.platform.ClockRatio;
import org.hvsim.core.platform.EventScheduler;
import org.hvsim.core.platform.InterruptController;
import org.hvsim.core.platform.MmioDevice;
import org.hvsim.core.platform.PlatformConfig;

/**
 * The local APIC of the single simulated CPU, in xAPIC mode at physical 0xFEE00000 (SDM Vol. 3A
 * chapter 11; register offsets from Table 11-1). Fixed-interrupt acceptance and delivery follow
 * 11.8: a request sets IRR; the highest IRR vector is delivered only if its priority class
 * (vector[7:4]) exceeds the processor-priority class PPR[7:4] (11.8.3.1); acknowledging moves
 * it from IRR to ISR; EOI clears the highest ISR bit. TPR is shared with CR8 (11.8.6.5).
 *
 * <p>Interrupts are offered to the CPU only while the APIC is software-enabled (SVR bit 8);
 * while disabled, requests still latch in IRR, as in QEMU. LVT registers keep the values
 * written (QEMU behaviour; the SDM additionally forces the mask bits while disabled).
 *
 * <p>Not modelled: x2APIC, APIC base relocation, NMI/SMI/INIT/SIPI/ExtINT delivery from the
 * LVTs, IPIs to other CPUs, level-triggered interrupts and EOI broadcast, thermal/performance
 * sources, TSC-deadline timer mode (treated as one-shot).
 */
public final class LocalApic implements MmioDevice, InterruptController {
    public static final long DEFAULT_BASE = 0xFEE0_0000L;
    public static final long SIZE = 0x1000;

    // Register offsets (SDM Vol. 3A Table 11-1).
    static final int ID = 0x20;
    static final int VERSION = 0x30;
    static final int TPR = 0x80;
    static final int APR = 0x90;
    static final int PPR = 0xA0;
    static final int EOI = 0xB0;
    static final int RRD = 0xC0;
    static final int LDR = 0xD0;
    static final int DFR = 0xE0;
    static final int SVR = 0xF0;
    static final int ISR_BASE = 0x100;
    static final int TMR_BASE = 0x180;
    static final int IRR_BASE = 0x200;
    static final int ESR = 0x280;
    static final int ICR_LOW = 0x300;
    static final int ICR_HIGH = 0x310;
    static final int LVT_TIMER = 0x320;
    static final int LVT_THERMAL = 0x330;
    static final int LVT_PERF = 0x340;
    static final int LVT_LINT0 = 0x350;
    static final int LVT_LINT1 = 0x360;
    static final int LVT_ERROR = 0x370;
    static final int TIMER_INITIAL = 0x380;
    static final int TIMER_CURRENT = 0x390;
    static final int TIMER_DIVIDE = 0x3E0;

    /** Version 0x14 (integrated APIC), 6 LVT entries (max LVT index 5): as QEMU reports. */
    public static final int VERSION_VALUE = 0x0005_0014;

    static final int LVT_MASKED = 1 << 16;
    static final int LVT_TIMER_PERIODIC = 1 << 17;
    static final int LVT_DELIVERY_MODE = 7 << 8;
    static final int DELIVERY_FIXED = 0;
    static final int DELIVERY_EXTINT = 7 << 8;
    static final int SVR_ENABLE = 1 << 8;

    // ESR bits (SDM Figure 11-9).
    static final int ESR_SEND_ILLEGAL_VECTOR = 1 << 5;
    static final int ESR_RECEIVE_ILLEGAL_VECTOR = 1 << 6;
    static final int ESR_ILLEGAL_REGISTER = 1 << 7;

    // Writable bits of each LVT (vector, delivery mode, polarity, trigger, mask, timer mode).
    private static final int LVT_TIMER_BITS = 0x700FF;
    private static final int LVT_LINT_BITS = 0x1A7FF;
    private static final int LVT_OTHER_BITS = 0x107FF;
    private static final int LVT_ERROR_BITS = 0x100FF;

    private final ApicTimer timer;
    private final VectorBitmap irr = new VectorBitmap();
    private final VectorBitmap isr = new VectorBitmap();
    private final VectorBitmap tmr = new VectorBitmap();

    private int id;
    private int tpr;
    private int ldr;
    private int dfr = 0xFFFF_FFFF;
    private int svr = 0xFF;
    private int esr;
    private int pendingErrors;
    private int icrLow;
    private int icrHigh;
    private int lvtTimer = LVT_MASKED;
    private int lvtThermal = LVT_MASKED;
    private int lvtPerf = LVT_MASKED;
    // Virtual-wire mode as QEMU resets the BSP and as PC firmware leaves it: LINT0 = ExtINT
    // (the 8259A's INTR), LINT1 = NMI.
    private int lvtLint0 = DELIVERY_EXTINT;
    private int lvtLint1 = 4 << 8;
    private int lvtError = LVT_MASKED;
    private boolean globallyEnabled = true;

    /** Highest deliverable vector, or -1: recomputed on every state change. */
    private int deliverable = -1;

    public LocalApic(PlatformConfig config, EventScheduler scheduler) {
        this.timer = new ApicTimer(scheduler,
                ClockRatio.of(config.cpuFrequencyHz(), config.apicTimerFrequencyHz()),
                ClockRatio.of(config.apicTimerFrequencyHz(), config.cpuFrequencyHz()),
                this::timerExpired);
    }

    // ---- CPU-facing API ----------------------------------------------------------------

    @Override
    public boolean hasPendingInterrupt() {
        return deliverable >= 0;
    }

    /**
     * INTA: moves the highest deliverable IRR vector to ISR and returns it. If nothing is
     * deliverable any more (masked by a TPR raise in between), returns the spurious vector
     * from SVR without touching ISR (SDM 11.9).
     */
    @Override
    public int acknowledge() {
        int v = deliverable;
        if (v < 0) {
            return svr & 0xFF;
        }
        irr.clear(v);
        isr.set(v);
        recompute();
        return v;
    }

    /** MOV from CR8: TPR[7:4] (SDM Vol. 3A 11.8.6.5). */
    public int readCr8() {
        return tpr >>> 4;
    }

    /**
     * MOV to CR8: TPR[7:4] = CR8[3:0], TPR[3:0] = 0. The CPU raises #GP for nonzero reserved
     * bits 63:4 before calling this.
     */
    public void writeCr8(long value) {
        tpr = (int) (value & 0xF) << 4;
        recompute();
    }

    /**
     * Requests a fixed, edge-triggered interrupt with {@code vector} (an IPI to self, an
     * interrupt routed by a future I/O APIC, a local LVT source). Vectors 0-15 are illegal:
     * they set ESR "receive illegal vector" and are dropped.
     */
    public void requestInterrupt(int vector) {
        if (vector < 16) {
            signalError(ESR_RECEIVE_ILLEGAL_VECTOR);
            return;
        }
        irr.set(vector & 0xFF);
        recompute();
    }

    /**
     * True if the 8259A's output reaches the CPU through this APIC: the APIC is globally
     * disabled (IA32_APIC_BASE bit 11 clear: the PIC is wired straight to INTR) or LINT0 is an
     * unmasked ExtINT entry (virtual-wire mode). ExtINT interrupts bypass IRR/ISR and TPR.
     */
    public boolean acceptsExternalInterrupts() {
        return !globallyEnabled
                || (lvtLint0 & LVT_MASKED) == 0 && (lvtLint0 & LVT_DELIVERY_MODE) == DELIVERY_EXTINT;
    }

    /** IA32_APIC_BASE bit 11 (global enable), owned by the CPU's MSR logic. */
    public void setGloballyEnabled(boolean enabled) {
        globallyEnabled = enabled;
        recompute();
    }

    public boolean globallyEnabled() {
        return globallyEnabled;
    }

    public boolean softwareEnabled() {
        return (svr & SVR_ENABLE) != 0;
    }

    public int tpr() {
        return tpr;
    }

    /** Processor priority (SDM 11.8.3.1). */
    public int ppr() {
        int isrv = isr.highest();
        int isrClass = isrv < 0 ? 0 : isrv & 0xF0;
        return (tpr & 0xF0) >= isrClass ? tpr : isrClass;
    }

    public int apicId() {
        return id;
    }

    /** Cycle at which the timer next fires, or -1 (for tests and tracing). */
    public long timerNextExpiryCycle() {
        return timer.nextExpiryCycle();
    }

    // ---- MMIO --------------------------------------------------------------------------

    @Override
    public long read(long offset, int size) {
        int value = (offset & 0xC) == 0 ? readRegister((int) (offset & 0xFF0)) : 0;
        long v32 = value & 0xFFFF_FFFFL;
        if (size >= 4) {
            return v32;
        }
        return (v32 >>> ((offset & 3) * 8)) & ((1L << (size * 8)) - 1);
    }

    @Override
    public void write(long offset, int size, long value) {
        // Registers are 32 bits wide at 16-byte boundaries (SDM 11.4.1); other accesses are
        // undefined and ignored here.
        if ((offset & 0xF) != 0 || size < 4) {
            return;
        }
        writeRegister((int) offset, (int) value);
    }

    int readRegister(int reg) {
        if (reg >= ISR_BASE && reg < ISR_BASE + 0x80) {
            return isr.word((reg - ISR_BASE) >>> 4);
        }
        if (reg >= TMR_BASE && reg < TMR_BASE + 0x80) {
            return tmr.word((reg - TMR_BASE) >>> 4);
        }
        if (reg >= IRR_BASE && reg < IRR_BASE + 0x80) {
            return irr.word((reg - IRR_BASE) >>> 4);
        }
        switch (reg) {
            case ID:
                return id << 24;
            case VERSION:
                return VERSION_VALUE;
            case TPR:
                return tpr;
            case APR:
            case RRD:
            case EOI:
                return 0;
            case PPR:
                return ppr();
            case LDR:
                return ldr;
            case DFR:
                return dfr;
            case SVR:
                return svr;
            case ESR:
                return esr;
            case ICR_LOW:
                return icrLow;
            case ICR_HIGH:
                return icrHigh;
            case LVT_TIMER:
                return lvtTimer;
            case LVT_THERMAL:
                return lvtThermal;
            case LVT_PERF:
                return lvtPerf;
            case LVT_LINT0:
                return lvtLint0;
            case LVT_LINT1:
                return lvtLint1;
            case LVT_ERROR:
                return lvtError;
            case TIMER_INITIAL:
                return (int) timer.initialCount();
            case TIMER_CURRENT:
                return (int) timer.currentCount();
            case TIMER_DIVIDE:
                return timer.divideConfig();
            default:
                signalError(ESR_ILLEGAL_REGISTER);
                return 0;
        }
    }

    void writeRegister(int reg, int v) {
        switch (reg) {
            case ID:
                id = v >>> 24;
                break;
            case TPR:
                tpr = v & 0xFF;
                recompute();
                break;
            case EOI:
                endOfInterrupt();
                break;
            case LDR:
                ldr = v & 0xFF00_0000;
                break;
            case DFR:
                dfr = v | 0x0FFF_FFFF;
                break;
            case SVR:
                svr = v & 0x1FF;
                recompute();
                break;
            case ESR:
                // A write latches the errors collected since the last write (SDM 11.5.3).
                esr = pendingErrors;
                pendingErrors = 0;
                break;
            case ICR_LOW:
                icrLow = v & ~(1 << 12); // delivery status always reads idle
                sendIpi();
                break;
            case ICR_HIGH:
                icrHigh = v & 0xFF00_0000;
                break;
            case LVT_TIMER:
                lvtTimer = v & LVT_TIMER_BITS;
                timer.setPeriodic((lvtTimer & LVT_TIMER_PERIODIC) != 0);
                break;
            case LVT_THERMAL:
                lvtThermal = v & LVT_OTHER_BITS;
                break;
            case LVT_PERF:
                lvtPerf = v & LVT_OTHER_BITS;
                break;
            case LVT_LINT0:
                lvtLint0 = v & LVT_LINT_BITS;
                break;
            case LVT_LINT1:
                lvtLint1 = v & LVT_LINT_BITS;
                break;
            case LVT_ERROR:
                lvtError = v & LVT_ERROR_BITS;
                break;
            case TIMER_INITIAL:
                timer.start(v & 0xFFFF_FFFFL);
                break;
            case TIMER_DIVIDE:
                timer.setDivideConfig(v);
                break;
            case VERSION:
            case PPR:
            case APR:
            case RRD:
            case TIMER_CURRENT:
                break; // read-only
            default:
                if (!(reg >= ISR_BASE && reg < IRR_BASE + 0x80)) {
                    signalError(ESR_ILLEGAL_REGISTER);
                }
                break;
        }
    }

    // ---- internals -----------------------------------------------------------------------

    private void endOfInterrupt() {
        int v = isr.highest();
        if (v >= 0) {
            isr.clear(v);
            recompute();
        }
    }

    private void timerExpired() {
        if ((lvtTimer & LVT_MASKED) == 0) {
            requestLocal(lvtTimer);
        }
    }

    private void requestLocal(int lvt) {
        if ((lvt & LVT_DELIVERY_MODE) != DELIVERY_FIXED) {
            return; // only fixed delivery is modelled for local sources
        }
        requestInterrupt(lvt & 0xFF);
    }

    private void sendIpi() {
        int shorthand = (icrLow >>> 18) & 3;
        int mode = icrLow & LVT_DELIVERY_MODE;
        if (mode != DELIVERY_FIXED) {
            return; // INIT, SIPI, NMI, SMI, lowest priority to other CPUs: not modelled
        }
        boolean toSelf;
        switch (shorthand) {
            case 1: // self
            case 2: // all including self
                toSelf = true;
                break;
            case 3: // all excluding self
                toSelf = false;
                break;
            default: {
                int dest = icrHigh >>> 24;
                boolean logical = (icrLow & (1 << 11)) != 0;
                toSelf = logical ? ((ldr >>> 24) & dest) != 0 : dest == id || dest == 0xFF;
                break;
            }
        }
        int vector = icrLow & 0xFF;
        if (vector < 16) {
            signalError(ESR_SEND_ILLEGAL_VECTOR);
            return;
        }
        if (toSelf) {
            requestInterrupt(vector);
        }
    }

    private void signalError(int bit) {
        boolean fresh = (pendingErrors & bit) == 0;
        pendingErrors |= bit;
        int vector = lvtError & 0xFF;
        // An error LVT with an illegal vector would recurse; such an error is only recorded.
        if (fresh && (lvtError & LVT_MASKED) == 0 && vector >= 16) {
            irr.set(vector);
            recompute();
        }
    }

    private void recompute() {
        int v = irr.highest();
        if (v < 0 || !globallyEnabled || (svr & SVR_ENABLE) == 0 || (v & 0xF0) <= (ppr() & 0xF0)) {
            deliverable = -1;
        } else {
            deliverable = v;
        }
    }
}
