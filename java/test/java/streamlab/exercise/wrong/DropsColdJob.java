package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: drops readings below 21 degrees, valid ones (hint: counts too low). */
public class DropsColdJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        return WrongWindows.windows(readings.filter(col("temperature").geq(21)), "event_time", s.watermarkDelay(), WrongWindows.minute("event_time"), WrongWindows.aggregates());
    }
}
