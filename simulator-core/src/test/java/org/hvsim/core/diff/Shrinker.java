package org.hvsim.core.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Minimises a failing case for the report: greedily drops whole forms (an instruction under test
 * with its setup instructions and labels) while the host CPU and hvsim still disagree. A variant
 * counts only if it is still a valid case: no flag reader sees an undefined flag, and the host
 * runs it without a fault other than #DE and without writing outside the compared area.
 */
final class Shrinker {
    private final GnuAssembler assembler;
    private final NativeHarness harness;
    private final HvsimRunner hvsim;

    Shrinker(GnuAssembler assembler, NativeHarness harness, HvsimRunner hvsim) {
        this.assembler = assembler;
        this.harness = harness;
        this.hvsim = hvsim;
    }

    record Shrunk(DiffCase c, Comparison.Verdict verdict) {
    }

    Shrunk shrink(DiffCase original, Comparison.Verdict verdict) throws Exception {
        DiffCase best = original;
        Comparison.Verdict bestVerdict = verdict;
        for (int round = 0; round < 16; round++) {
            List<DiffCase> variants = new ArrayList<>();
            for (int g : groups(best)) {
                DiffCase v = without(best, g);
                if (v != null) {
                    variants.add(v);
                }
            }
            if (variants.isEmpty()) {
                break;
            }
            assembler.assemble(variants);
            List<NativeHarness.Outcome> host = harness.runBatch(variants);
            DiffCase next = null;
            for (int i = 0; i < variants.size() && next == null; i++) {
                NativeHarness.Outcome n = host.get(i);
                if ((n.signal() != 0 && n.signal() != Comparison.SIGFPE) || n.strayWrite()) {
                    continue;
                }
                try {
                    Comparison.Verdict v = Comparison.compare(variants.get(i), n, hvsim.run(variants.get(i)));
                    if (!v.differences().isEmpty()) {
                        next = variants.get(i);
                        bestVerdict = v;
                    }
                } catch (IllegalStateException invalid) {
                    // not a valid case
                }
            }
            if (next == null) {
                break;
            }
            best = next;
        }
        return new Shrunk(best, bestVerdict);
    }

    private static TreeSet<Integer> groups(DiffCase c) {
        TreeSet<Integer> gs = new TreeSet<>();
        for (Line l : c.lines) {
            gs.add(l.group());
        }
        return gs.size() > 1 ? gs : new TreeSet<>();
    }

    /** The case without form {@code group}, or null if that leaves a flag reader on undefined flags. */
    private static DiffCase without(DiffCase c, int group) {
        List<Line> kept = new ArrayList<>();
        long defined = StatusFlags.ALL;
        for (Line l : c.lines) {
            if (l.group() == group) {
                continue;
            }
            if ((l.reads() & ~defined) != 0) {
                return null;
            }
            defined = (defined | l.written()) & ~l.undefined();
            kept.add(l);
        }
        if (kept.stream().allMatch(Line::label)) {
            return null;
        }
        return new DiffCase(c.id, c.family, c.gpr, c.rflags, c.scratch, kept);
    }
}
