package streamlab.solutions.e4;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.window;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/**
 * Exercise 4, a reference solution: exercise 2's query on sliding windows, plus the median temperature. Compare
 * it with {@code streamlab process --slide}, which keeps one small state per sensor and slide instead.
 */
public class SlidingWindowsSolution implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings) {
        return readings
                .withWatermark("event_time", settings.watermarkDelay())
                // A third argument makes the windows slide: a window of settings.window() starts every
                // settings.slide(), so each reading falls into window / slide windows (3 by default).
                .groupBy(col("sensor"), window(col("event_time"), settings.windowDuration(), settings.slideDuration()))
                .agg(count(lit(1)).as("count"),
                        min("temperature").as("min"),
                        max("temperature").as("max"),
                        avg("temperature").as("avg"),
                        stddev_pop("temperature").as("stddev"),
                        min("event_time").as("first_ts"),
                        max("event_time").as("last_ts"),
                        greatest(lit(0L), max("seq").minus(min("seq")).plus(1).minus(count(lit(1)))).as("seq_gaps"),
                        // The median: one spike moves the average, hardly the median. percentile_approx keeps a
                        // bounded sketch per window (accuracy 10000: within 1/10000 of the readings' rank).
                        percentile_approx(col("temperature"), lit(0.5), lit(10000)).as("median"));
    }
}
