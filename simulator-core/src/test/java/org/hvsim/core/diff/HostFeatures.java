package org.hvsim.core.diff;

import java.util.Map;

/** Optional integer-instruction features of the host CPU, as the harness reads them with CPUID. */
record HostFeatures(boolean popcnt, boolean lzcnt, boolean bmi1, boolean lahf, boolean cx16) {
    static HostFeatures parse(Map<String, String> kv) {
        return new HostFeatures(on(kv, "popcnt"), on(kv, "lzcnt"), on(kv, "bmi1"), on(kv, "lahf"), on(kv, "cx16"));
    }

    private static boolean on(Map<String, String> kv, String key) {
        return "1".equals(kv.get(key));
    }
}
