package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;

/** Wrong on purpose: counts every tenth reading twice (hint: counts too high). */
public class CountsTwiceJob implements WindowsQuery {
    @Override
    public Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings s) {
        Dataset<Row> twice = readings.union(readings.filter(col("seq").mod(10).equalTo(0)));
        return WrongWindows.windows(twice, "event_time", s.watermarkDelay(), WrongWindows.minute("event_time"), WrongWindows.aggregates());
    }
}
