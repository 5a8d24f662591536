package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PacerTest {
    /** A clock that only moves when the pacer sleeps, so tests see exactly when records would go out. */
    static final class FakeTicker implements Ticker {
        long now = 1_000_000_000L;
        long reads;

        @Override
        public long nanoTime() {
            reads++;
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    @Test
    void eventTimeAtSpeedupTen() {
        FakeTicker t = new FakeTicker();
        long t0 = t.now;
        Pacer p = Pacer.eventTime(t, () -> false, 0, 5_000, 10);
        // 3 sensors, ticks 1 s of event time apart: each tick goes out 100 ms after the previous
        for (int tick = 0; tick < 50; tick++) {
            for (int s = 0; s < 3; s++) {
                assertThat(p.await(tick * 3L + s, 5_000 + tick * 1000L)).isTrue();
                assertThat(t.now - t0).isEqualTo(tick * 100_000_000L);
            }
        }
    }

    @Test
    void fixedRate() {
        FakeTicker t = new FakeTicker();
        long t0 = t.now;
        Pacer p = Pacer.rate(t, () -> false, 0, 250);
        for (int i = 0; i < 1000; i++) assertThat(p.await(i, 0)).isTrue();
        // record 999 is due at 999/250 s
        assertThat(t.now - t0).isEqualTo(3_996_000_000L);
    }

    @Test
    void unlimitedNeverSleepsAndRarelyReadsTheClock() {
        FakeTicker t = new FakeTicker();
        long t0 = t.now;
        Pacer p = Pacer.rate(t, () -> false, 5_000_000_000L, Double.POSITIVE_INFINITY);
        for (int i = 0; i < 100_000; i++) assertThat(p.await(i, 0)).isTrue();
        assertThat(t.now).isEqualTo(t0);
        assertThat(t.reads).isLessThan(200);
    }

    @Test
    void stopsAtTheDeadlineEvenWhileWaiting() {
        FakeTicker t = new FakeTicker();
        long t0 = t.now;
        Pacer p = Pacer.rate(t, () -> false, 2_500_000_000L, 1); // 1 record/s for 2.5 s
        int sent = 0;
        while (p.await(sent, 0)) sent++;
        assertThat(sent).isEqualTo(3); // at 0, 1 and 2 s
        assertThat(t.now - t0).isEqualTo(2_500_000_000L);
    }

    @Test
    void stopRequestEndsAWait() {
        FakeTicker t = new FakeTicker();
        AtomicBoolean stop = new AtomicBoolean();
        Pacer p = Pacer.eventTime(t, stop::get, 0, 0, 1);
        assertThat(p.await(0, 0)).isTrue();
        stop.set(true);
        assertThat(p.await(1, 3_600_000)).isFalse();
    }

    @Test
    void unlimitedWithDeadlineStopsOnceItPassed() {
        FakeTicker t = new FakeTicker();
        Pacer p = Pacer.rate(t, () -> false, 1_000, Double.POSITIVE_INFINITY);
        t.now += 2_000;
        int sent = 0;
        while (p.await(sent, 0) && sent < 10_000) sent++;
        assertThat(sent).isLessThan(1024);
    }
}
