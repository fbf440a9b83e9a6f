package org.hvsim.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedTimeTest {
    private final SimulatedTime time = new SimulatedTime();
    private final List<String> fired = new ArrayList<>();

    @Test
    void firesInCycleOrderThenSchedulingOrder() {
        time.schedule(30, () -> fired.add("c30"));
        time.schedule(10, () -> fired.add("a10"));
        time.schedule(20, () -> fired.add("b20-first"));
        time.schedule(20, () -> fired.add("b20-second"));
        assertThat(time.nextEventCycle()).isEqualTo(10);
        time.runDue(25);
        assertThat(fired).containsExactly("a10", "b20-first", "b20-second");
        assertThat(time.now()).isEqualTo(25);
        assertThat(time.nextEventCycle()).isEqualTo(30);
    }

    @Test
    void nowIsTheEventCycleDuringItsAction() {
        long[] seen = new long[1];
        time.schedule(100, () -> seen[0] = time.now());
        time.runDue(1000);
        assertThat(seen[0]).isEqualTo(100);
        assertThat(time.now()).isEqualTo(1000);
    }

    @Test
    void periodicRescheduleOfTheSameRunnableFiresEveryPeriodWithinOneRun() {
        int[] count = new int[1];
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            count[0]++;
            time.schedule(time.now() + 10, tick[0]);
        };
        time.schedule(10, tick[0]);
        time.runDue(55);
        assertThat(count[0]).isEqualTo(5);
        assertThat(time.nextEventCycle()).isEqualTo(60);
        assertThat(time.pendingEvents()).isEqualTo(1);
    }

    @Test
    void cancelRemovesOnlyThatEvent() {
        long a = time.schedule(10, () -> fired.add("a"));
        time.schedule(10, () -> fired.add("b"));
        long c = time.schedule(5, () -> fired.add("c"));
        time.cancel(a);
        time.cancel(c);
        time.cancel(12345); // unknown: ignored
        time.runDue(10);
        assertThat(fired).containsExactly("b");
        assertThat(time.nextEventCycle()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void manyEventsComeOutSorted() {
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long cycle = (i * 7919L) % 1000;
            time.schedule(cycle, () -> order.add(time.now()));
        }
        time.runDue(1000);
        assertThat(order).hasSize(200).isSorted();
    }

    @Test
    void pastEventsFireWithoutMovingTimeBackwards() {
        time.runDue(100);
        long[] seen = new long[1];
        time.schedule(50, () -> seen[0] = time.now());
        time.runDue(100);
        assertThat(seen[0]).isEqualTo(100);
        assertThatThrownBy(() -> time.runDue(99)).isInstanceOf(IllegalArgumentException.class);
    }
}
