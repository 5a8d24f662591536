package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: windows starting 30 s after the minute (hint: shifted). */
public class ShiftedJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        return WrongWindows.windows(readings, "event_time", s.watermarkDelay(), window(col("event_time"), "60 seconds", "60 seconds", "30 seconds"), WrongWindows.aggregates());
    }
}
