package streamlab.solutions.e3;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
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
 * Exercise 3, a reference solution: exercise 2's windows, plus the sorted seqs of the readings that counted, so
 * that a test (or a student) sees exactly which late readings made it in. Nothing here names an output mode:
 * append or update is the sink's choice.
 */
public class LateDataSolution implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings) {
        return readings
                .withWatermark("event_time", settings.watermarkDelay())
                .groupBy(col("sensor"), window(col("event_time"), settings.windowDuration()))
                .agg(count(lit(1)).as("count"),
                        min("temperature").as("min"),
                        max("temperature").as("max"),
                        avg("temperature").as("avg"),
                        stddev_pop("temperature").as("stddev"),
                        min("event_time").as("first_ts"),
                        max("event_time").as("last_ts"),
                        greatest(lit(0L), max("seq").minus(min("seq")).plus(1).minus(count(lit(1)))).as("seq_gaps"),
                        // Every seq that counted, in the state until the window closes: fine for a lesson, and for
                        // minute windows of one sensor; an unbounded list per key is not for a production job.
                        array_sort(collect_list("seq")).as("seqs"));
    }
}
