package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: grouped by seq parity too: each window comes out twice (hint: duplicates). */
public class DuplicatesJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        return readings.withWatermark("event_time", s.watermarkDelay())
                .groupBy(col("sensor"), window(col("event_time"), s.windowDuration()), col("seq").mod(2))
                .agg(count(lit(1)).as("count"), WrongWindows.aggregates());
    }
}
