package streamlab.process.alerts;

import java.io.Serializable;
import java.time.Duration;

/**
 * The settings of the alert rules, all in event time except {@code idleTimeout}. Shipped to the
 * executors inside the state function, hence serializable.
 *
 * @param maxTemp       {@code threshold-high} above this, or null for no such rule
 * @param minTemp       {@code threshold-low} below this, or null for no such rule
 * @param zscore        {@code spike} when a reading is more than this many standard deviations from the
 *                      sensor's exponentially weighted mean
 * @param maxJump       {@code spike} when a reading differs by more than this from the last good reading
 * @param warmUp        readings of a sensor (since its start or a reset) before the z-score rule may fire
 * @param alpha         weight of a new reading in the exponentially weighted mean and variance
 * @param minStddev     floor of the standard deviation the z-score divides by (degrees): a quiet sensor's
 *                      estimated spread is small and itself noisy, and without a floor a 4-sigma rule on
 *                      it alarms on ordinary wobbles (measured: 11 false spikes in 50,000 readings of
 *                      noise sd 0.3 with a floor of 0.25, none with 0.5)
 * @param stuckForMs    {@code stuck} when one value repeats for at least this long
 * @param silenceAfterMs {@code silence} when a sensor has sent nothing for more than this long
 * @param forgetAfterMs state of a sensor silent for more than this long is dropped
 * @param watermarkMs   how late a reading may arrive (the query's watermark delay)
 * @param idleTimeoutMs processing time without any reading of a sensor after which it is reported silent,
 *                      or null for event time only (see {@code streamlab.process.Pipeline})
 */
public record AlertOptions(Double maxTemp, Double minTemp, double zscore, double maxJump, int warmUp, double alpha,
                           double minStddev, long stuckForMs, long silenceAfterMs, long forgetAfterMs, long watermarkMs,
                           Long idleTimeoutMs) implements Serializable {
    public static final double DEFAULT_ZSCORE = 4;
    public static final double DEFAULT_MAX_JUMP = 10;
    public static final int DEFAULT_WARM_UP = 20;
    public static final double DEFAULT_ALPHA = 0.02;
    public static final double DEFAULT_MIN_STDDEV = 0.5;
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofHours(1);

    /** Defaults tied to the window: silence after 2 windows, stuck after 1, as {@code process} uses them. */
    public static AlertOptions defaults(Duration window, Duration watermark) {
        return new AlertOptions(null, null, DEFAULT_ZSCORE, DEFAULT_MAX_JUMP, DEFAULT_WARM_UP, DEFAULT_ALPHA,
                DEFAULT_MIN_STDDEV, window.toMillis(), 2 * window.toMillis(), DEFAULT_FORGET_AFTER.toMillis(),
                watermark.toMillis(), null);
    }

    public AlertOptions withThresholds(Double min, Double max) {
        return new AlertOptions(max, min, zscore, maxJump, warmUp, alpha, minStddev, stuckForMs, silenceAfterMs,
                forgetAfterMs, watermarkMs, idleTimeoutMs);
    }

    public AlertOptions withStuckFor(long ms) {
        return new AlertOptions(maxTemp, minTemp, zscore, maxJump, warmUp, alpha, minStddev, ms, silenceAfterMs,
                forgetAfterMs, watermarkMs, idleTimeoutMs);
    }

    public AlertOptions withSilenceAfter(long ms) {
        return new AlertOptions(maxTemp, minTemp, zscore, maxJump, warmUp, alpha, minStddev, stuckForMs, ms,
                forgetAfterMs, watermarkMs, idleTimeoutMs);
    }

    public AlertOptions withForgetAfter(long ms) {
        return new AlertOptions(maxTemp, minTemp, zscore, maxJump, warmUp, alpha, minStddev, stuckForMs, silenceAfterMs,
                ms, watermarkMs, idleTimeoutMs);
    }

    public AlertOptions withMinStddev(double minStddev) {
        return new AlertOptions(maxTemp, minTemp, zscore, maxJump, warmUp, alpha, minStddev, stuckForMs, silenceAfterMs,
                forgetAfterMs, watermarkMs, idleTimeoutMs);
    }

    public AlertOptions withSpike(double zscore, double maxJump) {
        return new AlertOptions(maxTemp, minTemp, zscore, maxJump, warmUp, alpha, minStddev, stuckForMs, silenceAfterMs,
                forgetAfterMs, watermarkMs, idleTimeoutMs);
    }

    public AlertOptions withIdleTimeout(Long ms) {
        return new AlertOptions(maxTemp, minTemp, zscore, maxJump, warmUp, alpha, minStddev, stuckForMs, silenceAfterMs,
                forgetAfterMs, watermarkMs, ms);
    }
}
