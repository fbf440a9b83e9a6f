package org.hvsim.core.cpu;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The identity of a processor model as software sees it through CPUID, and its nominal clock.
 * Built from a preset file by {@link PresetLoader}, together with the microarchitecture
 * parameters the timing models and the memory system read.
 *
 * @param name         preset name, e.g. {@code "skylake"}
 * @param description  what the preset represents
 * @param vendor       12-character vendor string ("GenuineIntel", "AuthenticAMD")
 * @param family       display family (e.g. 6, 15, 0x19)
 * @param model        display model (e.g. 0x5E)
 * @param stepping     stepping ID
 * @param brand        brand string (CPUID 0x80000002-4), at most 48 characters
 * @param frequencyHz  nominal core clock: the rate of the TSC and of simulated cycles
 * @param features     CPUID features of the real processor
 * @param costs        cycles of microcoded system operations
 * @param microarchitecture pipeline, execution, branch-prediction and memory-hierarchy parameters
 */
public record CpuModel(String name, String description, String vendor, int family, int model, int stepping,
                       String brand, long frequencyHz, Set<CpuFeature> features, MicrocodeCosts costs,
                       Microarchitecture microarchitecture) {
    public CpuModel {
        if (vendor.length() != 12) {
            throw new IllegalArgumentException("vendor string must have 12 characters: \"" + vendor + "\"");
        }
        if (brand.length() > 47) {
            throw new IllegalArgumentException("brand string longer than 47 characters: \"" + brand + "\"");
        }
        if (family < 0 || family > 0xFF + 0xF || model < 0 || model > 0xFF || stepping < 0 || stepping > 0xF) {
            throw new IllegalArgumentException("family/model/stepping out of range");
        }
        if (frequencyHz <= 0) {
            throw new IllegalArgumentException("frequency must be positive");
        }
        features = Collections.unmodifiableSet(features.isEmpty() ? EnumSet.noneOf(CpuFeature.class) : EnumSet.copyOf(features));
    }

    /**
     * CPUID.1:EAX: stepping, model, family, extended model and extended family encoded as the
     * SDM describes (Figure 3-6): families above 0xF use the extended family field, and families
     * 6 and 0xF carry model bits 7:4 in the extended model field.
     */
    public int signature() {
        int baseFamily = Math.min(family, 0xF);
        int extendedFamily = family > 0xF ? family - 0xF : 0;
        int baseModel = model & 0xF;
        int extendedModel = (baseFamily == 0x6 || baseFamily == 0xF) ? (model >>> 4) & 0xF : 0;
        return stepping | (baseModel << 4) | (baseFamily << 8) | (extendedModel << 16) | (extendedFamily << 20);
    }

    /**
     * The simulator-mmu configuration of this preset's caches, TLBs and paging-structure caches
     * (see {@link PresetMmuConfig} for what is rounded to fit the MMU model).
     */
    public org.hvsim.mmu.MmuConfig mmuConfig() {
        return PresetMmuConfig.of(this);
    }

    /** Whether CPUID reports {@code f}: the processor has it and hvsim implements it. */
    public boolean reports(CpuFeature f) {
        return f.implemented() && features.contains(f);
    }
}
