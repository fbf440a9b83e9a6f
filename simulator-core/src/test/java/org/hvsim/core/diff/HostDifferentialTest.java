package org.hvsim.core.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Differential tests of hvsim's integer instruction semantics against the host CPU.
 *
 * <p>For each {@link Family}, random cases (1..6 instruction forms each, from a fixed seed) are
 * encoded by GNU as, run natively by harness.c in one process per batch, and run in hvsim from
 * the same initial state; see {@link Comparison} for what must match. Every family asserts that
 * it executed its quota of instructions, and the run asserts a total of at least 100,000.
 *
 * <p>System properties: {@code hvsim.diff.seed} (base seed, default fixed), {@code hvsim.diff.scale}
 * (multiplies every quota, e.g. 10 for a long exploration run). Without gcc or as the tests are
 * skipped with a reason, except under CI ({@code CI=true}), where they fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostDifferentialTest {
    static final long DEFAULT_SEED = 0x5eed_2f1f_0000_0001L;
    static final int REQUIRED_TOTAL = 100_000;
    private static final int DETAILED_FAILURES = 6;
    private static final int SHRUNK_FAILURES = 6;

    private NativeHarness harness;
    private GnuAssembler assembler;
    private final HvsimRunner hvsim = new HvsimRunner();
    private final long baseSeed = Long.getLong("hvsim.diff.seed", DEFAULT_SEED);
    private final double scale = Double.parseDouble(System.getProperty("hvsim.diff.scale", "1"));
    private final Map<Family, Long> executed = new EnumMap<>(Family.class);

    @BeforeAll
    void buildHarness() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        for (String tool : new String[] {"gcc", "as"}) {
            if (!NativeHarness.toolAvailable(tool)) {
                String msg = "host-CPU differential tests need '" + tool + "' (GNU toolchain) on the PATH";
                if (ci) {
                    fail(msg + " (CI=true: not skipping)");
                }
                Assumptions.abort(msg + "; skipping");
            }
        }
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            String msg = "host-CPU differential tests need an x86-64 host, this is " + arch;
            if (ci) {
                fail(msg);
            }
            Assumptions.abort(msg);
        }
        Path dir = Path.of("target", "hvsim-diff");
        Files.createDirectories(dir);
        harness = NativeHarness.build(dir);
        assembler = new GnuAssembler(dir);
        HostFeatures f = harness.features();
        System.out.printf("host-CPU differential tests: base seed 0x%x (override with -Dhvsim.diff.seed=...), "
                + "scale %s, host features %s%n", baseSeed, scale, f);
        if (!f.bmi1() || !f.lzcnt() || !f.popcnt()) {
            System.out.println("NOTE: the host lacks BMI1/LZCNT/POPCNT; TZCNT/LZCNT/POPCNT forms are not generated: " + f);
        }
    }

    static long familySeed(long base, Family f) {
        return base ^ ((f.ordinal() + 1) * 0x9E37_79B9_7F4A_7C15L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Family.class)
    void family(Family family) throws Exception {
        long seed = familySeed(baseSeed, family);
        SplittableRandom rnd = new SplittableRandom(seed);
        long quota = Math.max(1, Math.round(family.quota * scale));
        long nativeInsns = 0;
        long cases = 0;
        long hvsimRetired = 0;
        long deFaults = 0;
        int failures = 0;
        List<String> details = new ArrayList<>();
        List<String> shrunk = new ArrayList<>();
        Map<String, Integer> byMnemonic = new TreeMap<>();
        int nextId = 0;
        long t0 = System.nanoTime();
        while (nativeInsns < quota) {
            List<DiffCase> batch = new ArrayList<>();
            long planned = 0;
            while (planned < quota - nativeInsns + 64) {
                DiffCase c = family.generate(nextId++, rnd, harness.features());
                batch.add(c);
                planned += c.instructionCount();
            }
            assembler.assemble(batch);
            List<NativeHarness.Outcome> host = harness.runBatch(batch);
            for (int i = 0; i < batch.size(); i++) {
                DiffCase c = batch.get(i);
                HvsimRunner.Outcome mine = hvsim.run(c);
                Comparison.Verdict v = Comparison.compare(c, host.get(i), mine);
                nativeInsns += c.instructionsUpTo(v.stopLine(), v.faulted());
                cases++;
                if (v.faulted()) {
                    deFaults++;
                }
                if (mine.result() != null) {
                    hvsimRetired += mine.result().instructions();
                }
                if (!v.differences().isEmpty()) {
                    failures++;
                    for (String m : mnemonics(c)) {
                        byMnemonic.merge(m, 1, Integer::sum);
                    }
                    if (details.size() < DETAILED_FAILURES) {
                        details.add(describe(family, seed, c, v));
                    }
                    if (failures <= SHRUNK_FAILURES) {
                        Shrinker.Shrunk s = new Shrinker(assembler, harness, hvsim).shrink(c, v);
                        if (s.c() != c) {
                            shrunk.add("minimised " + describe(family, seed, s.c(), s.verdict()));
                        }
                    }
                }
            }
        }
        executed.put(family, nativeInsns);
        System.out.printf("%s: %d cases, %d instructions natively (%d ended in #DE), %d retired in hvsim, "
                + "%d mismatching cases, %.1f s%n", family, cases, nativeInsns, deFaults, hvsimRetired, failures,
                (System.nanoTime() - t0) / 1e9);
        if (failures > 0) {
            fail(String.format("%s: %d of %d cases differ between the host CPU and hvsim (seed 0x%x).%n"
                    + "Instructions in failing cases (count of cases): %s%n%n%s", family, failures, cases, seed,
                    byMnemonic, String.join("\n", shrunk) + "\n" + String.join("\n", details)));
        }
        assertTrue(nativeInsns >= quota, family + " executed only " + nativeInsns + " of " + quota + " instructions");
    }

    @AfterAll
    void totalInstructions() {
        if (executed.size() == Family.values().length && scale >= 1) {
            long total = executed.values().stream().mapToLong(Long::longValue).sum();
            System.out.println("host-CPU differential tests: " + total + " instructions in total");
            assertTrue(total >= REQUIRED_TOTAL, "only " + total + " random instructions executed, need " + REQUIRED_TOTAL);
        }
    }

    private static final java.util.Set<String> PREFIXES = java.util.Set.of(
            "lock", "rep", "repe", "repne", "data16", "rex", "cs", "ds", "es", "ss");

    /** The mnemonics of the instructions under test in a case (prefixes and setups skipped). */
    private static List<String> mnemonics(DiffCase c) {
        List<String> out = new ArrayList<>();
        for (Line l : c.lines) {
            if (l.label() || l.setup()) {
                continue;
            }
            for (String w : l.asm().split("\\s+")) {
                if (w.startsWith("{") || PREFIXES.contains(w)) {
                    continue;
                }
                if (!out.contains(w)) {
                    out.add(w);
                }
                break;
            }
        }
        return out;
    }

    private static String describe(Family family, long seed, DiffCase c, Comparison.Verdict v) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("--- %s case %d (family seed 0x%x)%n", family, c.id, seed));
        sb.append(c.listing());
        sb.append("initial state:\n").append(c.initialState());
        sb.append("scratch area at 0x").append(Long.toHexString(DiffLayout.SCRATCH_BASE))
                .append(" (first 64 bytes): ").append(java.util.HexFormat.of().formatHex(c.scratch, 0, 64)).append('\n');
        sb.append(v.faulted() ? "host stopped with #DE at line " + v.stopLine() + "\n" : "");
        for (String d : v.differences()) {
            sb.append("  DIFF ").append(d).append('\n');
        }
        return sb.toString();
    }
}
