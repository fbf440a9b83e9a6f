package org.hvsim.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hvsim.core.cpu.Microarchitecture.Cache;
import org.hvsim.core.cpu.Microarchitecture.Memory;
import org.hvsim.core.cpu.Microarchitecture.PageSize;
import org.hvsim.core.cpu.Microarchitecture.Pipeline;
import org.hvsim.core.cpu.Microarchitecture.PredictorKind;
import org.hvsim.core.cpu.Microarchitecture.Tlb;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.cache.CacheConfig;
import org.hvsim.mmu.cache.ReplacementKind;
import org.hvsim.mmu.tlb.TlbConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The microarchitecture section of the presets and the MmuConfig built from it. */
class MicroarchitectureTest {

    static java.util.List<String> builtIn() {
        return PresetLoader.BUILT_IN;
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void everyPresetHasASaneMicroarchitecture(String name) throws PresetException {
        CpuModel cpu = PresetLoader.load(name);
        Microarchitecture u = cpu.microarchitecture();
        Pipeline p = u.pipeline();
        assertThat(p.dispatchWidth()).isLessThanOrEqualTo(p.robEntries());
        assertThat(p.schedulerEntries()).isLessThanOrEqualTo(p.robEntries());
        assertThat(p.retireWidth()).isGreaterThanOrEqualTo(p.dispatchWidth());
        assertThat(p.pipelineDepth()).isLessThanOrEqualTo(p.mispredictPenalty());
        assertThat(p.loadQueue()).isLessThanOrEqualTo(p.robEntries());
        assertThat(p.storeQueue()).isLessThanOrEqualTo(p.robEntries());
        Microarchitecture.Execution e = u.execution();
        assertThat(e.aluLatency()).isEqualTo(1);
        assertThat(e.imulLatency()).isGreaterThan(e.aluLatency());
        assertThat(e.idiv64Latency()).isGreaterThanOrEqualTo(e.idiv32Latency()).isGreaterThan(e.imulLatency());
        assertThat(e.aluPorts()).isLessThanOrEqualTo(p.dispatchWidth());

        Memory m = u.memory();
        assertThat(m.l1d().sizeBytes()).isLessThan(m.l2().sizeBytes());
        assertThat(m.l1d().latency()).isLessThan(m.l2().latency());
        assertThat(m.l1d().latency()).isEqualTo(e.loadToUseLatency());
        if (m.llc().present()) {
            assertThat(m.l2().sizeBytes()).isLessThan(m.llc().sizeBytes());
            assertThat(m.l2().latency()).isLessThan(m.llc().latency());
        }
        assertThat(m.dramLatencyCycles(cpu.frequencyHz())).isGreaterThan(m.lastLevel().latency() + 50);
        for (Cache c : new Cache[] {m.l1i(), m.l1d(), m.l2()}) {
            assertThat(c.lineBytes()).isEqualTo(64);
            assertThat(c.sets() * c.ways() * c.lineBytes()).isEqualTo(c.sizeBytes());
        }
        assertThat(m.tlbs().dtlb4k().present()).isTrue();
        assertThat(m.tlbs().itlb4k().present()).isTrue();
        if (m.tlbs().stlb().present()) {
            assertThat(m.tlbs().stlb().entries()).isGreaterThan(m.tlbs().dtlb4k().entries());
            assertThat(m.tlbs().stlbPageSizes()).contains(PageSize.SIZE_4K);
        }

        MmuConfig mmu = cpu.mmuConfig();
        assertThat(mmu.caches().l1d().hitLatency()).isEqualTo(m.l1d().latency());
        assertThat(mmu.caches().l2().hitLatency()).isEqualTo(m.l2().latency());
        assertThat(mmu.caches().l1d().sizeBytes()).isLessThanOrEqualTo((int) m.l1d().sizeBytes());
        assertThat(mmu.maxPhysicalAddressBits()).isEqualTo(m.maxPhysicalAddressBits());
    }

    /** The skylake preset reproduces the documented Skylake numbers and the MMU's skylake default. */
    @Test
    void skylakeMatchesTheDocumentedValuesAndMmuDefault() throws PresetException {
        CpuModel cpu = PresetLoader.load("skylake");
        Microarchitecture u = cpu.microarchitecture();
        assertThat(u.pipeline().robEntries()).isEqualTo(224);
        assertThat(u.pipeline().schedulerEntries()).isEqualTo(97);
        assertThat(u.pipeline().loadQueue()).isEqualTo(72);
        assertThat(u.pipeline().storeQueue()).isEqualTo(56);
        assertThat(u.pipeline().dispatchWidth()).isEqualTo(4);
        assertThat(u.execution().aluPorts()).isEqualTo(4);
        assertThat(u.execution().loadPorts()).isEqualTo(2);
        assertThat(u.branch().predictor()).isEqualTo(PredictorKind.TAGE);
        Memory m = u.memory();
        assertThat(m.l1d()).isEqualTo(new Cache(32 * 1024, 8, 64, 4));
        assertThat(m.l2()).isEqualTo(new Cache(256 * 1024, 4, 64, 12));
        assertThat(m.llc()).isEqualTo(new Cache(8 * 1024 * 1024, 16, 64, 42));
        assertThat(m.tlbs().stlb()).isEqualTo(new Tlb(1536, 12));
        assertThat(m.tlbs().stlbHitLatency()).isEqualTo(9);

        MmuConfig built = cpu.mmuConfig();
        MmuConfig reference = MmuConfig.skylake();
        // DRAM: 42 cycles + 51 ns at the preset's 3.4 GHz; MmuConfig.skylake() converts at 7-cpu's 4.0 GHz.
        assertThat(built.caches().memoryLatency()).isEqualTo(42 + 173);
        assertThat(reference.caches().memoryLatency()).isEqualTo(42 + 204);
        MmuConfig sameDram = built.withCaches(built.caches().withMemoryLatency(reference.caches().memoryLatency()));
        assertThat(sameDram).isEqualTo(reference);
    }

    @Test
    void nonPowerOfTwoLevelsAreRoundedDownForTheMmu() throws PresetException {
        // Sapphire Rapids: 48 KiB 12-way L1D (64 sets) -> 32 KiB 8-way, 64 sets kept.
        MmuConfig spr = PresetLoader.load("sapphirerapids").mmuConfig();
        assertThat(spr.caches().l1d()).isEqualTo(new CacheConfig(32 * 1024, 8, 64, 5, ReplacementKind.TREE_PLRU));
        // 105 MiB 15-way L3 (114688 sets, not a power of two) -> 64 MiB, 8 ways.
        assertThat(spr.caches().llc().sizeBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(spr.caches().llc().ways()).isEqualTo(8);
        // The STLB holds 1 GiB pages: the MMU's 1 GiB array gets its geometry.
        assertThat(spr.tlbs().stlb1g()).isEqualTo(TlbConfig.of(2048, 16));
        // Penryn: 6 MiB 24-way L2 (4096 sets) -> 4 MiB 16-way; no L3: a one-line placeholder.
        MmuConfig penryn = PresetLoader.load("penryn").mmuConfig();
        assertThat(penryn.caches().l2()).isEqualTo(new CacheConfig(4 * 1024 * 1024, 16, 64, 15, ReplacementKind.TREE_PLRU));
        assertThat(penryn.caches().llc().sizeBytes()).isEqualTo(64);
        assertThat(penryn.caches().llc().hitLatency()).isEqualTo(15);
        assertThat(penryn.eptExecuteOnly()).isFalse();
        // Zen 4's L2 DTLB 3072 entries 24-way is representable as is.
        assertThat(PresetLoader.load("zen4").mmuConfig().tlbs().stlb()).isEqualTo(TlbConfig.of(3072, 24));
    }

    @Test
    void userCopyCanChangeMicroarchitectureValues(@TempDir Path dir) throws Exception {
        String text = skylakeText()
                .replace("rob_entries: {value: 224", "rob_entries: {value: 512")
                .replace("dram_latency_ns: {value: 51", "dram_latency_ns: {value: 100");
        Path copy = dir.resolve("big.yaml");
        Files.writeString(copy, text);
        CpuModel m = PresetLoader.load(copy.toString());
        assertThat(m.microarchitecture().pipeline().robEntries()).isEqualTo(512);
        assertThat(m.mmuConfig().caches().memoryLatency()).isEqualTo(42 + 340);
    }

    /** Edits of the skylake preset's microarchitecture section, each breaking one rule. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "rob_entries: {value: 224|rob_entries: {value: 0|'microarchitecture.pipeline.rob_entries.value' = 0 is outside 1..4096",
        "rob_entries: {value: 224|rob_entries: {value: 2|must not exceed 'microarchitecture.pipeline.rob_entries'",
        "    rob_entries:|    reorder_buffer:|missing key 'microarchitecture.pipeline.rob_entries'",
        "    load_queue: {value: 72,|    load_queue: {value: 72, unit: uops,|unknown key 'microarchitecture.pipeline.load_queue.unit'",
        "alu_latency: {value: 1,|alu_latency: {value: 1.5,|'microarchitecture.execution.alu_latency.value' must be an integer",
        "imul_latency: {value: 3, source: \"|imul_latency: {value: 3, sauce: \"|missing key 'microarchitecture.execution.imul_latency.source'",
        "predictor: {value: \"tage\"|predictor: {value: \"neural\"|'microarchitecture.branch.predictor.value' = 'neural' is not one of",
        "load_to_use_latency: {value: 4|load_to_use_latency: {value: 5|must equal 'microarchitecture.memory.l1d.latency'",
        "size_bytes: {value: 262144|size_bytes: {value: 262000|'microarchitecture.memory.l2.size_bytes.value' = 262000 is not a whole number of sets",
        "line_bytes: {value: 64, source: \"Intel 64 and IA-32 Architectures Optimization Reference Manual, Skylake client microarchitecture chapter, cache table: L2|line_bytes: {value: 128, source: \"x: L2|'microarchitecture.memory.*.line_bytes' must be the same",
        "entries: {value: 1536|entries: {value: 1537|'microarchitecture.memory.tlb.stlb.entries.value' = 1537 is not a multiple of 12 ways",
        "page_sizes: {value: \"4k+2m\"|page_sizes: {value: \"4k+4m\"|'microarchitecture.memory.tlb.stlb.page_sizes.value' = '4k+4m' must join",
        "ept_execute_only: {value: true|ept_execute_only: {value: 1|'microarchitecture.memory.ept_execute_only.value' must be true or false",
        "    max_physical_address_bits:|    max_phys_bits:|missing key 'microarchitecture.memory.max_physical_address_bits'",
        "microarchitecture:|micro:|missing key 'microarchitecture'"})
    void brokenMicroarchitectureEditsGiveOneLineErrors(String find, String replace, String expected) throws Exception {
        String text = skylakeText();
        assertThat(text).contains(find);
        String broken = text.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replace));
        assertThatThrownBy(() -> PresetLoader.parse(broken, "broken.yaml"))
                .isInstanceOf(PresetException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining(expected)
                .satisfies(x -> assertThat(x.getMessage()).doesNotContain("\n"));
    }

    private String skylakeText() throws Exception {
        return Files.readString(Path.of(getClass().getResource("/cpu/skylake.yaml").toURI()));
    }
}
