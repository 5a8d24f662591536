package streamlab.exercises.e6;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseNotStarted;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/**
 * Exercise 6: the whole job on the standalone cluster, killed and restarted from its checkpoint
 * (labs/exercises/06-cluster-restart/README.md).
 * <p>
 * {@code readings}: one row per valid reading, columns {@code sensor} (string), {@code ts} (epoch ms),
 * {@code seq} (long), {@code temperature} (double) and {@code event_time} (timestamp of {@code ts}).
 * A producer that restarts sends some readings again: the same sensor and seq. Count each reading once,
 * then return what exercise 2 returns: one row per sensor and window, written once the watermark has closed
 * it, with the columns {@code sensor, window, count, min, max, avg, stddev, first_ts, last_ts, seq_gaps}.
 * <p>
 * Test: {@code make exercise-test N=6}. Run on the cluster: {@code bin/submit-exercise 6}. Compare with the
 * kit's job: {@code bin/streamlab exercise check 6}.
 */
public class ClusterJobExercise implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings) {
        // Delete this line and write the query: withWatermark, drop the re-sent readings, then exercise 2's windows.
        throw new ExerciseNotStarted(6, "ClusterJobExercise.windows");
    }
}
