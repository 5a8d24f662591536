package streamlab.solutions.e2;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.window;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/**
 * Exercise 2, a reference solution: the textbook Structured Streaming aggregation. Compare it with
 * {@code streamlab.process.Pipeline}, which computes the same windows by hand for speed (lab 09).
 */
public class WindowsSolution implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings) {
        return readings
                // The watermark trails the newest event time seen: windows that end before it are final, are
                // written (append mode) and leave the state; readings older than it are dropped as late.
                .withWatermark("event_time", settings.watermarkDelay())
                // Tumbling windows of event time: each reading falls into exactly one window per sensor.
                .groupBy(col("sensor"), window(col("event_time"), settings.windowDuration()))
                .agg(count(lit(1)).as("count"),
                        min("temperature").as("min"),
                        max("temperature").as("max"),
                        avg("temperature").as("avg"),
                        // The population standard deviation, as the kit's report holds (0 for one reading).
                        stddev_pop("temperature").as("stddev"),
                        min("event_time").as("first_ts"),
                        max("event_time").as("last_ts"),
                        // seq counts up by one per reading: what is missing between the first and the last seen.
                        greatest(lit(0L), max("seq").minus(min("seq")).plus(1).minus(count(lit(1)))).as("seq_gaps"));
    }
}
