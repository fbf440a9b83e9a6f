package org.hvsim.cli;

import org.hvsim.core.cpu.CpuModel;
import org.hvsim.core.cpu.PresetException;
import org.hvsim.core.cpu.PresetLoader;
import org.hvsim.core.platform.PlatformConfig;
import org.hvsim.mmu.MmuConfig;

/**
 * What {@code hvsim boot --cpu PRESET} configures: the CPU model of a preset (CPUID identity and
 * clock, from {@link PresetLoader}: a built-in name or a preset file), the platform clocked at the
 * model's frequency, and the memory system. The presets do not describe the memory system yet,
 * so every preset uses {@link MmuConfig#skylake()}.
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
        return new Preset(model, MmuConfig.skylake(), PlatformConfig.defaults().withCpuFrequencyHz(model.frequencyHz()));
    }
}
