package streamlab.exercises.e2;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseNotStarted;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/**
 * Exercise 2: event-time tumbling windows with a watermark (labs/exercises/02-tumbling-windows/README.md).
 * <p>
 * {@code readings}: one row per valid reading, columns {@code sensor} (string), {@code ts} (epoch ms),
 * {@code seq} (long), {@code temperature} (double) and {@code event_time} (timestamp of {@code ts}).
 * Return one row per sensor and window, written once the watermark has closed it, with the columns
 * {@code sensor, window, count, min, max, avg, stddev, first_ts, last_ts, seq_gaps}.
 * <p>
 * Test: {@code make exercise-test N=2}. Run: {@code bin/streamlab exercise run 2}. Compare with the kit's job:
 * {@code bin/streamlab exercise check 2}.
 */
public class WindowsExercise implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings) {
        // Delete this line and write the query: withWatermark, groupBy(window(...)), agg(...).
        throw new ExerciseNotStarted(2, "WindowsExercise.windows");
    }
}
