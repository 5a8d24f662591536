package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.AlertsQuery;
import streamlab.exercise.CheckInput;
import streamlab.exercise.ExerciseSettings;

/**
 * Wrong on purpose, and made for the check's input: sensor-3's silence reported as three minutes before its
 * first reading after the gap, not from its last reading before it (hint: silence bounds); sensor-4's is right.
 */
public class ShiftedSilenceJob implements AlertsQuery {
    @Override
    public Dataset<Row> alerts(Dataset<Row> readings, ExerciseSettings s) {
        long back = CheckInput.START + 360_000;
        Dataset<Row> sensor3 = WrongAlerts.silences(readings.filter(col("sensor").equalTo("sensor-3").and(col("ts").equalTo(back))),
                col("ts").minus(180_000), col("ts"));
        // sensor-4's silence right (from its last reading, still open), so that only sensor-3's bounds differ.
        Dataset<Row> sensor4 = WrongAlerts.silences(readings.filter(col("sensor").equalTo("sensor-4").and(col("ts").equalTo(CheckInput.START + 55_000))),
                col("ts"), lit(null).cast("long"));
        return sensor3.union(sensor4);
    }
}
