package org.hvsim.core.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.hvsim.core.cpu.PresetLoader;
import org.hvsim.core.platform.PcPlatform;
import org.hvsim.core.platform.PlatformConfig;
import org.hvsim.core.timing.CycleAccount;
import org.hvsim.core.timing.MemoryTiming;
import org.hvsim.core.timing.TimingModel;
import org.hvsim.core.timing.TimingModels;
import org.hvsim.core.user.ElfImage;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PhysicalMemory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Switching a running machine between the functional core and a timing model. */
class TimedMachineTest {
    private static Path kernel;

    @BeforeAll
    static void build() throws Exception {
        KernelHarness.requireToolchain();
        kernel = KernelHarness.build("interrupts");
    }

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private SystemMachine boot() throws Exception {
        PcPlatform platform = new PcPlatform(PlatformConfig.defaults(), console);
        SystemMachine m = new SystemMachine(new PhysicalMemory(), platform, MmuConfig.skylake());
        BootLoader.boot(m, ElfImage.read(kernel), 128L << 20, "", false);
        return m;
    }

    @Test
    void simulatedTimeContinuesAcrossTheSwitchToATimingModel() throws Exception {
        SystemMachine m = boot();
        m.run(2_000);
        long before = m.cycles();
        assertThat(before).isGreaterThanOrEqualTo(2_000);
        TimingModel model = TimingModels.create("ooo", PresetLoader.defaultModel(), new MemoryTiming(m.system().mmu()));
        m.setTimingModel(model);
        assertThat(m.cycles()).as("no jump at the switch").isEqualTo(before);
        m.run(2_000);
        assertThat(m.cycles()).isGreaterThan(before);
        assertThat(m.cycles() - before).as("the timed part is the model's cycles").isEqualTo(model.cycles());
        assertThat(model.cpiStack().total()).isEqualTo(model.cycles());
    }

    @Test
    void interruptDeliveriesLandInTheExceptionAccount() throws Exception {
        SystemMachine m = boot();
        TimingModel model = TimingModels.create("inorder", PresetLoader.defaultModel(), new MemoryTiming(m.system().mmu()));
        m.setTimingModel(model);
        MachineResult r = m.run(5_000_000);
        assertThat(r.reason()).isEqualTo(MachineResult.Reason.EXIT_DEVICE);
        assertThat(console.toString()).contains("DONE").doesNotContain("FAIL");
        // The interrupts kernel takes timer interrupts: their delivery costs are charged outside
        // any instruction and must reach the model. (Its STI;HLT wakes on an interrupt that is
        // already pending, so no idle time passes - in the functional core either.)
        assertThat(model.cpiStack().cycles(CycleAccount.EXCEPTION)).isPositive();
        assertThat(model.cpiStack().total()).isEqualTo(model.cycles());
    }
}
