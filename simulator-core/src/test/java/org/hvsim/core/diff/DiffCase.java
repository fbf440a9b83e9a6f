package org.hvsim.core.diff;

import java.util.HexFormat;
import java.util.List;

/**
 * One generated case: the initial architectural state, the instruction lines and, after
 * assembly, the code bytes and the offset of every instruction line inside them.
 */
final class DiffCase {
    final int id;
    final Family family;
    final long[] gpr;
    final long rflags;
    final byte[] scratch;
    final List<Line> lines;
    /** Filled in by {@link GnuAssembler}. */
    byte[] code;
    /** Offset of each line's instruction in {@link #code}; -1 for label lines. */
    int[] offsets;

    DiffCase(int id, Family family, long[] gpr, long rflags, byte[] scratch, List<Line> lines) {
        this.id = id;
        this.family = family;
        this.gpr = gpr;
        this.rflags = rflags;
        this.scratch = scratch;
        this.lines = lines;
    }

    long start() {
        return DiffLayout.CODE_END - code.length;
    }

    /** Index of the instruction line starting at {@code rip}, {@code lines.size()} for the end, or -1. */
    int lineAt(long rip) {
        if (rip == DiffLayout.CODE_END) {
            return lines.size();
        }
        long off = rip - start();
        for (int j = 0; j < lines.size(); j++) {
            if (offsets[j] == off && !lines.get(j).label()) {
                return j;
            }
        }
        return -1;
    }

    /** Status flags with a defined value just before line {@code stop}. */
    long definedBefore(int stop) {
        long defined = StatusFlags.ALL;
        for (int j = 0; j < stop && j < lines.size(); j++) {
            Line l = lines.get(j);
            defined = (defined | l.written()) & ~l.undefined();
        }
        return defined;
    }

    /** Registers (bit mask) whose values are undefined just before line {@code stop}. */
    int maskedRegsBefore(int stop) {
        int m = 0;
        for (int j = 0; j < stop && j < lines.size(); j++) {
            if (lines.get(j).maskReg() >= 0) {
                m |= 1 << lines.get(j).maskReg();
            }
        }
        return m;
    }

    /** Instructions executed when the case stops at line {@code stop} (a faulting one counts). */
    int instructionsUpTo(int stop, boolean faulted) {
        int n = 0;
        for (int j = 0; j < lines.size() && j < stop + (faulted ? 1 : 0); j++) {
            if (!lines.get(j).label()) {
                n++;
            }
        }
        return n;
    }

    int instructionCount() {
        return instructionsUpTo(lines.size(), false);
    }

    /** Listing with addresses and bytes, as it appears in failure messages. */
    String listing() {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int j = 0; j < lines.size(); j++) {
            Line l = lines.get(j);
            if (l.label()) {
                sb.append(String.format("%34s%s%n", "", l.asm()));
                continue;
            }
            int end = code.length;
            for (int k = j + 1; k < lines.size(); k++) {
                if (!lines.get(k).label()) {
                    end = offsets[k];
                    break;
                }
            }
            String bytes = code == null ? "" : hex.formatHex(code, offsets[j], end);
            sb.append(String.format("  %08x  %-22s  %s%s%n", start() + offsets[j], bytes, l.asm(),
                    l.setup() ? "    # setup" : ""));
        }
        return sb.toString();
    }

    String initialState() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 16; r++) {
            sb.append(String.format("%s=%016x%s", CaseBuilder.R64[r], gpr[r], r % 4 == 3 ? "\n" : " "));
        }
        sb.append(String.format("rflags=%x (%s)%n", rflags, StatusFlags.names(rflags & (StatusFlags.ALL | StatusFlags.DF))));
        return sb.toString();
    }
}
