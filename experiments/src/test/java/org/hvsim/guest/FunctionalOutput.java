package org.hvsim.guest;

import java.util.List;

/**
 * The timing-independent part of a guest console (docs/guest.md, "Output format"): the START,
 * CHECK, RESULT and DONE lines in order, RESULT lines without their cycles= and cycles_per_op=
 * fields. Everything else (banner, memory size, free memory) is informational.
 */
final class FunctionalOutput {
    private FunctionalOutput() {
    }

    static List<String> of(String console) {
        return console.replace("\r", "").lines()
                .filter(l -> l.startsWith("START ") || l.startsWith("CHECK ") || l.startsWith("RESULT ")
                        || l.startsWith("DONE "))
                .map(l -> l.startsWith("RESULT ") ? l.replaceAll(" cycles(_per_op)?=\\S+", "") : l)
                .toList();
    }
}
