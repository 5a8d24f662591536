package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: first_ts and last_ts are the window's bounds, not the readings' times (hint: times). */
public class WindowBoundsJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        return readings.withWatermark("event_time", s.watermarkDelay())
                .groupBy(col("sensor"), window(col("event_time"), s.windowDuration()))
                .agg(count(lit(1)).as("count"), min("temperature").as("min"), max("temperature").as("max"),
                        avg("temperature").as("avg"), stddev_pop("temperature").as("stddev"),
                        greatest(lit(0L), max("seq").minus(min("seq")).plus(1).minus(count(lit(1)))).as("seq_gaps"))
                .withColumn("first_ts", col("window.start")).withColumn("last_ts", col("window.end"));
    }
}
