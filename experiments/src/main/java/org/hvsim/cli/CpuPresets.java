package org.hvsim.cli;

import org.hvsim.core.cpu.CpuModel;
import org.hvsim.core.cpu.PresetException;
import org.hvsim.core.cpu.PresetLoader;
import org.hvsim.core.platform.PlatformConfig;
import org.hvsim.mmu.MmuConfig;

/**
 * What {@code --cpu PRESET} configures: the CPU model of a preset (CPUID identity, clock,
 * microcode costs and microarchitecture, from {@link PresetLoader}: a built-in name or a preset
 * file), the platform clocked at the model's frequency, and the memory system (caches, TLBs and
 * paging-structure caches) built from the preset.
 */
final class CpuPresets {
    static final String DEFAULT = PresetLoader.DEFAULT;

    /** The pieces a booted machine is built from. */
    record Preset(CpuModel model, MmuConfig mmu, PlatformConfig platform) {
    }

    private CpuPresets() {
    }

    /** The preset called {@code nameOrPath}; a usage error naming the known presets otherwise. */
    static Preset resolve(String nameOrPath) {
        CpuModel model;
        try {
            model = PresetLoader.load(nameOrPath);
        } catch (PresetException e) {
            throw new CliException(ExitCodes.USAGE, ProgramFiles.oneLine(e.getMessage()));
        }
        return new Preset(model, model.mmuConfig(), PlatformConfig.defaults().withCpuFrequencyHz(model.frequencyHz()));
    }
}
