package streamlab.exercises.e4;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseNotStarted;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/**
 * Exercise 4: sliding windows, and one more aggregate of your choice (labs/exercises/04-sliding-windows/README.md).
 * <p>
 * {@code readings}: as in exercise 2, columns {@code sensor, ts, seq, temperature, event_time}. Return one row
 * per sensor and window, windows of {@code settings.window()} that start every {@code settings.slide()} (1 minute
 * every 20 s by default), written once the watermark has closed them, with exercise 2's columns
 * {@code sensor, window, count, min, max, avg, stddev, first_ts, last_ts, seq_gaps} and at least one more numeric
 * column: an aggregate you choose (a median, a percentile, a range, ...), named as you like.
 * <p>
 * Test: {@code make exercise-test N=4}. Run: {@code bin/streamlab exercise run 4}. Compare with the kit's job:
 * {@code bin/streamlab exercise check 4}.
 */
public class SlidingWindowsExercise implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings) {
        // Delete this line and write the query: exercise 2's, with a slide, and one more aggregate.
        throw new ExerciseNotStarted(4, "SlidingWindowsExercise.windows");
    }
}
