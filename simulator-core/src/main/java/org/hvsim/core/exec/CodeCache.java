package org.hvsim.core.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decode cache: decoded blocks by physical start address and linear start address (a block's
 * decode-time constants - branch targets, RIP-relative addresses - depend on both), with a
 * direct-mapped front table so the common lookup is one array load and two compares, and an
 * index by physical page so a store into code can drop exactly the blocks it invalidates.
 */
final class CodeCache {
    private static final int FRONT_BITS = 14;
    private static final int FRONT_MASK = (1 << FRONT_BITS) - 1;

    private final Block[] front = new Block[1 << FRONT_BITS];
    /** Blocks by physical start address; a block also needs its linear start to match. */
    private final Map<Long, Block> byStart = new HashMap<>();
    private final Map<Long, List<Block>> byPage = new HashMap<>();

    /** The block for linear {@code rip} whose first byte is in physical page {@code page}, or null. */
    Block lookup(long rip, long page) {
        Block b = front[index(rip)];
        if (b != null && b.start == rip && b.firstPage == page) {
            return b;
        }
        b = byStart.get(physicalKey(rip, page));
        if (b != null && b.start == rip) {
            front[index(rip)] = b;
            return b;
        }
        return null;
    }

    private static long physicalKey(long rip, long page) {
        return (page << 12) | (rip & 0xFFF);
    }

    void insert(Block b) {
        byStart.put(physicalKey(b.start, b.firstPage), b);
        front[index(b.start)] = b;
        byPage.computeIfAbsent(b.firstPage, k -> new ArrayList<>()).add(b);
        if (b.lastPage != b.firstPage) {
            byPage.computeIfAbsent(b.lastPage, k -> new ArrayList<>()).add(b);
        }
    }

    /** Drops every block with bytes in {@code physicalPage}. */
    void invalidatePage(long physicalPage) {
        List<Block> blocks = byPage.remove(physicalPage);
        if (blocks == null) {
            return;
        }
        for (Block b : blocks) {
            b.valid = false;
            byStart.remove(physicalKey(b.start, b.firstPage), b);
            int i = index(b.start);
            if (front[i] == b) {
                front[i] = null;
            }
            long other = b.firstPage == physicalPage ? b.lastPage : b.firstPage;
            if (other != physicalPage) {
                List<Block> rest = byPage.get(other);
                if (rest != null) {
                    rest.remove(b);
                }
            }
        }
    }

    void clear() {
        for (Block b : byStart.values()) {
            b.valid = false;
        }
        byStart.clear();
        byPage.clear();
        java.util.Arrays.fill(front, null);
    }

    private static int index(long rip) {
        return (int) (rip ^ (rip >>> FRONT_BITS)) & FRONT_MASK;
    }
}
