package org.hvsim.mmu.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The host-speed shortcuts of the cache model (packed tree-PLRU paths, MRU-way-first probe that
 * skips the no-op touch) against straightforward reference implementations: same victims, same
 * hits, same write-backs, for random histories.
 */
class FastPathEquivalenceTest {

    /** The tree-PLRU as first written: one boolean per node, walked per touch. */
    static final class ReferencePlru implements ReplacementPolicy {
        final int ways;
        final int leaves;
        final boolean[] bits;

        ReferencePlru(int sets, int ways) {
            this.ways = ways;
            this.leaves = Integer.highestOneBit(ways) == ways ? ways : Integer.highestOneBit(ways) << 1;
            this.bits = new boolean[sets * Math.max(1, leaves - 1)];
        }

        @Override
        public void touch(int set, int way) {
            if (leaves == 1) {
                return;
            }
            int base = set * (leaves - 1);
            int node = 0;
            int lo = 0;
            int span = leaves;
            while (span > 1) {
                span >>= 1;
                boolean right = way >= lo + span;
                bits[base + node] = !right;
                node = 2 * node + (right ? 2 : 1);
                if (right) {
                    lo += span;
                }
            }
        }

        @Override
        public int victim(int set) {
            if (leaves == 1) {
                return 0;
            }
            int base = set * (leaves - 1);
            int node = 0;
            int lo = 0;
            int span = leaves;
            while (span > 1) {
                span >>= 1;
                boolean right = bits[base + node];
                if (right && lo + span >= ways) {
                    right = false;
                }
                node = 2 * node + (right ? 2 : 1);
                if (right) {
                    lo += span;
                }
            }
            return Math.min(lo, ways - 1);
        }
    }

    @Property(tries = 200)
    void packedTreePlruMatchesTheReference(@ForAll @IntRange(min = 1, max = 200) int ways, @ForAll long seed) {
        int sets = 3;
        TreePlruPolicy fast = new TreePlruPolicy(sets, ways);
        ReferencePlru slow = new ReferencePlru(sets, ways);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 500; i++) {
            int set = r.nextInt(sets);
            if (r.nextInt(3) == 0) {
                assertThat(fast.victim(set)).isEqualTo(slow.victim(set));
            } else {
                int way = r.nextInt(ways);
                fast.touch(set, way);
                slow.touch(set, way);
            }
        }
        for (int set = 0; set < sets; set++) {
            assertThat(fast.victim(set)).isEqualTo(slow.victim(set));
        }
    }

    /** The cache as first written: scan every way, touch on every hit. */
    static final class ReferenceCache {
        final int ways;
        final int setMask;
        final long[] tags;
        final boolean[] dirty;
        final ReplacementPolicy policy;

        ReferenceCache(CacheConfig c, long seed) {
            ways = c.ways();
            setMask = c.sets() - 1;
            tags = new long[c.sets() * ways];
            dirty = new boolean[tags.length];
            policy = c.replacement() == ReplacementKind.TREE_PLRU ? new ReferencePlru(c.sets(), ways)
                    : c.replacement().create(c.sets(), ways, seed);
            java.util.Arrays.fill(tags, -1L);
        }

        boolean access(long line, boolean write) {
            int set = (int) line & setMask;
            for (int w = 0; w < ways; w++) {
                if (tags[set * ways + w] == line) {
                    policy.touch(set, w);
                    dirty[set * ways + w] |= write;
                    return true;
                }
            }
            return false;
        }

        long fill(long line, boolean markDirty) {
            int set = (int) line & setMask;
            int way = -1;
            for (int w = 0; w < ways && way < 0; w++) {
                if (tags[set * ways + w] == -1L) {
                    way = w;
                }
            }
            if (way < 0) {
                way = policy.victim(set);
            }
            int i = set * ways + way;
            long writeback = tags[i] != -1L && dirty[i] ? tags[i] : Cache.NO_WRITEBACK;
            tags[i] = line;
            dirty[i] = markDirty;
            policy.touch(set, way);
            return writeback;
        }
    }

    @Property(tries = 60)
    void mruFirstCacheMatchesTheReference(@ForAll @IntRange(min = 0, max = 2) int policyIndex,
                                          @ForAll @IntRange(min = 0, max = 3) int log2Ways, @ForAll long seed) {
        ReplacementKind kind = ReplacementKind.values()[policyIndex];
        int ways = 1 << log2Ways;
        CacheConfig config = new CacheConfig(4 * 64 * ways, ways, 64, 4, kind);
        Cache fast = new Cache(config, 7);
        ReferenceCache slow = new ReferenceCache(config, 7);
        SplittableRandom r = new SplittableRandom(seed);
        long previous = 0;
        for (int i = 0; i < 2000; i++) {
            // Mostly a small working set with repeats, so MRU hits, MRU changes and evictions all happen.
            long line = r.nextInt(4) == 0 ? previous : r.nextInt(6 * ways * 4);
            boolean write = r.nextBoolean();
            boolean hit = fast.access(line, write);
            assertThat(hit).isEqualTo(slow.access(line, write));
            if (!hit) {
                assertThat(fast.fill(line, write)).isEqualTo(slow.fill(line, write));
            }
            if (r.nextInt(500) == 0) {
                fast.invalidateAll();
                java.util.Arrays.fill(slow.tags, -1L);
                java.util.Arrays.fill(slow.dirty, false);
            }
            previous = line;
        }
    }
}
