package streamlab.process.alerts;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.time.Duration;
import streamlab.common.DurationConverter;
import streamlab.common.Durations;

/** The alert options of {@code process} (a {@code @ParametersDelegate}); durations are event time unless said. */
public class AlertArgs {
    @Parameter(names = "--max-temp", description = "Alert threshold-high for readings above this (degrees; default: no such alert)")
    public Double maxTemp;

    @Parameter(names = "--min-temp", description = "Alert threshold-low for readings below this (degrees; default: no such alert)")
    public Double minTemp;

    @Parameter(names = "--zscore", description = "Alert spike for a reading more than this many standard deviations from the sensor's moving mean")
    public double zscore = AlertOptions.DEFAULT_ZSCORE;

    @Parameter(names = "--min-stddev", description = "Floor of the standard deviation used by --zscore (degrees), so quiet sensors do not alarm on wobbles")
    public double minStddev = AlertOptions.DEFAULT_MIN_STDDEV;

    @Parameter(names = "--max-jump", description = "Alert spike for a reading more than this many degrees from the last good one")
    public double maxJump = AlertOptions.DEFAULT_MAX_JUMP;

    @Parameter(names = "--stuck-for", converter = DurationConverter.class, description = "Alert stuck when one value repeats this long (default: one window)")
    public Duration stuckFor;

    @Parameter(names = "--silence-after", converter = DurationConverter.class, description = "Alert silence when a sensor sent nothing for longer than this (default: two windows)")
    public Duration silenceAfter;

    @Parameter(names = "--idle-timeout", converter = DurationConverter.class,
            description = "Also alert silence after this much wall-clock time without input, even when every sensor is quiet (processing time: not reproducible by a replay)")
    public Duration idleTimeout;

    @Parameter(names = "--forget-after", converter = DurationConverter.class,
            description = "Drop the alert state of a sensor silent this long (default: 1h, or twice --silence-after if that is longer)")
    public Duration forgetAfter;

    /** The options for windows of {@code window} and a watermark of {@code watermark}; one line per bad value. */
    public AlertOptions toOptions(Duration window, Duration watermark) {
        if (!(zscore > 0)) throw new ParameterException("--zscore must be more than 0, got " + zscore);
        if (!(minStddev >= 0)) throw new ParameterException("--min-stddev must not be negative, got " + minStddev);
        if (!(maxJump > 0)) throw new ParameterException("--max-jump must be more than 0, got " + maxJump);
        if (maxTemp != null && minTemp != null && minTemp >= maxTemp) {
            throw new ParameterException("--min-temp (" + minTemp + ") must be below --max-temp (" + maxTemp + ")");
        }
        AlertOptions options = AlertOptions.defaults(window, watermark).withThresholds(minTemp, maxTemp).withSpike(zscore, maxJump)
                .withMinStddev(minStddev);
        if (stuckFor != null) options = options.withStuckFor(positive("--stuck-for", stuckFor));
        if (silenceAfter != null) options = options.withSilenceAfter(positive("--silence-after", silenceAfter));
        // Derived when not given, so long windows (and with them a long default --silence-after) never
        // make the defaults contradict each other.
        Duration forget = forgetAfter != null ? Duration.ofMillis(positive("--forget-after", forgetAfter))
                : Duration.ofMillis(Math.max(AlertOptions.DEFAULT_FORGET_AFTER.toMillis(), 2 * options.silenceAfterMs()));
        options = options.withForgetAfter(forget.toMillis());
        if (options.forgetAfterMs() <= options.silenceAfterMs()) {
            throw new ParameterException("--forget-after (" + Durations.format(forget) + ") must be longer than --silence-after ("
                    + Durations.format(Duration.ofMillis(options.silenceAfterMs())) + ")");
        }
        if (idleTimeout != null) options = options.withIdleTimeout(positive("--idle-timeout", idleTimeout));
        return options;
    }

    private static long positive(String option, Duration d) {
        if (d.isZero() || d.isNegative()) throw new ParameterException(option + " must be longer than 0");
        return d.toMillis();
    }
}
