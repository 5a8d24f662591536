package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.window;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Window jobs with one deliberate mistake each, the kinds students make; {@code ExerciseCheckHintsIT} checks
 * that {@code exercise check} answers each with its own hint. Built from one correct query, so that each class
 * differs from it in exactly the place its name says.
 */
final class WrongWindows {
    private WrongWindows() {}

    static Column[] aggregates() {
        return new Column[] {min("temperature").as("min"), max("temperature").as("max"), avg("temperature").as("avg"),
                stddev_pop("temperature").as("stddev"), min("event_time").as("first_ts"), max("event_time").as("last_ts"),
                greatest(lit(0L), max("seq").minus(min("seq")).plus(1).minus(count(lit(1)))).as("seq_gaps")};
    }

    /** The right query, with the watermark, window and aggregates given. */
    static Dataset<Row> windows(Dataset<Row> readings, String timeColumn, String watermark, Column window, Column... aggs) {
        return readings.withWatermark(timeColumn, watermark)
                .groupBy(col("sensor"), window)
                .agg(count(lit(1)).as("count"), aggs);
    }

    static Column minute(String timeColumn) {
        return window(col(timeColumn), "60 seconds");
    }
}
