package org.hvsim.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Every workload of the committed guest kernel with small parameters (well under a second each
 * in hvsim, a few seconds under QEMU TCG), shared by BootCommandTest and the QEMU cross-check.
 */
public final class Workloads {
    /** A workload and its --param words. */
    public record Small(String name, List<String> params) {
        @Override
        public String toString() {
            return name + " " + String.join(" ", params);
        }
    }

    public static final List<Small> SMALL = List.of(
            new Small("syscall", List.of("iters=200")),
            new Small("in", List.of("iters=200")),
            new Small("cr8wr", List.of("iters=200")),
            new Small("callret", List.of("iters=1000")),
            new Small("pgfault", List.of("iters=50")),
            new Small("divzero", List.of("iters=100")),
            new Small("ptemod", List.of("iters=200")),
            new Small("forkwait", List.of("iters=5")),
            new Small("compute", List.of("iters=1000")),
            new Small("ctxswitch", List.of("iters=50")),
            new Small("memstress", List.of("iters=2000", "footprint=64k")),
            new Small("memstress", List.of("iters=2000", "footprint=4m", "pages=2m", "pattern=rand")),
            new Small("io", List.of("iters=2", "sectors=2")),
            new Small("preempt", List.of()));

    private Workloads() {
    }

    /** {@code boot --workload NAME --param P ...}. */
    public static List<String> bootArgs(String workload, List<String> params) {
        List<String> args = new ArrayList<>(List.of("boot", "--workload", workload));
        for (String p : params) {
            args.add("--param");
            args.add(p);
        }
        return args;
    }
}
