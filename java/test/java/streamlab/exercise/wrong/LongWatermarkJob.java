package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: a 3-minute watermark: the last windows are still open at the end (hint: missing windows). */
public class LongWatermarkJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        return WrongWindows.windows(readings, "event_time", "3 minutes", WrongWindows.minute("event_time"), WrongWindows.aggregates());
    }
}
