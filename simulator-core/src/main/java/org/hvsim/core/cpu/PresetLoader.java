package org.hvsim.core.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads CPU presets: YAML files documented in docs/cpu-presets.md, shipped under
 * {@code /cpu/NAME.yaml} on the classpath, or any file a user copies and edits. Every problem
 * (unknown key, missing key, wrong type, value out of range) is a {@link PresetException} with a
 * one-line message naming the file and the key.
 */
public final class PresetLoader {
    /** The presets shipped with hvsim, in chronological order. */
    public static final List<String> BUILT_IN = List.of("prescott", "merom", "penryn", "nehalem", "westmere",
            "sandybridge", "haswell", "skylake", "sapphirerapids", "zen4");
    public static final String DEFAULT = "skylake";

    private PresetLoader() {
    }

    /** The default preset ({@link #DEFAULT}), loaded once: a built-in file that cannot be broken. */
    public static CpuModel defaultModel() {
        return DefaultModel.MODEL;
    }

    private static final class DefaultModel {
        static final CpuModel MODEL = loadBuiltIn();

        private static CpuModel loadBuiltIn() {
            try {
                return load(DEFAULT);
            } catch (PresetException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** A built-in preset name, or a path to a preset file. */
    public static CpuModel load(String nameOrPath) throws PresetException {
        String name = nameOrPath.toLowerCase(Locale.ROOT);
        if (BUILT_IN.contains(name)) {
            try (InputStream in = PresetLoader.class.getResourceAsStream("/cpu/" + name + ".yaml")) {
                if (in == null) {
                    throw new PresetException("built-in CPU preset '" + name + "' is missing from the classpath");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
            } catch (IOException e) {
                throw new PresetException("cannot read built-in CPU preset '" + name + "': " + e.getMessage());
            }
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new PresetException("unknown CPU preset '" + nameOrPath + "' (built-in: " + String.join(", ", BUILT_IN)
                    + "; or give a preset file)");
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new PresetException("cannot read CPU preset " + file + ": " + e.getMessage());
        }
    }

    static CpuModel parse(String text, String source) throws PresetException {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            String msg = e.getMessage() == null ? "malformed YAML" : e.getMessage().replace('\n', ' ').replaceAll("\\s+", " ");
            throw new PresetException(source + ": malformed YAML: " + msg);
        }
        Fields top = new Fields(root, source, "");
        String name = top.string("name");
        String description = top.string("description");
        Fields identity = top.map("identity");
        Fields frequency = top.map("frequency");
        List<String> featureNames = top.stringList("features");
        top.string("features_source");
        Fields costs = top.map("costs");
        Fields micro = top.map("microarchitecture");
        top.rejectOthers();
        int[] costValues = new int[MicrocodeCosts.KEYS.length];
        for (int i = 0; i < costValues.length; i++) {
            Fields cost = costs.map(MicrocodeCosts.KEYS[i]);
            costValues[i] = (int) cost.number("value", 0, 1_000_000);
            cost.string("source");
            cost.rejectOthers();
        }
        costs.rejectOthers();

        String vendor = identity.string("vendor");
        int family = (int) identity.number("family", 0, 0x10E);
        int model = (int) identity.number("model", 0, 0xFF);
        int stepping = (int) identity.number("stepping", 0, 0xF);
        String brand = identity.string("brand");
        identity.string("source");
        identity.rejectOthers();
        long hz = frequency.number("value", 1, 100_000_000_000L);
        frequency.string("source");
        frequency.rejectOthers();

        Set<CpuFeature> features = EnumSet.noneOf(CpuFeature.class);
        for (String f : featureNames) {
            try {
                features.add(CpuFeature.valueOf(f.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new PresetException(source + ": unknown CPU feature '" + f + "' in 'features'");
            }
        }
        Microarchitecture microarchitecture = microarchitecture(micro, source);
        try {
            return new CpuModel(name, description, vendor, family, model, stepping, brand, hz, features,
                    MicrocodeCosts.of(costValues), microarchitecture);
        } catch (IllegalArgumentException e) {
            throw new PresetException(source + ": " + e.getMessage());
        }
    }

    /** Reads the {@code microarchitecture:} section (docs/cpu-presets.md). */
    private static Microarchitecture microarchitecture(Fields m, String source) throws PresetException {
        Fields p = m.map("pipeline");
        Fields e = m.map("execution");
        Fields b = m.map("branch");
        Fields mem = m.map("memory");
        m.rejectOthers();
        try {
            Microarchitecture.Pipeline pipeline = new Microarchitecture.Pipeline(
                    p.leaf("fetch_width", 1, 64), p.leaf("decode_width", 1, 64), p.leaf("dispatch_width", 1, 64),
                    p.leaf("retire_width", 1, 64), p.leaf("pipeline_depth", 1, 100),
                    p.leaf("mispredict_penalty", 1, 200), p.leaf("rob_entries", 1, 4096),
                    p.leaf("scheduler_entries", 1, 4096), p.leaf("load_queue", 1, 4096),
                    p.leaf("store_queue", 1, 4096));
            p.rejectOthers();
            Microarchitecture.Execution execution = new Microarchitecture.Execution(
                    e.leaf("alu_ports", 1, 32), e.leaf("load_ports", 1, 32), e.leaf("store_ports", 1, 32),
                    e.leaf("branch_ports", 1, 32), e.leaf("multiply_ports", 1, 32), e.leaf("divider_units", 1, 32),
                    e.leaf("alu_latency", 1, 100), e.leaf("imul_latency", 1, 100), e.leaf("idiv32_latency", 1, 1000),
                    e.leaf("idiv64_latency", 1, 1000), e.leaf("load_to_use_latency", 1, 100),
                    e.leaf("store_forward_latency", 0, 100));
            e.rejectOthers();
            String kind = b.leafString("predictor");
            Microarchitecture.PredictorKind predictor;
            try {
                predictor = Microarchitecture.PredictorKind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException x) {
                throw new PresetException(source + ": 'microarchitecture.branch.predictor.value' = '" + kind
                        + "' is not one of static, bimodal, gshare, tage");
            }
            Microarchitecture.Branch branch = new Microarchitecture.Branch(predictor,
                    b.leaf("history_bits", 0, 4096), b.leaf("table_bits", 0, 30), b.leaf("btb_entries", 1, 1 << 20),
                    b.leaf("btb_ways", 1, 1 << 20), b.leaf("ras_entries", 0, 1024),
                    b.leaf("indirect_entries", 0, 1 << 20));
            b.rejectOthers();
            Microarchitecture.Cache l1i = cache(mem.map("l1i"), source, false);
            Microarchitecture.Cache l1d = cache(mem.map("l1d"), source, false);
            Microarchitecture.Cache l2 = cache(mem.map("l2"), source, false);
            Microarchitecture.Cache llc = cache(mem.map("llc"), source, true);
            int dramNs = mem.leaf("dram_latency_ns", 1, 10_000);
            Fields t = mem.map("tlb");
            Microarchitecture.Tlb itlb4k = tlb(t.map("itlb_4k"), source);
            Microarchitecture.Tlb itlb2m = tlb(t.map("itlb_2m"), source);
            Microarchitecture.Tlb itlb1g = tlb(t.map("itlb_1g"), source);
            Microarchitecture.Tlb dtlb4k = tlb(t.map("dtlb_4k"), source);
            Microarchitecture.Tlb dtlb2m = tlb(t.map("dtlb_2m"), source);
            Microarchitecture.Tlb dtlb1g = tlb(t.map("dtlb_1g"), source);
            Fields stlbFields = t.map("stlb");
            Microarchitecture.Tlb stlb = tlbFields(stlbFields, source);
            Set<Microarchitecture.PageSize> pageSizes = pageSizes(stlbFields, source);
            stlbFields.rejectOthers();
            Microarchitecture.Tlb stlb1g = tlb(t.map("stlb_1g"), source);
            int stlbHit = t.leaf("stlb_hit_latency", 0, 1000);
            t.rejectOthers();
            Fields c = mem.map("paging_structure_caches");
            Microarchitecture.PagingStructureCaches psc = new Microarchitecture.PagingStructureCaches(
                    tlb(c.map("pml5e"), source), tlb(c.map("pml4e"), source), tlb(c.map("pdpte"), source),
                    tlb(c.map("pde"), source), c.leaf("latency", 0, 1000));
            c.rejectOthers();
            int maxPhys = mem.leaf("max_physical_address_bits", 32, 52);
            boolean eptXo = mem.leafBoolean("ept_execute_only");
            mem.rejectOthers();
            Microarchitecture.Memory memory = new Microarchitecture.Memory(l1i, l1d, l2, llc, dramNs,
                    new Microarchitecture.Tlbs(itlb4k, itlb2m, itlb1g, dtlb4k, dtlb2m, dtlb1g, stlb, pageSizes, stlb1g,
                            stlbHit), psc, maxPhys, eptXo);
            return new Microarchitecture(pipeline, execution, branch, memory);
        } catch (IllegalArgumentException x) {
            throw new PresetException(source + ": " + x.getMessage());
        }
    }

    private static Microarchitecture.Cache cache(Fields f, String source, boolean mayBeAbsent) throws PresetException {
        long size = f.leafLong("size_bytes", mayBeAbsent ? 0 : 1, 1L << 40);
        int ways = f.leaf("ways", size == 0 ? 0 : 1, 1024);
        int line = f.leaf("line_bytes", size == 0 ? 0 : 16, 4096);
        int latency = f.leaf("latency", size == 0 ? 0 : 1, 10_000);
        f.rejectOthers();
        if (size > 0) {
            if (Integer.bitCount(line) != 1) {
                throw new PresetException(source + ": '" + f.prefix + "line_bytes.value' = " + line
                        + " must be a power of two");
            }
            if (size % ((long) line * ways) != 0) {
                throw new PresetException(source + ": '" + f.prefix + "size_bytes.value' = " + size
                        + " is not a whole number of sets of " + ways + " ways of " + line + " bytes");
            }
        }
        return new Microarchitecture.Cache(size, ways, line, latency);
    }

    private static Microarchitecture.Tlb tlb(Fields f, String source) throws PresetException {
        Microarchitecture.Tlb t = tlbFields(f, source);
        f.rejectOthers();
        return t;
    }

    private static Microarchitecture.Tlb tlbFields(Fields f, String source) throws PresetException {
        int entries = f.leaf("entries", 0, 1 << 20);
        int ways = f.leaf("ways", entries == 0 ? 0 : 1, Math.max(entries, 0));
        if (entries > 0 && entries % ways != 0) {
            throw new PresetException(source + ": '" + f.prefix + "entries.value' = " + entries
                    + " is not a multiple of " + ways + " ways");
        }
        return new Microarchitecture.Tlb(entries, ways);
    }

    private static Set<Microarchitecture.PageSize> pageSizes(Fields f, String source) throws PresetException {
        String text = f.leafString("page_sizes");
        Set<Microarchitecture.PageSize> out = EnumSet.noneOf(Microarchitecture.PageSize.class);
        for (String part : text.split("\\+")) {
            Microarchitecture.PageSize found = null;
            for (Microarchitecture.PageSize s : Microarchitecture.PageSize.values()) {
                if (s.key().equals(part.trim().toLowerCase(Locale.ROOT))) {
                    found = s;
                }
            }
            if (found == null) {
                throw new PresetException(source + ": '" + f.prefix + "page_sizes.value' = '" + text
                        + "' must join 4k, 2m and 1g with '+'");
            }
            out.add(found);
        }
        return out;
    }

    /** A YAML mapping whose keys must all be consumed. */
    private static final class Fields {
        private final Map<?, ?> map;
        private final String source;
        private final String prefix;
        private final List<String> used = new ArrayList<>();

        Fields(Object node, String source, String prefix) throws PresetException {
            if (!(node instanceof Map)) {
                throw new PresetException(source + ": " + (prefix.isEmpty() ? "the file" : "'" + prefix + "'")
                        + " must be a mapping of keys to values");
            }
            this.map = (Map<?, ?>) node;
            this.source = source;
            this.prefix = prefix;
        }

        private Object get(String key) throws PresetException {
            used.add(key);
            Object v = map.get(key);
            if (v == null) {
                throw new PresetException(source + ": missing key '" + prefix + key + "'");
            }
            return v;
        }

        String string(String key) throws PresetException {
            Object v = get(key);
            if (!(v instanceof String)) {
                throw new PresetException(source + ": '" + prefix + key + "' must be text");
            }
            return (String) v;
        }

        long number(String key, long min, long max) throws PresetException {
            Object v = get(key);
            if (!(v instanceof Number) || v instanceof Double || v instanceof Float) {
                throw new PresetException(source + ": '" + prefix + key + "' must be an integer");
            }
            long n = ((Number) v).longValue();
            if (n < min || n > max) {
                throw new PresetException(source + ": '" + prefix + key + "' = " + n + " is outside " + min + ".." + max);
            }
            return n;
        }

        /** A leaf {@code {value: N, source: "..."}}: the integer N in min..max. */
        int leaf(String key, int min, int max) throws PresetException {
            return (int) leafLong(key, min, max);
        }

        long leafLong(String key, long min, long max) throws PresetException {
            Fields f = map(key);
            long v = f.number("value", min, max);
            f.string("source");
            f.rejectOthers();
            return v;
        }

        String leafString(String key) throws PresetException {
            Fields f = map(key);
            String v = f.string("value");
            f.string("source");
            f.rejectOthers();
            return v;
        }

        boolean leafBoolean(String key) throws PresetException {
            Fields f = map(key);
            Object v = f.get("value");
            if (!(v instanceof Boolean)) {
                throw new PresetException(source + ": '" + f.prefix + "value' must be true or false");
            }
            f.string("source");
            f.rejectOthers();
            return (Boolean) v;
        }

        Fields map(String key) throws PresetException {
            return new Fields(get(key), source, prefix + key + ".");
        }

        List<String> stringList(String key) throws PresetException {
            Object v = get(key);
            if (!(v instanceof List)) {
                throw new PresetException(source + ": '" + prefix + key + "' must be a list");
            }
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                if (!(o instanceof String)) {
                    throw new PresetException(source + ": '" + prefix + key + "' must list names");
                }
                out.add((String) o);
            }
            return out;
        }

        void rejectOthers() throws PresetException {
            for (Object k : map.keySet()) {
                if (!used.contains(String.valueOf(k))) {
                    throw new PresetException(source + ": unknown key '" + prefix + k + "'");
                }
            }
        }
    }
}
