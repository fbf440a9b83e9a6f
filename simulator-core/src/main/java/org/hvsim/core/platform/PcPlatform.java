package org.hvsim.core.platform;

import java.io.InputStream;
import java.io.OutputStream;
import org.hvsim.core.platform.apic.LocalApic;
import org.hvsim.core.platform.ata.AtaChannel;
import org.hvsim.core.platform.ata.BlockStorage;
import org.hvsim.core.platform.pic.CascadedPic;
import org.hvsim.core.platform.pit.Pit8254;
import org.hvsim.core.platform.pit.SystemControlPortB;
import org.hvsim.core.platform.uart.SerialInput;
import org.hvsim.core.platform.uart.Uart16550;

/**
 * The standard PC device layout of the hvsim guest (docs/devices.md, boot protocol section 5),
 * assembled from a {@link PlatformConfig}. The system-mode engine uses it as follows:
 * <ul>
 *   <li>IN/OUT/INS/OUTS: {@link #ioBus()}.</li>
 *   <li>Physical accesses: if {@code mmioBus().isMmio(pa)}, {@link #mmioBus()} read/write
 *       instead of RAM (and never cache the translation).</li>
 *   <li>Instruction boundaries with IF = 1: {@link #interruptController()}.</li>
 *   <li>MOV to/from CR8: {@code localApic().writeCr8/readCr8}; IA32_APIC_BASE bit 11:
 *       {@code localApic().setGloballyEnabled}.</li>
 *   <li>Time: {@code scheduler().runDue(cycle)} when the cycle count reaches
 *       {@code scheduler().nextEventCycle()} and before each device access; HLT may skip
 *       straight to {@code nextEventCycle()}.</li>
 *   <li>Stop: poll {@link #exitRequested()} (isa-debug-exit); {@link #flushConsole()} at the
 *       end of a run.</li>
 * </ul>
 * Power-on state: no firmware runs, so the PIC is uninitialised (vector base 0, nothing
 * masked) and the PIT idle; under QEMU, SeaBIOS leaves the PIC at 08h/70h and PIT counter 0
 * at 18.2 Hz. The guest must program both (or mask the PIC) before enabling interrupts.
 */
public final class PcPlatform {
    public static final int COM1 = Uart16550.COM1_BASE;

    private final PlatformConfig config;
    private final SimulatedTime time = new SimulatedTime();
    private final IoBus ioBus = new IoBus();
    private final MmioBus mmioBus = new MmioBus();
    private final CascadedPic pic = new CascadedPic();
    private final LocalApic localApic;
    private final PlatformInterrupts interrupts;
    private final Pit8254 pit;
    private final SystemControlPortB portB;
    private final Uart16550 uart;
    private final PostCodePort postCodes = new PostCodePort();
    private final DebugExitDevice debugExit = new DebugExitDevice();
    private final AtaChannel ata;

    public PcPlatform(PlatformConfig config, OutputStream console) {
        this.config = config;
        this.localApic = new LocalApic(config, time);
        this.interrupts = new PlatformInterrupts(localApic, pic);
        this.pit = new Pit8254(config, time, pic.irqLine(Pit8254.IRQ));
        this.portB = new SystemControlPortB(pit, time);
        this.uart = new Uart16550(COM1, config, time, pic.irqLine(Uart16550.COM1_IRQ), console);
        this.ata = new AtaChannel(config, time, pic.irqLine(AtaChannel.IRQ));

        ioBus.register(CascadedPic.MASTER_COMMAND, 2, pic);
        ioBus.register(CascadedPic.SLAVE_COMMAND, 2, pic);
        ioBus.register(Pit8254.BASE, 4, pit);
        ioBus.register(SystemControlPortB.PORT, 1, portB);
        ioBus.register(PostCodePort.PORT, 1, postCodes);
        ioBus.register(DebugExitDevice.DEFAULT_PORT, DebugExitDevice.DEFAULT_SIZE, debugExit);
        ioBus.register(AtaChannel.COMMAND_BLOCK, 8, ata);
        ioBus.register(AtaChannel.CONTROL_BLOCK, 1, ata);
        ioBus.register(COM1, Uart16550.PORT_COUNT, uart);
        mmioBus.register(LocalApic.DEFAULT_BASE, LocalApic.SIZE, localApic);
    }

    public PlatformConfig config() {
        return config;
    }

    public IoBus ioBus() {
        return ioBus;
    }

    public MmioBus mmioBus() {
        return mmioBus;
    }

    /** Local APIC first, then the PIC through LINT0 (see {@link PlatformInterrupts}). */
    public InterruptController interruptController() {
        return interrupts;
    }

    public SimulatedTime scheduler() {
        return time;
    }

    public LocalApic localApic() {
        return localApic;
    }

    public CascadedPic pic() {
        return pic;
    }

    public Pit8254 pit() {
        return pit;
    }

    public Uart16550 uart() {
        return uart;
    }

    public AtaChannel ata() {
        return ata;
    }

    public PostCodePort postCodes() {
        return postCodes;
    }

    public DebugExitDevice debugExit() {
        return debugExit;
    }

    /** Attaches the disk image as primary master ({@code null} detaches). */
    public void attachDisk(BlockStorage disk) {
        ata.attach(disk);
    }

    public boolean diskAttached() {
        return ata.diskAttached();
    }

    /** Feeds host input to COM1's receiver without blocking (interactive, not deterministic). */
    public void attachConsoleInput(InputStream in) {
        uart.attachInput(SerialInput.nonBlocking(in));
    }

    /** Feeds a fixed script to COM1's receiver (deterministic). */
    public void attachConsoleInput(SerialInput source) {
        uart.attachInput(source);
    }

    public boolean exitRequested() {
        return debugExit.exitRequested();
    }

    /** {@code (v << 1) | 1} for the value v the guest wrote to port 0xF4. */
    public int exitStatus() {
        return debugExit.exitStatus();
    }

    public void flushConsole() {
        uart.flush();
    }
}
