package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: the sample standard deviation, stddev(), not stddev_pop() (hint: stddev). */
public class SampleStddevJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        return WrongWindows.windows(readings, "event_time", s.watermarkDelay(), WrongWindows.minute("event_time"),
                min("temperature").as("min"), max("temperature").as("max"), avg("temperature").as("avg"),
                stddev("temperature").as("stddev"), min("event_time").as("first_ts"), max("event_time").as("last_ts"),
                greatest(lit(0L), max("seq").minus(min("seq")).plus(1).minus(count(lit(1)))).as("seq_gaps"));
    }
}
