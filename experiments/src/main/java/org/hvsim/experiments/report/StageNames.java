package org.hvsim.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Letters and legend descriptions of pipeline stages, shared by the text and image diagrams. */
final class StageNames {
    private StageNames() {
    }

    /** The diagram letter of a stage: its name's first character, upper case ('?' if unnamed). */
    static char letter(String stageName) {
        return stageName == null || stageName.isEmpty() ? '?' : Character.toUpperCase(stageName.charAt(0));
    }

    /** The distinct stage names of a recording, in order of first appearance. */
    static List<String> distinct(List<PipelineWindow.Entry> entries) {
        Set<String> names = new LinkedHashSet<>();
        for (PipelineWindow.Entry e : entries) {
            for (String n : e.stageNames()) {
                names.add(n);
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * A description of a stage for the legend: the model's name if it is a word, else the
     * textbook meaning of the usual one-letter names (D is "dispatch" in an out-of-order
     * pipeline, recognised by its I or R stage, and "decode" otherwise).
     */
    static String describe(String name, List<String> all) {
        if (name.length() > 1) {
            return name.toLowerCase(Locale.ROOT);
        }
        boolean outOfOrder = all.contains("I") || all.contains("R");
        switch (name.toUpperCase(Locale.ROOT)) {
            case "F": return "fetch";
            case "D": return outOfOrder ? "dispatch" : "decode";
            case "X":
            case "E": return "execute";
            case "M": return "memory";
            case "W": return "write-back";
            case "I": return "issue";
            case "C": return "complete";
            case "R": return "retire";
            default: return name;
        }
    }
}
