package org.hvsim.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in CPU presets, the preset file format and CPUID answers derived from a preset. */
class PresetTest {

    static java.util.List<String> builtIn() {
        return PresetLoader.BUILT_IN;
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void everyBuiltInPresetLoadsAndNamesItself(String name) throws PresetException {
        CpuModel m = PresetLoader.load(name);
        assertThat(m.name()).isEqualTo(name);
        assertThat(m.features()).contains(CpuFeature.LONG_MODE, CpuFeature.NX, CpuFeature.SYSCALL);
    }

    /** CPUID.1:EAX signatures as published in each part's specification update. */
    @ParameterizedTest
    @CsvSource({"prescott,0x00000F43", "merom,0x000006F6", "penryn,0x0001067A", "nehalem,0x000106A5",
        "westmere,0x000206C2", "sandybridge,0x000206A7", "haswell,0x000306C3", "skylake,0x000506E3",
        "sapphirerapids,0x000806F8", "zen4,0x00A60F12"})
    void signatureEncodesFamilyModelStepping(String name, String signature) throws PresetException {
        assertThat(PresetLoader.load(name).signature()).isEqualTo(Integer.decode(signature));
    }

    @Test
    void cpuidReportsVendorBrandAndOnlyImplementedFeatures() throws PresetException {
        Cpuid cpuid = new Cpuid(PresetLoader.load("skylake"));
        int[] r = new int[4];
        cpuid.query(0, 0, r);
        assertThat(ascii(r[1]) + ascii(r[3]) + ascii(r[2])).isEqualTo("GenuineIntel");
        cpuid.query(1, 0, r);
        assertThat(r[0]).isEqualTo(0x506E3);
        assertThat(r[2] & (1 << 5)).as("VMX is masked: hvsim does not model VMX operation yet").isZero();
        assertThat(r[2] & (1 << 23)).as("POPCNT").isNotZero();
        assertThat(r[3] & (1 << 25)).as("SSE is masked: not executed").isZero();
        assertThat(r[3] & (1 << 4)).as("TSC").isNotZero();
        cpuid.query(7, 0, r);
        assertThat(r[1] & (1 << 7)).as("SMEP").isNotZero();
        assertThat(r[1] & (1 << 5)).as("AVX2 masked").isZero();
        StringBuilder brand = new StringBuilder();
        for (int leaf = 0x8000_0002; leaf <= 0x8000_0004; leaf++) {
            cpuid.query(leaf, 0, r);
            for (int x : r) {
                brand.append(ascii(x));
            }
        }
        assertThat(brand.toString().trim()).startsWith("Intel(R) Core(TM) i7-6700 CPU @ 3.40GHz");
    }

    @ParameterizedTest
    @CsvSource({"skylake,39", "prescott,36", "sapphirerapids,46", "zen4,48"})
    void addressSizesLeafReportsThePresetsMaxPhysicalAddressBits(String name, int bits) throws PresetException {
        CpuModel m = PresetLoader.load(name);
        int[] r = new int[4];
        new Cpuid(m).query(0x8000_0008, 0, r);
        assertThat(r[0] & 0xFF).isEqualTo(bits).isEqualTo(m.mmuConfig().maxPhysicalAddressBits());
        assertThat((r[0] >>> 8) & 0xFF).isEqualTo(48);
    }

    @Test
    void amdPresetReportsSvmFlagOnlyWhenImplemented() throws PresetException {
        CpuModel zen = PresetLoader.load("zen4");
        assertThat(zen.features()).contains(CpuFeature.SVM).doesNotContain(CpuFeature.VMX);
        assertThat(zen.reports(CpuFeature.SVM)).isFalse();
        assertThat(zen.reports(CpuFeature.LZCNT)).isTrue();
    }

    @Test
    void userCopyOfAPresetCanChangeValues(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of(getClass().getResource("/cpu/skylake.yaml").toURI()))
                .replace("value: 3400000000", "value: 2000000000").replace("name: skylake", "name: slow-skylake");
        Path copy = dir.resolve("slow.yaml");
        Files.writeString(copy, text);
        CpuModel m = PresetLoader.load(copy.toString());
        assertThat(m.name()).isEqualTo("slow-skylake");
        assertThat(m.frequencyHz()).isEqualTo(2_000_000_000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "name: x|missing key 'description'",
        "[1, 2]|must be a mapping",
        "name: [unclosed|malformed YAML"})
    void brokenPresetsGiveOneLineErrors(String yaml, String expected) {
        assertBroken(yaml, expected);
    }

    /** Edits of a valid preset, each breaking one rule. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "model: 0x5E|model: 999|'identity.model' = 999 is outside 0..255",
        "features: [tsc,|features: [warp_drive, tsc,|unknown CPU feature 'warp_drive'",
        "name: skylake|name: skylake/colour: red|unknown key 'colour'",
        "vendor: GenuineIntel|vendor: Intel|vendor string must have 12 characters",
        "cpuid: {value: 40|cpuid: {value: -40|'costs.cpuid.value' = -40 is outside",
        "  iret: |  iretq: |missing key 'costs.iret'",
        "value: 3400000000|value: 3.4e9|'frequency.value' must be an integer"})
    void brokenEditsOfAPresetGiveOneLineErrors(String find, String replace, String expected) throws Exception {
        String text = Files.readString(Path.of(getClass().getResource("/cpu/skylake.yaml").toURI()));
        assertThat(text).contains(find);
        assertBroken(text.replace(find, replace.replace("/", "\n")), expected);
    }

    private static void assertBroken(String yaml, String expected) {
        assertThatThrownBy(() -> PresetLoader.parse(yaml, "broken.yaml"))
                .isInstanceOf(PresetException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void prescottCostsReproduceAdamsAndAgesenPortLatency() throws PresetException {
        CpuModel p = PresetLoader.load("prescott");
        // 0.845 us at 3.8 GHz: the 3209 cycles of the native 'in' nanobenchmark, less loop overhead.
        assertThat(p.costs().ioPortCycles(p.frequencyHz())).isEqualTo(3211);
        assertThat(p.costs().movToCr8()).isEqualTo(140);
    }

    @Test
    void unknownPresetNameListsTheBuiltInOnes() {
        assertThatThrownBy(() -> PresetLoader.load("pentium-pro"))
                .isInstanceOf(PresetException.class)
                .hasMessageContaining("unknown CPU preset 'pentium-pro'")
                .hasMessageContaining("skylake");
    }

    private static String ascii(int v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            char c = (char) ((v >>> (8 * i)) & 0xFF);
            if (c != 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
