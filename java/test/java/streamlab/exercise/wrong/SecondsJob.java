package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: ts read as seconds, not milliseconds: windows tens of thousands of years away (hint: wrong time). */
public class SecondsJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        Dataset<Row> r = readings.withColumn("t", timestamp_seconds(col("ts")));
        return WrongWindows.windows(r, "t", s.watermarkDelay(), WrongWindows.minute("t"), WrongWindows.aggregates());
    }
}
