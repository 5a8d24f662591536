package streamlab.exercise;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The shape of the window exercises (2, 3, 4, 6): valid readings in ({@link ExerciseColumns#READINGS}), one
 * row per sensor and closed window out ({@link ExerciseColumns#WINDOWS}). The kit reads Kafka, decodes the
 * readings, writes the rows to the report topic and keeps the checkpoint; the query is the student's.
 */
@FunctionalInterface
public interface WindowsQuery {
    Dataset<Row> windows(Dataset<Row> readings, ExerciseSettings settings);
}
