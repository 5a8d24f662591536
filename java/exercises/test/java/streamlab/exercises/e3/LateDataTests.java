package streamlab.exercises.e3;

import static streamlab.exercises.testing.StreamScenario.reading;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;
import streamlab.exercises.testing.ExerciseResults;
import streamlab.exercises.testing.StreamScenario;

/**
 * What exercise 3's query must do (part 1), step by step, with literal expected rows, in append and in update
 * mode. {@link LateDataExerciseTest} runs these on your class; the kit's suite runs them on the reference solution.
 */
@ExtendWith(ExerciseResults.class)
public abstract class LateDataTests {
    /** The query under test. */
    protected abstract WindowsQuery job();

    @Test
    void seqsListsTheReadingsThatCountedSorted() {
        try (StreamScenario s = StreamScenario.windows(job(), ExerciseSettings.DEFAULTS)) {
            s.add(reading("sensor-9", "00:03:20", 3, 20.0), reading("sensor-9", "00:03:05", 1, 21.0),
                    reading("sensor-9", "00:03:40", 2, 22.0));
            s.process().expectNothing(); // watermark 00:03:10
            s.add(reading("sensor-9", "00:04:35", 4, 23.0)); // watermark 00:04:05: 00:03-00:04 closes
            s.process().expect("sensor | window | count | avg | seq_gaps | seqs",
                    "sensor-9 | 00:03:00-00:04:00 | 3 | 21.0 | 0 | [1, 2, 3]");
            // seq 0 comes last, after its window was written: the watermark drops it, nothing changes.
            s.add(reading("sensor-9", "00:03:01", 0, 19.0));
            s.process().expectNothing().expectDropped(1);
        }
    }

    @Test
    void updateModeWritesAWindowEachTimeItChanges() {
        try (StreamScenario s = StreamScenario.windows(job(), ExerciseSettings.DEFAULTS).outputMode("update")) {
            s.add(reading("sensor-9", "00:03:05", 1, 21.0), reading("sensor-9", "00:03:20", 3, 20.0));
            // Not final, written anyway: update mode writes every window a step changed.
            s.process().expect("sensor | window | count | seqs", "sensor-9 | 00:03:00-00:04:00 | 2 | [1, 3]");
            s.add(reading("sensor-9", "00:03:40", 2, 22.0), reading("sensor-9", "00:04:10", 4, 23.0));
            s.process().expect("sensor | window | count | seqs",
                    "sensor-9 | 00:03:00-00:04:00 | 3 | [1, 2, 3]",
                    "sensor-9 | 00:04:00-00:05:00 | 1 | [4]");
            // The watermark passes 00:04:00 (00:04:30 now): 00:03-00:04 leaves the state without being written
            // again, 00:04-00:05 did not change: only the new window comes out.
            s.add(reading("sensor-9", "00:05:00", 6, 24.0));
            s.process().expect("sensor | window | count | seqs", "sensor-9 | 00:05:00-00:06:00 | 1 | [6]").expectDropped(0);
        }
    }

    @Test
    void theWatermarkComesFromTheSettings() {
        ExerciseSettings tenSeconds = ExerciseSettings.DEFAULTS.withWatermark(Duration.ofSeconds(10));
        try (StreamScenario s = StreamScenario.windows(job(), tenSeconds)) {
            // Watermark 00:04:02 after this step (with 30 s it would be 00:03:42): 00:03-00:04 is closed.
            s.add(reading("sensor-9", "00:03:05", 0, 20.0), reading("sensor-9", "00:04:12", 1, 21.0));
            s.process().expect("sensor | window | count | seqs", "sensor-9 | 00:03:00-00:04:00 | 1 | [0]");
        }
    }
}
