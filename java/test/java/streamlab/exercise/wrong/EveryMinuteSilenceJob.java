package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.AlertsQuery;
import streamlab.exercise.ExerciseSettings;

/** Wrong on purpose: a "silence" for every sensor at every full minute, gap or not (hint: silences process did not raise). */
public class EveryMinuteSilenceJob implements AlertsQuery {
    @Override
    public Dataset<Row> alerts(Dataset<Row> readings, ExerciseSettings s) {
        return WrongAlerts.silences(readings.filter(col("ts").mod(60_000).equalTo(0)), col("ts"), col("ts").plus(1000));
    }
}
