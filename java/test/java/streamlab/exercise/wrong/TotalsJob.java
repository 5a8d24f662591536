package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: adds a total over all sensors as sensor 'all' (hint: extra windows). */
public class TotalsJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        Dataset<Row> all = readings.union(readings.withColumn("sensor", lit("all")));
        return WrongWindows.windows(all, "event_time", s.watermarkDelay(), WrongWindows.minute("event_time"), WrongWindows.aggregates());
    }
}
