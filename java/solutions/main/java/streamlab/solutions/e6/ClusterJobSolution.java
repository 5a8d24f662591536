package streamlab.solutions.e6;

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
 * Exercise 6, a reference solution: exercise 2's windows, with the readings a restarted producer sent again
 * counted once. Both stateful operators keep their state in the checkpoint, so a job killed and restarted
 * on it neither forgets the readings it has seen nor counts them twice.
 */
public class ClusterJobSolution implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings) {
        return readings
                .withWatermark("event_time", settings.watermarkDelay())
                // A reading is identified by its sensor and seq. Spark keeps each key seen until the watermark has
                // passed its event time by the delay: the state stays bounded, and a copy sent later than that is
                // dropped as late anyway.
                .dropDuplicatesWithinWatermark("sensor", "seq")
                // From here on, exercise 2's query.
                .groupBy(col("sensor"), window(col("event_time"), settings.windowDuration()))
                .agg(count(lit(1)).as("count"),
                        min("temperature").as("min"),
                        max("temperature").as("max"),
                        avg("temperature").as("avg"),
                        stddev_pop("temperature").as("stddev"),
                        min("event_time").as("first_ts"),
                        max("event_time").as("last_ts"),
                        greatest(lit(0L), max("seq").minus(min("seq")).plus(1).minus(count(lit(1)))).as("seq_gaps"));
    }
}
