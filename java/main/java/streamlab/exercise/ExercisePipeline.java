package streamlab.exercise;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unix_millis;

import java.time.Duration;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.Format;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.process.DeadLetters;
import streamlab.process.InputFormat;
import streamlab.process.ReadingDecoder;

/**
 * The kit's half of an exercise job, around the student's query: from Kafka records to what the query reads,
 * and from what it returns to Kafka records ({@code topic, key, value, headers}) in the kit's formats, so that
 * {@code streamlab report} shows them and the checker can compare them with {@code process}. A pure builder,
 * like {@code process}'s {@code Pipeline}: the same on the Kafka source and on a Dataset made in a test.
 */
public final class ExercisePipeline {
    /** The Kafka sink's input: one row per record, the topic per row. */
    static final StructType RECORDS = new StructType()
            .add("topic", DataTypes.StringType)
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType);

    private ExercisePipeline() {}

    /** Topics and formats the job writes; {@code parsed} is exercise 1's topic for the readings it accepted. */
    public record Sinks(String report, String alerts, String dlq, String parsed, Format format) {}

    /**
     * The readings of exercises 2-6 ({@link ExerciseColumns#READINGS}): decoded and validated exactly as
     * {@code process} does (JSON and msgpack, the same {@code --max-future} check), records that are not
     * valid readings left out. Exercise 1 is where students write this part themselves.
     */
    public static Dataset<Row> readings(Dataset<Row> kafkaRecords, Duration maxFuture) {
        return ReadingDecoder.readings(kafkaRecords, InputFormat.AUTO, maxFuture);
    }

    /** The Kafka records of a job of any shape. */
    public static Dataset<Row> records(Exercise e, Object job, Dataset<Row> kafkaRecords, ExerciseSettings s, Duration maxFuture,
                                       Sinks sinks) {
        String by = e.shape() == Exercise.Shape.PARSE ? job.getClass().getSimpleName() + ".parse"
                : job.getClass().getSimpleName() + (e.shape() == Exercise.Shape.WINDOWS ? ".windows" : ".alerts");
        return switch (e.shape()) {
            case PARSE -> parsedRecords(((ParseQuery) job).parse(kafkaRecords, s), by, sinks);
            case WINDOWS -> windowRecords(((WindowsQuery) job).windows(readings(kafkaRecords, maxFuture), s), by, sinks);
            case ALERTS -> alertRecords(((AlertsQuery) job).alerts(readings(kafkaRecords, maxFuture), s), by, sinks);
        };
    }

    /** Window rows to report records, keyed {@code sensor|window_start} and encoded by the kit's codec. */
    public static Dataset<Row> windowRecords(Dataset<Row> windows, String producedBy, Sinks sinks) {
        ExerciseColumns.require(windows, ExerciseColumns.WINDOWS, producedBy);
        Dataset<Row> flat = windows.select(col("sensor"), unix_millis(col("window.start")).as("window_start"),
                unix_millis(col("window.end")).as("window_end"), col("count").cast("long").as("count"),
                col("min").cast("double").as("min"), col("max").cast("double").as("max"), col("avg").cast("double").as("avg"),
                col("stddev").cast("double").as("stddev"), millis(windows, "first_ts"), millis(windows, "last_ts"),
                col("seq_gaps").cast("long").as("seq_gaps"));
        String topic = sinks.report();
        Format format = sinks.format();
        return flat.map((MapFunction<Row, Row>) r -> {
            WindowResult w = new WindowResult(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), dbl(r, 4), dbl(r, 5),
                    dbl(r, 6), dbl(r, 7), lng(r, 8), lng(r, 9), lng(r, 10), System.currentTimeMillis());
            return RowFactory.create(topic, w.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), WindowResultCodec.encode(w, format));
        }, Encoders.row(RECORDS)).withColumn("headers", lit(null).cast(HEADERS));
    }

    /** Alert rows to alert records, keyed by sensor, encoded by the kit's codec. */
    public static Dataset<Row> alertRecords(Dataset<Row> alerts, String producedBy, Sinks sinks) {
        ExerciseColumns.require(alerts, ExerciseColumns.ALERTS, producedBy);
        Dataset<Row> flat = alerts.select(col("sensor"), col("kind"), millis(alerts, "start"), millis(alerts, "end"),
                col("value").cast("double").as("value"), col("rule"));
        String topic = sinks.alerts();
        Format format = sinks.format();
        return flat.map((MapFunction<Row, Row>) r -> {
            Alert a = new Alert(r.getString(0), r.getString(1), r.getLong(2), r.isNullAt(3) ? null : r.getLong(3),
                    dbl(r, 4), r.isNullAt(5) ? "" : r.getString(5), System.currentTimeMillis());
            return RowFactory.create(topic, a.sensor().getBytes(java.nio.charset.StandardCharsets.UTF_8), AlertCodec.encode(a, format));
        }, Encoders.row(RECORDS)).withColumn("headers", lit(null).cast(HEADERS));
    }

    /**
     * Exercise 1: records with a reason go to the DLQ with their bytes untouched and the kit's headers
     * (reason, source); the others to the parsed topic as the kit's JSON reading.
     */
    public static Dataset<Row> parsedRecords(Dataset<Row> parsed, String producedBy, Sinks sinks) {
        ExerciseColumns.require(parsed, ExerciseColumns.PARSED, producedBy);
        Column source = hasAll(parsed, "topic", "partition", "offset")
                ? concat(col("topic"), lit("-"), col("partition").cast("string"), lit("@"), col("offset").cast("string"))
                : lit("unknown");
        Column bad = col("reason").isNotNull();
        Column reading = to_json(struct(col("sensor"), col("ts").cast("long").as("ts"), col("seq").cast("long").as("seq"),
                col("temperature").cast("double").as("temperature")));
        return parsed.select(
                org.apache.spark.sql.functions.when(bad, lit(sinks.dlq())).otherwise(lit(sinks.parsed())).as("topic"),
                org.apache.spark.sql.functions.when(bad, col("key")).otherwise(col("sensor").cast("binary")).as("key"),
                org.apache.spark.sql.functions.when(bad, col("value")).otherwise(reading.cast("binary")).as("value"),
                org.apache.spark.sql.functions.when(bad, DeadLetters.headers(col("reason"), source)).as("headers"));
    }

    static final org.apache.spark.sql.types.DataType HEADERS = DataTypes.createArrayType(new StructType()
            .add("key", DataTypes.StringType).add("value", DataTypes.BinaryType));

    private static Column millis(Dataset<Row> ds, String name) {
        boolean timestamp = ExerciseColumns.find(ds.schema(), name).dataType().equals(DataTypes.TimestampType);
        return (timestamp ? unix_millis(col(name)) : col(name).cast("long")).as(name);
    }

    private static boolean hasAll(Dataset<Row> ds, String... names) {
        for (String n : names) if (ExerciseColumns.find(ds.schema(), n) == null) return false;
        return true;
    }

    private static double dbl(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    private static long lng(Row r, int i) {
        return r.isNullAt(i) ? 0L : r.getLong(i);
    }
}
