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
        try {
            return new CpuModel(name, description, vendor, family, model, stepping, brand, hz, features,
                    MicrocodeCosts.of(costValues));
        } catch (IllegalArgumentException e) {
            throw new PresetException(source + ": " + e.getMessage());
        }
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
