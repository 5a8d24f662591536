package streamlab.solutions.e1;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import streamlab.codec.DecodeException;
import streamlab.codec.MsgpackReadingCodec;
import streamlab.codec.Reading;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.ParseQuery;

/**
 * Exercise 1, a reference solution: Kafka records to readings with an explicit schema, and a reason for every
 * record that is not a valid reading. Compare it with {@code streamlab.process.ReadingDecoder}, which does the
 * same with a few tricks for speed (lab 09).
 */
public class ParseSolution implements ParseQuery {
    /** The reading as the producers write it: no schema inference on a stream, the schema is ours. */
    static final StructType READING = new StructType()
            .add("sensor", DataTypes.StringType)
            .add("ts", DataTypes.LongType)
            .add("seq", DataTypes.LongType)
            .add("temperature", DataTypes.DoubleType);

    /** msgpack through the kit's codec, to the same struct as from_json; null for bytes that are not a reading. */
    static final UserDefinedFunction FROM_MSGPACK = udf((UDF1<byte[], Row>) bytes -> {
        if (bytes == null) return null; // a record without a value (a tombstone): no reading, and no crash
        try {
            Reading r = MsgpackReadingCodec.INSTANCE.decode(bytes);
            return RowFactory.create(r.sensor(), r.ts(), r.seq(), r.temperature());
        } catch (DecodeException e) {
            return null;
        }
    }, READING);

    @Override
    public Dataset<Row> parse(Dataset<Row> records, ExerciseSettings settings) {
        // JSON starts with '{'; any other first byte is tried as msgpack.
        Column value = col("value");
        Column isJson = ltrim(value.cast("string")).startsWith("{");
        Dataset<Row> parsed = records
                .withColumn("reading", when(isJson, from_json(value.cast("string"), READING)).otherwise(FROM_MSGPACK.apply(value)))
                .select(col("key"), col("value"), col("topic"), col("partition"), col("offset"), col("reading.*"));

        // The first rule a record breaks is its reason; no rule broken leaves the reason null: a valid reading.
        // (from_json gives nulls for text that is not JSON or has a field of the wrong type.)
        Column temperature = col("temperature");
        Column latest = unix_millis(current_timestamp()).plus(settings.maxFuture().toMillis());
        Column reason = when(col("sensor").isNull().and(isJson), lit("not a JSON reading (its syntax, a field's type, or no sensor)"))
                .when(col("sensor").isNull(), lit("not a msgpack reading (the kit's codec refused it)"))
                .when(col("sensor").equalTo(""), lit("empty sensor id"))
                .when(col("ts").isNull(), lit("no ts"))
                .when(col("seq").isNull().or(col("seq").lt(0)), lit("seq missing or negative"))
                .when(temperature.isNull().or(isnan(temperature)).or(abs(temperature).equalTo(Double.POSITIVE_INFINITY)),
                        lit("temperature missing or not a finite number"))
                // current_timestamp() is the micro-batch's time: a batch run again decides the same way.
                .when(col("ts").gt(latest), lit("event time more than max-future ahead of the wall clock"));
        return parsed.withColumn("reason", reason);
    }
}
