package streamlab.exercises.e5;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.AlertsQuery;
import streamlab.exercise.ExerciseNotStarted;
import streamlab.exercise.ExerciseSettings;

/**
 * Exercise 5: an alert rule with state, a silent sensor, with event-time timeouts
 * (labs/exercises/05-silence-alerts/README.md).
 * <p>
 * {@code readings}: one row per valid reading, columns {@code sensor} (string), {@code ts} (epoch ms),
 * {@code seq} (long), {@code temperature} (double) and {@code event_time} (timestamp of {@code ts}).
 * A sensor is silent when no reading comes for more than {@code settings.silenceAfter()} of event time.
 * Return one row per alert record, with the columns {@code sensor, kind, start, end, value, rule}:
 * kind {@code "silence"}, start = the last reading heard before the gap, end = null while the silence lasts
 * (written when the watermark passes start + silenceAfter), then the same episode again with end = the first
 * reading after the gap (written when that reading arrives); rule e.g. {@code "silence>2m"}.
 * <p>
 * Test: {@code make exercise-test N=5}. Run: {@code bin/streamlab exercise run 5}. Compare with the kit's job:
 * {@code bin/streamlab exercise check 5}.
 */
public class SilenceExercise implements AlertsQuery {
    @Override
    public Dataset<Row> alerts(Dataset<Row> readings, ExerciseSettings settings) {
        // Delete this line and write the query: withWatermark, groupByKey(sensor),
        // flatMapGroupsWithState(..., GroupStateTimeout.EventTimeTimeout()).
        throw new ExerciseNotStarted(5, "SilenceExercise.alerts");
    }
}
