package streamlab.process;

import java.time.Duration;
import streamlab.common.Durations;

/**
 * A micro-batch trigger: every {@code interval}, or {@code available-now} (process what the topic holds
 * at start, emit what the final watermark closes, stop).
 */
public record TriggerSpec(Duration interval, boolean availableNow) {
    public static final String AVAILABLE_NOW = "available-now";

    public static TriggerSpec every(Duration interval) {
        return new TriggerSpec(interval, false);
    }

    public static TriggerSpec untilCaughtUp() {
        return new TriggerSpec(Duration.ZERO, true);
    }

    @Override
    public String toString() {
        return availableNow ? AVAILABLE_NOW : Durations.format(interval);
    }
}
