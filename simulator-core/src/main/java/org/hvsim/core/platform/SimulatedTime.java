package org.hvsim.core.platform;

import java.util.Arrays;

/**
 * The deterministic event queue: a binary min-heap ordered by (cycle, sequence number), kept in
 * parallel arrays so scheduling an event allocates nothing once the arrays have grown to the
 * platform's working size (a handful of devices, each with at most one or two outstanding
 * events). Cancellation is a linear scan, which is cheaper than an index for so few events.
 *
 * <p>The engine drives it: it runs the CPU until {@link #nextEventCycle()}, then calls
 * {@link #runDue(long)} with the current cycle count. During an event's action {@link #now()}
 * is the event's own cycle, so periodic devices computing their next deadline from
 * {@code now()} never drift. The engine should also call {@code runDue(cycle)} before
 * dispatching a port or MMIO access, so devices that derive a counter from {@code now()} see
 * the current cycle.
 */
public final class SimulatedTime implements EventScheduler {
    private long now;
    private long nextSequence = 1;
    private long[] cycles = new long[16];
    private long[] sequences = new long[16];
    private Runnable[] actions = new Runnable[16];
    private int size;

    @Override
    public long now() {
        return now;
    }

    @Override
    public long schedule(long cycle, Runnable action) {
        if (action == null) {
            throw new IllegalArgumentException("null action");
        }
        if (size == cycles.length) {
            grow();
        }
        long handle = nextSequence++;
        int i = size++;
        cycles[i] = cycle;
        sequences[i] = handle;
        actions[i] = action;
        siftUp(i);
        return handle;
    }

    @Override
    public void cancel(long handle) {
        for (int i = 0; i < size; i++) {
            if (sequences[i] == handle) {
                removeAt(i);
                return;
            }
        }
    }

    /** The cycle of the earliest pending event, or {@link Long#MAX_VALUE} if none is pending. */
    public long nextEventCycle() {
        return size == 0 ? Long.MAX_VALUE : cycles[0];
    }

    /** Number of pending events (for tests and statistics). */
    public int pendingEvents() {
        return size;
    }

    /**
     * Advances simulated time to {@code cycle}, firing every event due at or before it in
     * (cycle, scheduling order). Events scheduled by an action for a cycle {@code <= cycle} fire
     * in the same call.
     *
     * @throws IllegalArgumentException if {@code cycle} is earlier than {@link #now()}
     */
    public void runDue(long cycle) {
        if (cycle < now) {
            throw new IllegalArgumentException("simulated time cannot go backwards: " + cycle + " < " + now);
        }
        while (size > 0 && cycles[0] <= cycle) {
            long due = cycles[0];
            Runnable action = actions[0];
            removeAt(0);
            // An event scheduled in the past fires "now", never moving time backwards.
            now = Math.max(now, due);
            action.run();
        }
        now = cycle;
    }

    private void removeAt(int i) {
        int last = --size;
        if (i != last) {
            cycles[i] = cycles[last];
            sequences[i] = sequences[last];
            actions[i] = actions[last];
            actions[last] = null;
            siftDown(i);
            siftUp(i);
        } else {
            actions[last] = null;
        }
    }

    private boolean less(int a, int b) {
        return cycles[a] < cycles[b] || (cycles[a] == cycles[b] && sequences[a] < sequences[b]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        long c = cycles[a];
        cycles[a] = cycles[b];
        cycles[b] = c;
        long s = sequences[a];
        sequences[a] = sequences[b];
        sequences[b] = s;
        Runnable r = actions[a];
        actions[a] = actions[b];
        actions[b] = r;
    }

    private void grow() {
        int n = cycles.length * 2;
        cycles = Arrays.copyOf(cycles, n);
        sequences = Arrays.copyOf(sequences, n);
        actions = Arrays.copyOf(actions, n);
    }
}
