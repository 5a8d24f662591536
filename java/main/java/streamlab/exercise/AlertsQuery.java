package streamlab.exercise;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Exercise 5's shape: valid readings in ({@link ExerciseColumns#READINGS}), alert records out
 * ({@link ExerciseColumns#ALERTS}), written to the alerts topic in the kit's alert format.
 */
@FunctionalInterface
public interface AlertsQuery {
    Dataset<Row> alerts(Dataset<Row> readings, ExerciseSettings settings);
}
