package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.AlertsQuery;
import streamlab.exercise.ExerciseSettings;

/** Wrong on purpose: never raises anything (hint: silences missing). */
public class NoSilenceJob implements AlertsQuery {
    @Override
    public Dataset<Row> alerts(Dataset<Row> readings, ExerciseSettings s) {
        return WrongAlerts.silences(readings.filter(lit(false)), col("ts"), lit(null).cast("long"));
    }
}
