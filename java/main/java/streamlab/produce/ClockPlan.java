package streamlab.produce;

import java.time.Duration;
import streamlab.common.Durations;

/**
 * Where {@code produce} starts its simulated clock, and how far ahead of the wall clock the run will
 * write. {@code process} sends readings more than {@code --max-future} (default 5m) ahead of the wall
 * clock to its DLQ, so a run faster than real time that starts at "now" loses most of its readings
 * there. When {@code --count} or {@code --duration} fixes how much event time the run covers and no
 * {@code --start} is given, the clock starts just early enough that each reading is at or behind the
 * wall clock when it is sent (the last one right at it); a run that goes ahead anyway gets a warning.
 *
 * @param startMs   event time of the first tick
 * @param shiftMs   how far before now the default start was moved (0 when not moved or --start given)
 * @param aheadMs   most any reading will be ahead of the wall clock when sent, Long.MAX_VALUE for no bound
 * @param warning   one line for stderr when the run goes ahead of the wall clock, or null
 */
record ClockPlan(long startMs, long shiftMs, long aheadMs, String warning) {
    /** What process accepts by default (its --max-future). */
    static final Duration PROCESS_MAX_FUTURE = Duration.ofMinutes(5);
    /** Ahead by less than this is rounding (the start is whole seconds), not worth a warning. */
    private static final long TOLERANCE_MS = 1_000;

    /**
     * @param nowMs    the wall clock, whole seconds
     * @param start    {@code --start}, or null
     * @param speed    event-time ms per wall-clock ms, at most (infinite for {@code --rate max})
     * @param spanMs   event time from the first tick to the last reading at most, or -1 when unbounded
     * @param unbounded what leaves the span open, for the warning ("no --count or --duration")
     */
    static ClockPlan of(long nowMs, Long start, double speed, long spanMs, String unbounded) {
        boolean faster = speed > 1;
        long shift = 0;
        long startMs = nowMs;
        if (start != null) {
            startMs = start;
        } else if (faster && spanMs >= 0) {
            // The reading at event offset x goes out at wall offset x / speed at the earliest.
            shift = (long) Math.ceil(spanMs * (1 - 1 / speed));
            shift = (shift + 999) / 1000 * 1000;
            startMs = nowMs - shift;
        }
        long ahead;
        if (!faster) {
            ahead = startMs - nowMs;
        } else if (spanMs < 0) {
            ahead = Long.MAX_VALUE;
        } else {
            ahead = Math.max(startMs - nowMs, startMs - nowMs + (long) Math.floor(spanMs * (1 - 1 / speed)));
        }
        return new ClockPlan(startMs, shift, ahead, warning(nowMs, startMs, speed, ahead, unbounded));
    }

    private static String warning(long nowMs, long startMs, double speed, long ahead, String unbounded) {
        if (ahead <= TOLERANCE_MS) return null;
        String dlq = "process sends readings more than --max-future (default " + Durations.format(PROCESS_MAX_FUTURE)
                + ") ahead of the wall clock to its DLQ";
        if (ahead == Long.MAX_VALUE) {
            String pace = Double.isInfinite(speed) ? "as fast as possible" : "up to " + times(speed) + "x real time";
            long behind = nowMs - startMs;
            // wall time w until event time passes now + max-future: behind + max-future = w * (speed - 1)
            double wallSecs = Double.isInfinite(speed) ? 0
                    : (behind + PROCESS_MAX_FUTURE.toMillis()) / (speed - 1) / 1000;
            return "produce: warning: event time runs " + pace + " with " + unbounded + ", so readings get ahead of the"
                    + " wall clock, more than " + Durations.format(PROCESS_MAX_FUTURE) + " ahead "
                    + (wallSecs < 1 ? "within a second" : "after about " + approx(wallSecs)) + "; " + dlq
                    + ". Give --count or --duration (produce then starts early enough), an earlier --start,"
                    + " or run process with a larger --max-future";
        }
        return "produce: warning: this run writes readings up to " + approx(ahead / 1000.0) + " ahead of the wall clock; "
                + dlq + ". Give an earlier --start (or none), or run process with --max-future "
                + Durations.format(roundUp(ahead - TOLERANCE_MS));
    }

    private static String times(double speed) {
        return speed == Math.rint(speed) && speed < 1e15 ? Long.toString((long) speed) : String.format("%.1f", speed);
    }

    /** "45s", "12m", "4h55m", "3d": rounded to the unit that matters, for a sentence. */
    static String approx(double secs) {
        if (secs < 90) return Math.round(Math.max(1, secs)) + "s";
        long minutes = Math.round(secs / 60);
        if (minutes < 60) return minutes + "m";
        if (minutes < 48 * 60) return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m");
        return Math.round(secs / 86400) + "d";
    }

    /** A --max-future that covers {@code ms}: whole minutes, hours or days, rounded up. */
    static Duration roundUp(long ms) {
        long unit = ms <= 3_600_000L ? 60_000L : ms <= 86_400_000L ? 3_600_000L : 86_400_000L;
        return Duration.ofMillis((ms + unit - 1) / unit * unit);
    }
}
