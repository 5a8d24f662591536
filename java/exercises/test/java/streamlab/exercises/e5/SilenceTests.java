package streamlab.exercises.e5;

import static streamlab.exercises.testing.StreamScenario.reading;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import streamlab.exercise.AlertsQuery;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercises.testing.ExerciseResults;
import streamlab.exercises.testing.StreamScenario;

/**
 * What exercise 5's query must do, step by step, with literal expected rows. {@link SilenceExerciseTest} runs
 * these on your class; the kit's suite runs them on the reference solution too. Settings: the defaults,
 * watermark 30 s, silence after 2 minutes. The watermark only moves with readings, so sensor-2 keeps talking
 * to move it while sensor-1 is silent.
 */
@ExtendWith(ExerciseResults.class)
public abstract class SilenceTests {
    private static final String ALERT = "sensor | kind | start | end | value | rule";

    /** The query under test. */
    protected abstract AlertsQuery job();

    @Test
    void aSilenceOpensOnlyOnceTheWatermarkIsPastTheLastReadingPlusSilenceAfter() {
        try (StreamScenario s = StreamScenario.alerts(job(), ExerciseSettings.DEFAULTS)) {
            s.add(reading("sensor-1", "00:00:10", 0, 20.0), reading("sensor-2", "00:00:10", 0, 30.0));
            s.process().expectNothing();
            // sensor-1 says nothing more. The watermark reaches 00:02:10 = 00:00:10 + 2m: not past it yet.
            s.add(reading("sensor-2", "00:01:30", 1, 30.0), reading("sensor-2", "00:02:40", 2, 30.0));
            s.process().expectNothing();
            // One second more of event time: the watermark (00:02:11) is past 00:02:10, the timeout fires.
            s.add(reading("sensor-2", "00:02:41", 3, 30.0));
            s.process().expect(ALERT, "sensor-1 | silence | 00:00:10 |  |  | silence>2m");
        }
    }

    @Test
    void theFirstReadingAfterTheGapClosesTheSilenceLateOnesDoNot() {
        try (StreamScenario s = StreamScenario.alerts(job(), ExerciseSettings.DEFAULTS)) {
            s.add(reading("sensor-1", "00:00:10", 0, 20.0), reading("sensor-2", "00:00:10", 0, 30.0));
            s.process().expectNothing();
            s.add(reading("sensor-2", "00:01:30", 1, 30.0), reading("sensor-2", "00:03:00", 2, 30.0));
            s.process().expect("sensor | start | end", "sensor-1 | 00:00:10 | ");
            // A reading of 00:01:00 is behind the watermark (00:02:30): dropped, it cannot end the silence.
            s.add(reading("sensor-1", "00:01:00", 1, 20.0));
            s.process().expectNothing().expectDropped(1);
            // sensor-1 speaks again: the same episode (sensor, kind, start) is written again, with its end.
            s.add(reading("sensor-1", "00:03:20", 2, 20.0), reading("sensor-1", "00:03:25", 3, 20.0));
            s.process().expect(ALERT, "sensor-1 | silence | 00:00:10 | 00:03:20 |  | silence>2m");
        }
    }

    @Test
    void aGapOfAtMostSilenceAfterIsNoSilenceOutOfOrderReadingsNeither() {
        try (StreamScenario s = StreamScenario.alerts(job(), ExerciseSettings.DEFAULTS)) {
            s.add(reading("sensor-1", "00:00:00", 0, 20.0), reading("sensor-2", "00:00:00", 0, 30.0));
            s.process().expectNothing();
            // Exactly 2 minutes between sensor-1's readings; 00:01:30 arrives after 00:02:00, out of order.
            s.add(reading("sensor-1", "00:02:00", 2, 20.0), reading("sensor-2", "00:01:00", 1, 30.0),
                    reading("sensor-2", "00:02:00", 2, 30.0));
            s.process().expectNothing();
            s.add(reading("sensor-1", "00:01:30", 1, 20.0), reading("sensor-1", "00:03:00", 3, 20.0),
                    reading("sensor-2", "00:03:00", 3, 30.0));
            s.process().expectNothing();
        }
    }

    @Test
    void aWholeGapInOneMicroBatchIsWrittenClosedAtOnce() {
        ExerciseSettings thirtySeconds = new ExerciseSettings(Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
        try (StreamScenario s = StreamScenario.alerts(job(), thirtySeconds)) {
            // A fast replay: the readings before and after sensor-3's gap arrive together, before any timeout.
            s.add(reading("sensor-3", "00:00:00", 0, 20.0), reading("sensor-3", "00:00:50", 1, 20.0),
                    reading("sensor-3", "00:00:10", 2, 20.0), reading("sensor-3", "00:01:00", 3, 20.0));
            s.process().expect(ALERT, "sensor-3 | silence | 00:00:10 | 00:00:50 |  | silence>30s");
        }
    }
}
