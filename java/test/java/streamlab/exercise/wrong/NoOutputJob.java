package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: a watermark of a day: no window of this input ever closes (hint: no output). */
public class NoOutputJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        return WrongWindows.windows(readings, "event_time", "1 day", WrongWindows.minute("event_time"), WrongWindows.aggregates());
    }
}
