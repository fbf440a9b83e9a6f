package org.hvsim.core.system;

import org.hvsim.core.CpuState;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.semantics.Binder;
import org.hvsim.core.mem.LinearMemory;
import org.hvsim.core.mem.MmioSpace;
import org.hvsim.core.platform.PcPlatform;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PhysicalMemory;

/**
 * A whole simulated PC in system mode: one processor with full CPL 0-3 semantics and paging
 * through the modelled MMU, plus the platform devices. It runs the processor in slices that end
 * at the next device event, delivers exceptions (with the double-fault and triple-fault rules of
 * Intel SDM Vol. 3A 6.15, Table 6-5) and external interrupts at instruction boundaries, and lets
 * a halted processor sleep until the next event.
 *
 * <p>Simulated time is in CPU cycles. The functional core retires one instruction per cycle; a
 * halted processor lets cycles pass without instructions. (The timing models of a later issue
 * replace the one-cycle rule.)
 */
public final class SystemMachine {
    private final PhysicalMemory physical;
    private final PcPlatform platform;
    private final Interpreter cpu;
    private final SystemCpu system;
    /** Cycles that passed without instructions (HLT). */
    private long idleCycles;

    /** A machine with the default CPU model ({@link org.hvsim.core.cpu.PresetLoader#DEFAULT}). */
    public SystemMachine(PhysicalMemory physical, PcPlatform platform, MmuConfig mmuConfig) {
        this(physical, platform, mmuConfig, org.hvsim.core.cpu.PresetLoader.defaultModel());
    }

    /**
     * @param model what CPUID reports; build the platform with {@code PlatformConfig.withCpuFrequencyHz(
     *              model.frequencyHz())} so simulated time runs at the model's clock
     */
    public SystemMachine(PhysicalMemory physical, PcPlatform platform, MmuConfig mmuConfig,
                         org.hvsim.core.cpu.CpuModel model) {
        this.physical = physical;
        this.platform = platform;
        Mmu mmu = new Mmu(mmuConfig, physical);
        LinearMemory memory = new LinearMemory(physical, (la, access) -> la);
        this.cpu = new Interpreter(new CpuState(), memory);
        this.system = new SystemCpu(cpu, mmu, new PlatformDevices(), model);
        cpu.setBinder(new Binder(system));
        memory.setMmio(new PlatformMmio());
        platform.debugExit().setListener(cpu::requestAttention);
    }

    public Interpreter cpu() {
        return cpu;
    }

    public SystemCpu system() {
        return system;
    }

    public PhysicalMemory physical() {
        return physical;
    }

    public PcPlatform platform() {
        return platform;
    }

    /** The timing model, or null for the functional core's one cycle per instruction. */
    private org.hvsim.core.timing.TimingModel timing;

    /**
     * Runs the processor under a timing model from now on (null: functional). Simulated time,
     * the TSC and device timers then follow the model's cycles.
     */
    public void setTimingModel(org.hvsim.core.timing.TimingModel model) {
        // Time goes on from where it is: the model's cycles count from this point.
        long now = cycles();
        this.timing = model;
        this.timingBase = model == null ? 0 : now - model.cycles();
        if (model == null) {
            idleCycles = now - cpu.retiredInstructions() - cpu.chargedCycles();
        }
    }

    /** Simulated time when the timing model took over, minus the model's cycles at that point. */
    private long timingBase;

    public org.hvsim.core.timing.TimingModel timingModel() {
        return timing;
    }

    /**
     * Simulated time. Functional: one cycle per retired instruction plus microcode costs and
     * idle cycles. Timed: the timing model's cycles (which include all of those).
     */
    public long cycles() {
        if (timing != null) {
            return timingBase + timing.cycles();
        }
        return cpu.retiredInstructions() + cpu.chargedCycles() + idleCycles;
    }

    /** Gives the timing model the microcode cycles charged outside any instruction (deliveries). */
    private void accountCharges(long chargedBefore, org.hvsim.core.timing.CycleAccount account) {
        long delta = cpu.chargedCycles() - chargedBefore;
        if (timing != null && delta > 0) {
            timing.stall(account, delta);
        }
    }

    /**
     * Runs until the guest requests power-off through the exit device, the processor shuts down
     * (triple fault), halts for good, or {@code maxInstructions} retire.
     */
    public MachineResult run(long maxInstructions) {
        long start = cpu.retiredInstructions();
        try {
            while (true) {
                platform.scheduler().runDue(cycles());
                if (platform.exitRequested()) {
                    return result(MachineResult.Reason.EXIT_DEVICE, start, null);
                }
                long left = maxInstructions - (cpu.retiredInstructions() - start);
                if (left <= 0) {
                    return result(MachineResult.Reason.INSTRUCTION_LIMIT, start, null);
                }
                long chargedBefore = cpu.chargedCycles();
                String shutdown = deliverPendingInterrupt();
                accountCharges(chargedBefore, org.hvsim.core.timing.CycleAccount.EXCEPTION);
                if (shutdown != null) {
                    return result(MachineResult.Reason.TRIPLE_FAULT, start, shutdown);
                }
                if (system.halted()) {
                    if (!sleepUntilNextEvent()) {
                        return result(MachineResult.Reason.HALTED_FOREVER, start,
                                "the processor halted with interrupts disabled or nothing left to wake it");
                    }
                    continue;
                }
                long untilEvent = platform.scheduler().nextEventCycle() - cycles();
                long slice = Math.max(1, Math.min(left, untilEvent));
                if (system.inInterruptShadow()) {
                    // STI / MOV SS shadow: run just the shadowed instruction, so that a pending
                    // interrupt is taken right after it (SDM Vol. 3A 6.8.3) rather than at the
                    // next device event, which may be much later.
                    slice = 1;
                }
                RunResult r;
                if (timing == null) {
                    // Microcode costs count too: stop early if they reach the next event.
                    cpu.setChargeAllowance(Math.max(1, untilEvent));
                    r = cpu.run(slice);
                } else {
                    long next = platform.scheduler().nextEventCycle();
                    long deadline = next == Long.MAX_VALUE ? Long.MAX_VALUE : next - timingBase;
                    r = cpu.runTimed(system.inInterruptShadow() ? 1 : left, timing, deadline);
                }
                switch (r.reason()) {
                    case GUEST_FAULT: {
                        long before = cpu.chargedCycles();
                        String tripleFault = deliverException(r.fault(), r.faultRip());
                        accountCharges(before, org.hvsim.core.timing.CycleAccount.EXCEPTION);
                        if (tripleFault != null) {
                            return result(MachineResult.Reason.TRIPLE_FAULT, start, tripleFault);
                        }
                        break;
                    }
                    case STOP_REQUESTED:
                        return result(MachineResult.Reason.STOPPED, start, r.message());
                    default:
                        break; // budget slice ended or attention requested: loop and look around
                }
            }
        } finally {
            platform.flushConsole();
        }
    }

    private MachineResult result(MachineResult.Reason reason, long start, String message) {
        return new MachineResult(reason, cpu.retiredInstructions() - start, cycles(),
                platform.exitRequested() ? platform.exitStatus() : 0, message);
    }

    /**
     * Takes a pending external interrupt if RFLAGS.IF = 1 and no interrupt shadow is open;
     * returns a shutdown diagnostic if delivering it triple-faults, else null.
     */
    private String deliverPendingInterrupt() {
        if (!system.interruptsEnabled() || system.inInterruptShadow()
                || !platform.interruptController().hasPendingInterrupt()) {
            return null;
        }
        int vector = platform.interruptController().acknowledge();
        return deliverEvent(vector, false, 0, cpu.state.rip, false);
    }

    /** Advances time to the next event while halted; false if nothing can ever wake the processor. */
    private boolean sleepUntilNextEvent() {
        long next = platform.scheduler().nextEventCycle();
        if (next == Long.MAX_VALUE || !system.interruptsEnabled()) {
            return false;
        }
        long now = cycles();
        if (next > now) {
            if (timing != null) {
                timing.stall(org.hvsim.core.timing.CycleAccount.IDLE, next - now);
            } else {
                idleCycles += next - now;
            }
        }
        platform.scheduler().runDue(cycles());
        if (platform.interruptController().hasPendingInterrupt()) {
            system.wake();
        }
        return true;
    }

    /** Delivers a fault; returns a shutdown diagnostic for a triple fault, else null. */
    private String deliverException(GuestFault fault, long rip) {
        ExceptionVector v = fault.vector();
        if (v == ExceptionVector.PF) {
            system.sys.cr2 = fault.faultAddress();
        }
        // Faults push the address of the faulting instruction, so the handler can restart it.
        return deliverEvent(v.number(), v.hasErrorCode(), fault.errorCode(), rip, true);
    }

    /**
     * Delivers an event; a fault during delivery becomes #DF or, during #DF delivery, a triple
     * fault (SDM Vol. 3A Table 6-5). Returns a diagnostic line for a triple fault, else null.
     */
    private String deliverEvent(int vector, boolean hasError, int error, long rip, boolean exception) {
        try {
            system.deliver(vector, hasError, error, false, rip);
            return null;
        } catch (GuestFault second) {
            if (vector == ExceptionVector.DF.number()) {
                return tripleFault(vector, second);
            }
            if (!exception || !escalatesToDoubleFault(vector, second.vector())) {
                if (second.vector() == ExceptionVector.PF) {
                    system.sys.cr2 = second.faultAddress();
                }
                return deliverEvent(second.vector().number(), second.vector().hasErrorCode(),
                        second.errorCode(), rip, true);
            }
            try {
                system.deliver(ExceptionVector.DF.number(), true, 0, false, rip);
                return null;
            } catch (GuestFault third) {
                return tripleFault(ExceptionVector.DF.number(), third);
            }
        }
    }

    private static boolean contributory(ExceptionVector v) {
        return v == ExceptionVector.DE || v == ExceptionVector.TS || v == ExceptionVector.NP
                || v == ExceptionVector.SS || v == ExceptionVector.GP;
    }

    /** SDM Vol. 3A Table 6-5: which first/second exception pairs make a double fault. */
    private static boolean escalatesToDoubleFault(int first, ExceptionVector second) {
        boolean firstContributory = first == 0 || (first >= 10 && first <= 13);
        boolean firstPageFault = first == ExceptionVector.PF.number();
        boolean secondPageFault = second == ExceptionVector.PF;
        return (firstContributory && contributory(second)) || (firstPageFault && (contributory(second) || secondPageFault));
    }

    private String tripleFault(int vector, GuestFault cause) {
        CpuState s = cpu.state;
        return String.format("triple fault: %s while delivering vector %d; rip=0x%x rsp=0x%x cr2=0x%x cr3=0x%x cpl=%d",
                cause.getMessage(), vector, s.rip, s.gpr[org.hvsim.core.Registers.RSP], system.sys.cr2,
                system.sys.cr3, system.cpl());
    }

    /** The platform as the processor sees it, with device time brought up to the instruction. */
    private final class PlatformDevices implements SystemDevices {
        private void sync() {
            platform.scheduler().runDue(cycles());
        }

        @Override
        public long cycles() {
            return SystemMachine.this.cycles();
        }

        @Override
        public int in(int port, int size) {
            sync();
            return platform.ioBus().in(port, size);
        }

        @Override
        public void out(int port, int size, int value) {
            sync();
            platform.ioBus().out(port, size, value);
        }

        @Override
        public long readCr8() {
            return platform.localApic().readCr8();
        }

        @Override
        public void writeCr8(long value) {
            platform.localApic().writeCr8(value);
        }

        private long apicBaseMsr = org.hvsim.core.platform.apic.LocalApic.DEFAULT_BASE | (1L << 11) | (1L << 8);

        @Override
        public long apicBase() {
            return apicBaseMsr;
        }

        @Override
        public void setApicBase(long value) {
            if ((value & ~0xFFFL) != org.hvsim.core.platform.apic.LocalApic.DEFAULT_BASE) {
                throw SystemCpu.gp(0); // relocating the APIC is not modelled
            }
            apicBaseMsr = value;
            platform.localApic().setGloballyEnabled((value & (1L << 11)) != 0);
        }

        @Override
        public boolean hasPendingInterrupt() {
            return platform.interruptController().hasPendingInterrupt();
        }

        @Override
        public int acknowledgeInterrupt() {
            return platform.interruptController().acknowledge();
        }
    }

    /** Physical addresses of memory-mapped devices (the local APIC). */
    private final class PlatformMmio implements MmioSpace {
        @Override
        public boolean isMmio(long physicalAddress) {
            return platform.mmioBus().isMmio(physicalAddress);
        }

        @Override
        public long read(long physicalAddress, int size) {
            platform.scheduler().runDue(cycles());
            return platform.mmioBus().read(physicalAddress, size);
        }

        @Override
        public void write(long physicalAddress, int size, long value) {
            platform.scheduler().runDue(cycles());
            platform.mmioBus().write(physicalAddress, size, value);
            cpu.requestAttention(); // e.g. an EOI or TPR write may unmask an interrupt
        }
    }
}
