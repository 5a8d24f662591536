package streamlab.exercises.e4;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static streamlab.exercises.testing.StreamScenario.reading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import streamlab.exercise.ExerciseColumns;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.Exercises;
import streamlab.exercise.WindowsQuery;
import streamlab.exercises.testing.ExerciseResults;
import streamlab.exercises.testing.StreamScenario;
import streamlab.exercises.testing.Step;

/**
 * What exercise 4's query must do, step by step, with literal expected rows. {@link SlidingWindowsExerciseTest}
 * runs these on your class; the kit's suite runs them on the reference solution too.
 */
@ExtendWith(ExerciseResults.class)
public abstract class SlidingWindowsTests {
    /** Exercise 4's settings: windows of 1 minute every 20 s, watermark 30 s. */
    private static final ExerciseSettings SLIDING = Exercises.find(4).get().defaults();

    /** The query under test. */
    protected abstract WindowsQuery job();

    @Test
    void aReadingCountsInEveryWindowThatCoversIt() {
        try (StreamScenario s = StreamScenario.windows(job(), SLIDING)) {
            // 00:00:50 lies in the windows starting 00:00:00, 00:00:20, 00:00:40; 00:01:05 in 00:00:20, 00:00:40, 00:01:00.
            s.add(reading("sensor-1", "00:00:50", 0, 20.0), reading("sensor-1", "00:01:05", 1, 22.0));
            s.process().expectNothing(); // watermark 00:00:35: no window has ended yet
            // Watermark 00:01:45: every window that ends by then closes, each with the readings it covers.
            s.add(reading("sensor-1", "00:02:15", 2, 24.0));
            s.process().expect("sensor | window | count | min | max | avg | stddev | first_ts | last_ts | seq_gaps",
                    "sensor-1 | 00:00:00-00:01:00 | 1 | 20.0 | 20.0 | 20.0 | 0.0 | 00:00:50 | 00:00:50 | 0",
                    "sensor-1 | 00:00:20-00:01:20 | 2 | 20.0 | 22.0 | 21.0 | 1.0 | 00:00:50 | 00:01:05 | 0",
                    "sensor-1 | 00:00:40-00:01:40 | 2 | 20.0 | 22.0 | 21.0 | 1.0 | 00:00:50 | 00:01:05 | 0");
        }
    }

    @Test
    void theWindowTheSlideAndTheWatermarkComeFromTheSettings() {
        ExerciseSettings small = ExerciseSettings.DEFAULTS.withWindow(Duration.ofSeconds(30), Duration.ofSeconds(10))
                .withWatermark(Duration.ofSeconds(5));
        try (StreamScenario s = StreamScenario.windows(job(), small)) {
            s.add(reading("sensor-2", "00:00:12", 0, 10.0), reading("sensor-2", "00:00:41", 1, 12.0));
            // Watermark 00:00:36: of the windows holding 00:00:12, the two ending at 00:00:20 and 00:00:30 are closed
            // (the first began the day before), the one ending at 00:00:40 is not.
            s.process().expect("sensor | window | count | avg",
                    "sensor-2 | 23:59:50-00:00:20 | 1 | 10.0",
                    "sensor-2 | 00:00:00-00:00:30 | 1 | 10.0");
        }
    }

    @Test
    void yourOwnAggregateIsOneMoreNumericColumn() {
        try (StreamScenario s = StreamScenario.windows(job(), SLIDING)) {
            s.add(reading("sensor-3", "00:00:45", 0, 20.0), reading("sensor-3", "00:00:55", 1, 26.0),
                    reading("sensor-3", "00:01:50", 2, 23.0));
            Step step = s.process();
            step.expect("sensor | window | count", "sensor-3 | 00:00:00-00:01:00 | 2", "sensor-3 | 00:00:20-00:01:20 | 2");
            List<String> extra = new ArrayList<>();
            for (StructField f : step.rows().get(0).schema().fields()) {
                if (!ExerciseColumns.WINDOWS.containsKey(f.name()) && f.dataType() instanceof NumericType) extra.add(f.name());
            }
            assertFalse(extra.isEmpty(), "no numeric column besides exercise 2's: add an aggregate of your choice to agg(...)");
            for (Row r : step.rows()) {
                for (String name : extra) {
                    assertTrue(r.getAs(name) != null, name + " is null in " + r + ": an aggregate over a closed window has a value");
                }
            }
        }
    }
}
