package streamlab.exercise;

import java.io.Serializable;
import java.time.Duration;

/**
 * The settings a student's query receives, the same as {@code process}'s options of the same names, so that
 * the two jobs can be compared on the same input. Durations come twice: as {@link Duration} and as the
 * strings Spark's own API takes ({@code window(col, "60 seconds")}, {@code withWatermark(col, "30 seconds")}).
 *
 * @param window    length of a window ({@code --window}, default 1 minute)
 * @param slide     slide of sliding windows ({@code --slide}); equal to {@code window} for tumbling windows
 * @param watermark how late a reading may be and still count ({@code --watermark}, default 30 s)
 * @param stuckFor  alert rule of exercise 5 ({@code --stuck-for}): one value repeated for this long of event
 *                  time makes a sensor stuck (default one window)
 * @param silenceAfter alert rule of exercise 5 ({@code --silence-after}): no reading for longer than this (event
 *                  time) is a silence (default two windows)
 * @param maxFuture exercise 1 ({@code --max-future}): a reading further ahead of the wall clock is a dead letter
 */
public record ExerciseSettings(Duration window, Duration slide, Duration watermark, Duration stuckFor, Duration silenceAfter,
                               Duration maxFuture)
        implements Serializable {

    public static final ExerciseSettings DEFAULTS = new ExerciseSettings(Duration.ofMinutes(1), Duration.ofMinutes(1),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5));

    public ExerciseSettings {
        if (slide == null) slide = window;
    }

    /** The window length as Spark's {@code window()} wants it, e.g. {@code "60 seconds"}. */
    public String windowDuration() {
        return spark(window);
    }

    /** The slide as Spark's {@code window()} wants it; the window length for tumbling windows. */
    public String slideDuration() {
        return spark(slide);
    }

    /** The watermark delay as {@code withWatermark} wants it, e.g. {@code "30 seconds"}. */
    public String watermarkDelay() {
        return spark(watermark);
    }

    /** Sliding (a reading falls into several windows) rather than tumbling. */
    public boolean sliding() {
        return !slide.equals(window);
    }

    public ExerciseSettings withWatermark(Duration d) {
        return new ExerciseSettings(window, slide, d, stuckFor, silenceAfter, maxFuture);
    }

    public ExerciseSettings withWindow(Duration length, Duration slideEvery) {
        return new ExerciseSettings(length, slideEvery, watermark, stuckFor, silenceAfter, maxFuture);
    }

    /** Whole seconds where possible: that is what students read in Spark's documentation. */
    static String spark(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " seconds" : ms + " milliseconds";
    }
}
