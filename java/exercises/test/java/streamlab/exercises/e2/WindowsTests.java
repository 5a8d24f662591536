package streamlab.exercises.e2;

import static streamlab.exercises.testing.StreamScenario.reading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;
import streamlab.exercises.testing.ExerciseResults;
import streamlab.exercises.testing.StreamScenario;

/**
 * What exercise 2's query must do, step by step, with literal expected rows. {@link WindowsExerciseTest} runs
 * these on your class; the kit's suite runs them on the reference solution too.
 */
@ExtendWith(ExerciseResults.class)
public abstract class WindowsTests {
    private static final String ALL = "sensor | window | count | min | max | avg | stddev | first_ts | last_ts | seq_gaps";

    /** The query under test. */
    protected abstract WindowsQuery job();

    @Test
    void aWindowIsWrittenOnceTheWatermarkPassesItsEnd() {
        try (StreamScenario s = StreamScenario.windows(job(), ExerciseSettings.DEFAULTS)) {
            s.add(reading("sensor-1", "00:00:10", 0, 20.0), reading("sensor-1", "00:00:40", 1, 22.0),
                    reading("sensor-2", "00:00:20", 0, 30.0));
            // Newest event time 00:00:40, watermark 00:00:10: the window 00:00-00:01 is still open.
            s.process().expectNothing();
            // 00:01:35 moves the watermark to 00:01:05, past the end of 00:00-00:01: both sensors' windows close.
            s.add(reading("sensor-1", "00:01:35", 2, 21.0));
            s.process().expect(ALL,
                    "sensor-1 | 00:00:00-00:01:00 | 2 | 20.0 | 22.0 | 21.0 | 1.0 | 00:00:10 | 00:00:40 | 0",
                    "sensor-2 | 00:00:00-00:01:00 | 1 | 30.0 | 30.0 | 30.0 | 0.0 | 00:00:20 | 00:00:20 | 0");
        }
    }

    @Test
    void outOfOrderReadingsCountLateOnesAreDropped() {
        try (StreamScenario s = StreamScenario.windows(job(), ExerciseSettings.DEFAULTS)) {
            s.add(reading("sensor-1", "00:00:30", 0, 20.0), reading("sensor-1", "00:01:20", 2, 22.0));
            s.process().expectNothing(); // watermark 00:00:50
            // 00:00:55 is out of order but not behind the watermark: it still counts in 00:00-00:01.
            s.add(reading("sensor-1", "00:00:55", 1, 21.0), reading("sensor-1", "00:01:40", 3, 23.0));
            s.process().expect("sensor | window | count | avg", "sensor-1 | 00:00:00-00:01:00 | 2 | 20.5");
            // The watermark is now 00:01:10: a reading of 00:00:50 belongs to a window already written.
            s.add(reading("sensor-1", "00:00:50", 9, 99.0));
            s.process().expectNothing().expectDropped(1);
        }
    }

    @Test
    void gapsInSeqAreCountedPerWindow() {
        try (StreamScenario s = StreamScenario.windows(job(), ExerciseSettings.DEFAULTS)) {
            // seq 2 and 3 never arrive.
            s.add(reading("sensor-7", "00:02:00", 0, 10.0), reading("sensor-7", "00:02:05", 1, 11.0),
                    reading("sensor-7", "00:02:20", 4, 13.0), reading("sensor-7", "00:03:31", 5, 12.0));
            s.process().expect("sensor | window | count | min | max | avg | stddev | seq_gaps",
                    "sensor-7 | 00:02:00-00:03:00 | 3 | 10.0 | 13.0 | 11.333 | 1.2472 | 2");
        }
    }

    @Test
    void theWindowLengthAndWatermarkComeFromTheSettings() {
        ExerciseSettings tenSeconds = ExerciseSettings.DEFAULTS
                .withWindow(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(10))
                .withWatermark(java.time.Duration.ofSeconds(5));
        try (StreamScenario s = StreamScenario.windows(job(), tenSeconds)) {
            s.add(reading("sensor-1", "00:00:01", 0, 20.0), reading("sensor-1", "00:00:12", 1, 21.0),
                    reading("sensor-1", "00:00:26", 2, 22.0));
            // Watermark 00:00:21: 00:00:00-00:00:10 and 00:00:10-00:00:20 are closed, 00:00:20-00:00:30 is not.
            s.process().expect("sensor | window | count",
                    "sensor-1 | 00:00:00-00:00:10 | 1",
                    "sensor-1 | 00:00:10-00:00:20 | 1");
        }
    }
}
