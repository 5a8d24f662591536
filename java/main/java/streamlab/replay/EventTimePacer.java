package streamlab.replay;

import streamlab.common.StopSignal;

/**
 * Spaces readings out in wall-clock time as they were in event time, divided by {@code speed}.
 * Each reading's due time is computed from the first one (not from the previous one), so time lost
 * while sending is caught up instead of adding up: a slow stretch is followed by readings sent
 * immediately until the schedule is met again. Event times that go backwards are due at once.
 */
public final class EventTimePacer {
    /** Wall time; injectable so that the pacing arithmetic is tested without sleeping. */
    public interface Clock {
        long nanoTime();

        /** Sleeps about this long; returns false if the wait was cut short by a stop request. */
        boolean sleepNanos(long nanos);
    }

    /** The real clock; sleeps wake early on Ctrl-C. */
    public static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public boolean sleepNanos(long nanos) {
            // Rounded up: a reading may be sent late, never before it is due.
            return StopSignal.sleep((nanos + 999_999L) / 1_000_000L);
        }
    };

    private final double speed;
    private final Clock clock;
    private boolean started;
    private long originEventMillis;
    private long originWallNanos;

    /** @param speed event-time seconds per wall-clock second; {@code Double.POSITIVE_INFINITY} for "as fast as possible" */
    public EventTimePacer(double speed, Clock clock) {
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be positive: " + speed);
        this.speed = speed;
        this.clock = clock;
    }

    public boolean unlimited() {
        return Double.isInfinite(speed);
    }

    /** How long to wait before sending a reading with this event time; the first reading starts the schedule. */
    public long delayNanos(long eventMillis) {
        if (unlimited()) return 0;
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            originEventMillis = eventMillis;
            originWallNanos = now;
            return 0;
        }
        double dueAfterNanos = (eventMillis - originEventMillis) * 1e6 / speed;
        long due = originWallNanos + (long) dueAfterNanos;
        return Math.max(0, due - now);
    }

    /** Waits until the reading is due; returns false if a stop was requested meanwhile. */
    public boolean awaitDue(long eventMillis) {
        long d = delayNanos(eventMillis);
        return d == 0 || clock.sleepNanos(d);
    }
}
