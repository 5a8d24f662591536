package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Stateless stand-ins for exercise 5 that raise silences in the wrong places. */
final class WrongAlerts {
    private WrongAlerts() {}

    static Dataset<Row> silences(Dataset<Row> readings, Column start, Column end) {
        return readings.select(col("sensor"), lit("silence").as("kind"), start.as("start"), end.as("end"),
                lit(Double.NaN).as("value"), lit("silence>2m").as("rule"));
    }
}
