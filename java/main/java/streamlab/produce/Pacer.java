package streamlab.produce;

import java.util.function.BooleanSupplier;

/**
 * Decides when each record goes out: at its event time (scaled by a speedup), at a fixed total
 * rate, or at once. Schedules are absolute (offset from the first record), so sleeping late never
 * accumulates into drift. Also ends the run at the wall-clock deadline ({@code --duration}).
 *
 * <p>The clock is read only when the next record might be early, or every 1024 records when the
 * pacer is behind or unlimited, to keep the per-record cost off the hot path.
 */
final class Pacer {
    private static final long MAX_SLEEP_NANOS = 100_000_000L;
    private static final int CHECK_EVERY = 1024;

    private final Ticker ticker;
    private final BooleanSupplier stop;
    private final long startNanos;
    private final long deadlineNanos;
    /** Nanos of wall time per ms of event time (event mode), or per record (rate mode); 0 for no pacing. */
    private final double nanosPerUnit;
    private final boolean byEventTime;
    private final long eventStartMs;
    private long lastNanos;
    private int calls;

    private Pacer(Ticker ticker, BooleanSupplier stop, long durationNanos, double nanosPerUnit,
                  boolean byEventTime, long eventStartMs) {
        this.ticker = ticker;
        this.stop = stop;
        this.startNanos = ticker.nanoTime();
        this.deadlineNanos = durationNanos <= 0 || durationNanos > Long.MAX_VALUE / 4
                ? Long.MAX_VALUE : startNanos + durationNanos;
        this.nanosPerUnit = nanosPerUnit;
        this.byEventTime = byEventTime;
        this.eventStartMs = eventStartMs;
        this.lastNanos = startNanos;
    }

    /** Event time runs {@code speedup} times faster than wall time. */
    static Pacer eventTime(Ticker t, BooleanSupplier stop, long durationNanos, long eventStartMs, double speedup) {
        return new Pacer(t, stop, durationNanos, 1_000_000.0 / speedup, true, eventStartMs);
    }

    /** {@code perSecond} records per second in total; infinity for as fast as possible. */
    static Pacer rate(Ticker t, BooleanSupplier stop, long durationNanos, double perSecond) {
        return new Pacer(t, stop, durationNanos, Double.isInfinite(perSecond) ? 0 : 1e9 / perSecond, false, 0);
    }

    long startNanos() {
        return startNanos;
    }

    /**
     * Waits until record number {@code index} (from 0), due at event time {@code sendTime}, may go.
     * Returns false instead when the deadline passed or a stop was requested.
     */
    boolean await(long index, long sendTime) {
        if (nanosPerUnit == 0 || (byEventTime && sendTime < eventStartMs)) return check();
        double units = byEventTime ? sendTime - eventStartMs : index;
        long due = startNanos + (long) (units * nanosPerUnit);
        if (due - lastNanos <= 0) return check();
        while (true) {
            long now = ticker.nanoTime();
            lastNanos = now;
            if (now - deadlineNanos >= 0 || stop.getAsBoolean()) return false;
            long wait = Math.min(due - now, deadlineNanos - now);
            if (wait <= 0) return true;
            ticker.sleepNanos(Math.min(wait, MAX_SLEEP_NANOS));
        }
    }

    private boolean check() {
        if (++calls % CHECK_EVERY != 0) return true;
        if (stop.getAsBoolean()) return false;
        if (deadlineNanos == Long.MAX_VALUE) return true;
        lastNanos = ticker.nanoTime();
        return lastNanos - deadlineNanos < 0;
    }
}
