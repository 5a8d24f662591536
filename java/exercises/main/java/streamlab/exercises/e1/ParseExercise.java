package streamlab.exercises.e1;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseNotStarted;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.ParseQuery;

/**
 * Exercise 1: read the topic's records and parse the readings (labs/exercises/01-parse/README.md).
 * <p>
 * {@code records}: the Kafka records, columns {@code key, value} (bytes), {@code topic, partition, offset}.
 * A value is a reading in JSON ({@code {"sensor":"sensor-1","ts":1704067200000,"seq":0,"temperature":21.5}})
 * or in msgpack (decode it with {@code streamlab.codec.MsgpackReadingCodec} in a UDF; a msgpack record starts
 * with a byte other than {@code '{'}). Return every record, with the columns
 * {@code key, value, topic, partition, offset, sensor, ts, seq, temperature, reason}: {@code reason} is null
 * for a valid reading and says why otherwise; the kit sends the records with a reason to the dead-letter topic.
 * <p>
 * A reading is valid when it parses, its sensor is not empty, it has a ts, its seq is at least 0, its
 * temperature is a finite number, and its event time is at most {@code settings.maxFuture()} ahead of the
 * wall clock.
 * <p>
 * Test: {@code make exercise-test N=1}. Run: {@code bin/streamlab exercise run 1}. Compare with the kit's job:
 * {@code bin/streamlab exercise check 1}.
 */
public class ParseExercise implements ParseQuery {
    @Override
    public Dataset<Row> parse(Dataset<Row> records, ExerciseSettings settings) {
        // Delete this line and write the query: a schema, from_json, a msgpack UDF, when(...) for the reason.
        throw new ExerciseNotStarted(1, "ParseExercise.parse");
    }
}
