package org.hvsim.core.diff;

import java.util.ArrayList;
import java.util.List;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.exec.RunResult;
import org.hvsim.core.exec.StopReason;

/**
 * Compares the host CPU's outcome of a case with hvsim's: where execution stopped (the end of the
 * case or the same #DE), all 16 GPRs except those the SDM leaves undefined, the status flags that
 * are defined at the stopping point, DF, and every byte of the scratch area.
 */
final class Comparison {
    static final int SIGFPE = 8;

    /** Result for one case: where it stopped natively and the differences (empty = match). */
    record Verdict(int stopLine, boolean faulted, List<String> differences) {
    }

    private Comparison() {
    }

    static Verdict compare(DiffCase c, NativeHarness.Outcome n, HvsimRunner.Outcome h) {
        if ((n.signal() != 0 && n.signal() != SIGFPE) || n.strayWrite()) {
            throw new IllegalStateException("generator error: the host CPU " + (n.strayWrite()
                    ? "wrote outside the compared scratch area" : "raised signal " + n.signal()
                    + String.format(" at %x", n.faultRip())) + " in case " + c.id + "\n" + c.listing());
        }
        boolean faulted = n.signal() == SIGFPE;
        int stop = faulted ? c.lineAt(n.faultRip()) : c.lines.size();
        if (stop < 0) {
            throw new IllegalStateException(String.format("host #DE at %x is not an instruction boundary%n%s",
                    n.faultRip(), c.listing()));
        }
        List<String> diffs = new ArrayList<>();
        if (h.crash() != null) {
            diffs.add("hvsim threw " + h.crash());
            return new Verdict(stop, faulted, diffs);
        }
        RunResult r = h.result();
        long expectedRip = faulted ? n.faultRip() : DiffLayout.CODE_END;
        ExceptionVector expectedVector = faulted ? ExceptionVector.DE : ExceptionVector.PF;
        boolean sameStop = r.reason() == StopReason.GUEST_FAULT && r.fault() != null
                && r.fault().vector() == expectedVector && r.faultRip() == expectedRip;
        if (!sameStop) {
            String what = r.reason() == StopReason.GUEST_FAULT && r.fault() != null
                    ? r.fault().getMessage() + String.format(" at %x", r.faultRip())
                    : r.reason() + (r.message() != null ? " (" + r.message() + ")" : "");
            int at = r.reason() == StopReason.GUEST_FAULT ? c.lineAt(r.faultRip()) : -1;
            diffs.add(String.format("stop: host %s, hvsim %s%s", faulted
                    ? String.format("#DE at %x (%s)", n.faultRip(), c.lines.get(stop).asm())
                    : "ran to the end", what,
                    at >= 0 && at < c.lines.size() ? " (" + c.lines.get(at).asm() + ")" : ""));
            return new Verdict(stop, faulted, diffs);
        }
        int masked = c.maskedRegsBefore(stop);
        for (int k = 0; k < 16; k++) {
            if ((masked & (1 << k)) == 0 && n.gpr()[k] != h.gpr()[k]) {
                diffs.add(String.format("%s: host %016x hvsim %016x", CaseBuilder.R64[k], n.gpr()[k], h.gpr()[k]));
            }
        }
        long flagMask = c.definedBefore(stop) | StatusFlags.DF;
        long fd = (n.rflags() ^ h.rflags()) & flagMask;
        if (fd != 0) {
            diffs.add(String.format("flags %s differ: host %s, hvsim %s (compared: %s)", StatusFlags.names(fd),
                    StatusFlags.names(n.rflags() & flagMask), StatusFlags.names(h.rflags() & flagMask),
                    StatusFlags.names(flagMask)));
        }
        int shown = 0;
        int total = 0;
        StringBuilder mem = new StringBuilder();
        for (int k = 0; k < DiffLayout.SCRATCH_SIZE; k++) {
            if (n.scratch()[k] != h.scratch()[k]) {
                total++;
                if (shown++ < 16) {
                    mem.append(String.format(" [%x]=%02x/%02x", DiffLayout.SCRATCH_BASE + k,
                            n.scratch()[k] & 0xff, h.scratch()[k] & 0xff));
                }
            }
        }
        if (total > 0) {
            diffs.add("memory: " + total + " bytes differ (address=host/hvsim):" + mem);
        }
        if (h.strayWrite()) {
            diffs.add("hvsim wrote to the scratch page outside the compared area");
        }
        return new Verdict(stop, faulted, diffs);
    }
}
