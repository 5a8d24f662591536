package streamlab.exercise;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Exercise 1's shape: Kafka records in ({@code key, value, topic, partition, offset, timestamp}), the same
 * records out with the reading's fields and a reason added: {@link ExerciseColumns#PARSED}.
 */
@FunctionalInterface
public interface ParseQuery {
    Dataset<Row> parse(Dataset<Row> records, ExerciseSettings settings);
}
