package streamlab.exercises.e6;

import static streamlab.exercises.testing.StreamScenario.reading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;
import streamlab.exercises.testing.ExerciseResults;
import streamlab.exercises.testing.StreamScenario;

/**
 * What exercise 6's query must do, step by step, with literal expected rows. {@link ClusterJobExerciseTest}
 * runs these on your class; the kit's suite runs them on the reference solution too. Each
 * {@code process()} starts the query again on the same checkpoint, as a job restarted after a crash does:
 * what it remembers between steps, it remembers across a restart.
 */
@ExtendWith(ExerciseResults.class)
public abstract class ClusterJobTests {
    private static final String ALL = "sensor | window | count | min | max | avg | stddev | first_ts | last_ts | seq_gaps";

    /** The query under test. */
    protected abstract WindowsQuery job();

    @Test
    void aReadingSentAgainCountsOnceEvenAfterARestart() {
        try (StreamScenario s = StreamScenario.windows(job(), ExerciseSettings.DEFAULTS)) {
            // seq 0 twice in one batch; sensor-2 has a seq 0 too, a reading of its own.
            s.add(reading("sensor-1", "00:00:10", 0, 20.0), reading("sensor-1", "00:00:10", 0, 20.0),
                    reading("sensor-1", "00:00:40", 1, 22.0), reading("sensor-2", "00:00:10", 0, 30.0));
            s.process().expectNothing();
            // The producer restarted and sends seq 1 again, in the next batch of the restarted query
            // (watermark 00:00:10, so the copy is not late); 00:01:35 closes the window 00:00-00:01.
            s.add(reading("sensor-1", "00:00:40", 1, 22.0), reading("sensor-1", "00:01:35", 2, 21.0));
            s.process().expect(ALL,
                    "sensor-1 | 00:00:00-00:01:00 | 2 | 20.0 | 22.0 | 21.0 | 1.0 | 00:00:10 | 00:00:40 | 0",
                    "sensor-2 | 00:00:00-00:01:00 | 1 | 30.0 | 30.0 | 30.0 | 0.0 | 00:00:10 | 00:00:10 | 0");
        }
    }

    @Test
    void aCopyBehindTheWatermarkIsDroppedAsLate() {
        try (StreamScenario s = StreamScenario.windows(job(), ExerciseSettings.DEFAULTS)) {
            s.add(reading("sensor-1", "00:00:20", 0, 20.0), reading("sensor-1", "00:01:45", 1, 21.0));
            s.process().expect("sensor | window | count", "sensor-1 | 00:00:00-00:01:00 | 1");
            // Watermark 00:01:15: a copy of the reading of 00:00:20 comes too late to count, or to matter.
            s.add(reading("sensor-1", "00:00:20", 0, 20.0));
            s.process().expectNothing().expectDropped(1);
        }
    }

    @Test
    void readingsWithTheSameTimeButAnotherSeqAllCount() {
        try (StreamScenario s = StreamScenario.windows(job(), ExerciseSettings.DEFAULTS)) {
            // Two readings of one second (a fast sensor): different seqs, not duplicates. seq 3 went missing.
            s.add(reading("sensor-5", "00:02:10", 1, 10.0), reading("sensor-5", "00:02:10", 2, 12.0),
                    reading("sensor-5", "00:02:10", 2, 12.0), reading("sensor-5", "00:02:50", 4, 14.0),
                    reading("sensor-5", "00:03:31", 5, 15.0));
            s.process().expect("sensor | window | count | min | max | avg | seq_gaps",
                    "sensor-5 | 00:02:00-00:03:00 | 3 | 10.0 | 14.0 | 12.0 | 1");
        }
    }
}
