package org.hvsim.core.platform;

import org.hvsim.core.platform.apic.LocalApic;
import org.hvsim.core.platform.pic.CascadedPic;

/**
 * What the CPU sees at an instruction boundary: the local APIC's fixed interrupts first, then
 * the 8259A pair through LINT0. This is the PC's virtual-wire mode (QEMU routes the PIC output
 * to LINT0 configured as ExtINT; when the APIC is globally disabled the PIC drives INTR
 * directly). An ExtINT interrupt takes its vector from the PIC's INTA cycle and bypasses the
 * APIC's IRR, ISR and TPR, so it needs no APIC EOI — the guest ends it at the PIC.
 */
public final class PlatformInterrupts implements InterruptController {
    private final LocalApic apic;
    private final CascadedPic pic;

    public PlatformInterrupts(LocalApic apic, CascadedPic pic) {
        this.apic = apic;
        this.pic = pic;
    }

    @Override
    public boolean hasPendingInterrupt() {
        return apic.hasPendingInterrupt() || pic.hasPendingInterrupt() && apic.acceptsExternalInterrupts();
    }

    @Override
    public int acknowledge() {
        if (apic.hasPendingInterrupt()) {
            return apic.acknowledge();
        }
        if (apic.acceptsExternalInterrupts() && pic.hasPendingInterrupt()) {
            return pic.acknowledge();
        }
        return apic.acknowledge(); // nothing pending: the APIC's spurious vector
    }
}
