package streamlab.exercises.e3;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseNotStarted;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/**
 * Exercise 3, part 1: windows that show which readings counted (labs/exercises/03-late-data/README.md).
 * <p>
 * {@code readings}: as in exercise 2, columns {@code sensor, ts, seq, temperature, event_time}. Return exercise 2's
 * windows ({@code sensor, window, count, min, max, avg, stddev, first_ts, last_ts, seq_gaps}, tumbling windows of
 * {@code settings.window()}, watermark {@code settings.watermarkDelay()}) plus {@code seqs}: the seq of every
 * reading that counted in the window, sorted ({@code [0, 1, 3]}). The same query must work in append and in
 * update mode: the output mode is the sink's choice, not the query's.
 * <p>
 * Part 2 is {@link LatePredictions}: what you expect Spark to do with late readings, checked against what your
 * query really does. Test both: {@code make exercise-test N=3}. Compare with the kit's job:
 * {@code bin/streamlab exercise check 3}.
 */
public class LateDataExercise implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings) {
        // Delete this line and write the query: exercise 2's, plus one more aggregate for seqs.
        throw new ExerciseNotStarted(3, "LateDataExercise.windows");
    }
}
