package streamlab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimePacerTest {
    /** A clock that only moves when the pacer sleeps or the test says work took time. */
    static final class FakeClock implements EventTimePacer.Clock {
        long now = 5_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();
        boolean stopRequested;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public boolean sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
            return !stopRequested;
        }
    }

    private static List<Long> delays(double speed, long... eventMillis) {
        FakeClock clock = new FakeClock();
        EventTimePacer pacer = new EventTimePacer(speed, clock);
        List<Long> out = new ArrayList<>();
        for (long t : eventMillis) {
            long d = pacer.delayNanos(t);
            out.add(d);
            clock.sleepNanos(d);
        }
        return out;
    }

    @Test
    void speedOneKeepsTheRecordedGaps() {
        assertThat(delays(1, 1_000, 2_000, 2_500, 4_000, 4_000))
                .containsExactly(0L, 1_000_000_000L, 500_000_000L, 1_500_000_000L, 0L);
    }

    @Test
    void speedSixtyDividesTheGaps() {
        assertThat(delays(60, 0, 1_000, 61_000)).containsExactly(0L, 16_666_666L, 1_000_000_000L);
    }

    @Test
    void fractionalSpeedStretchesTheGaps() {
        assertThat(delays(0.5, 0, 1_000)).containsExactly(0L, 2_000_000_000L);
    }

    @Test
    void maxSpeedNeverWaits() {
        FakeClock clock = new FakeClock();
        EventTimePacer pacer = new EventTimePacer(Double.POSITIVE_INFINITY, clock);
        for (long t = 0; t < 10_000_000; t += 1_000_000) assertThat(pacer.awaitDue(t)).isTrue();
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void timeLostSendingIsCaughtUpNotAccumulated() {
        FakeClock clock = new FakeClock();
        EventTimePacer pacer = new EventTimePacer(1, clock);
        assertThat(pacer.delayNanos(0)).isZero();
        clock.now += 2_500_000_000L; // a stall of 2.5 s, e.g. the broker was slow
        assertThat(pacer.delayNanos(1_000)).isZero();
        assertThat(pacer.delayNanos(2_000)).isZero();
        assertThat(pacer.delayNanos(3_000)).isEqualTo(500_000_000L);
    }

    @Test
    void eventTimeGoingBackwardsIsDueAtOnce() {
        assertThat(delays(1, 10_000, 9_000, 11_000)).containsExactly(0L, 0L, 1_000_000_000L);
    }

    @Test
    void stopDuringAWaitIsReported() {
        FakeClock clock = new FakeClock();
        EventTimePacer pacer = new EventTimePacer(1, clock);
        assertThat(pacer.awaitDue(0)).isTrue();
        clock.stopRequested = true;
        assertThat(pacer.awaitDue(60_000)).isFalse();
    }
}
