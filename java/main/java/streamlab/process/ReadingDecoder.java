package streamlab.process;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import streamlab.codec.DecodeException;
import streamlab.codec.JsonReadingCodec;
import streamlab.codec.MsgpackReadingCodec;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.common.Durations;

/**
 * Turns Kafka records (columns {@code key, value, topic, partition, offset}) into readings and rejects.
 * A pure builder: it works the same on a streaming Kafka source and on a batch Dataset built in memory.
 * <p>
 * JSON goes through Spark's own {@code from_json} with an explicit schema (columnar, code-generated).
 * msgpack goes through a Java UDF that calls {@link MsgpackReadingCodec}, so there is one definition of a
 * reading. The precise reason for a rejected JSON record comes from {@link JsonReadingCodec} too, but only
 * rejected rows pay for it.
 * <p>
 * Known difference from {@link JsonReadingCodec}: {@code from_json} reads a number or object where the
 * sensor id belongs as its JSON text, and ignores bytes after the closing brace; the codec rejects both.
 */
public final class ReadingDecoder {
    /** The event time as a timestamp (from {@code ts}): the column windows and watermarks use. */
    public static final String EVENT_TIME = "event_time";
    /** Column of {@link #classify} with why a record is not a valid reading (null for a valid one). */
    public static final String REASON = "reason";

    /** {@code timestamp_millis} overflows outside about ±292,000 years; years 1..9999 are plenty. */
    static final long MIN_TS = -62_135_596_800_000L;
    static final long MAX_TS = 253_402_300_799_999L;

    static final String CORRUPT = "_corrupt_record";
    static final StructType JSON_SCHEMA = new StructType()
            .add(Reading.SENSOR, DataTypes.StringType)
            .add(Reading.TS, DataTypes.LongType)
            .add(Reading.SEQ, DataTypes.LongType)
            .add(Reading.TEMPERATURE, DataTypes.DoubleType)
            .add(CORRUPT, DataTypes.StringType);
    static final StructType DECODED = new StructType()
            .add(Reading.SENSOR, DataTypes.StringType)
            .add(Reading.TS, DataTypes.LongType)
            .add(Reading.SEQ, DataTypes.LongType)
            .add(Reading.TEMPERATURE, DataTypes.DoubleType)
            .add("error", DataTypes.StringType);

    private ReadingDecoder() {}

    /**
     * Every record, classified: {@code key, value, topic, partition, offset, sensor, ts, seq, temperature, reason}
     * (reason null for a valid reading, set for everything else), plus an internal column.
     */
    public static Dataset<Row> classify(Dataset<Row> kafkaRows, InputFormat format, Duration maxFuture) {
        Column value = col("value");
        Column json = from_json(value.cast("string"), JSON_SCHEMA, Map.of("mode", "PERMISSIVE",
                "columnNameOfCorruptRecord", CORRUPT));
        Column msgpack = MSGPACK_UDF.apply(value);
        Column looksLikeJson = looksLikeJson(value);
        // Spark's parser throws (and catches) exceptions for bytes that are no JSON at all: they skip it.
        Column j = switch (format) {
            case JSON -> when(looksLikeJson, json);
            case MSGPACK -> lit(null).cast(JSON_SCHEMA);
            case AUTO -> when(looksLikeJson, json);
        };
        Column m = switch (format) {
            case JSON -> lit(null).cast(DECODED);
            case MSGPACK -> msgpack;
            case AUTO -> when(not(looksLikeJson).or(looksLikeJson.isNull()), msgpack);
        };
        // The optimizer would push the filters below into this projection, substituting the decoders into
        // every field reference: from_json or the UDF would run once per reference. A non-deterministic
        // column (spark_partition_id, free) that the filters use is a barrier: each record is decoded once.
        Dataset<Row> parsed = kafkaRows.select(col("key"), value, col("topic"), col("partition"), col("offset"),
                j.as("j"), m.as("m"), spark_partition_id().as("_barrier"));

        // Only one of j and m is set per row, so coalescing picks the decoder that ran.
        Column sensor = coalesce(col("j." + Reading.SENSOR), col("m." + Reading.SENSOR));
        Column ts = coalesce(col("j." + Reading.TS), col("m." + Reading.TS));
        Column seq = coalesce(col("j." + Reading.SEQ), col("m." + Reading.SEQ));
        Column temperature = coalesce(col("j." + Reading.TEMPERATURE), col("m." + Reading.TEMPERATURE));
        Column decodeError = coalesce(when(col("j." + CORRUPT).isNotNull(), lit("invalid JSON")), col("m.error"));
        // Same rules as Reading.validate(), in Spark expressions so valid rows never leave generated code.
        Column wellFormed = decodeError.isNull()
                .and(sensor.isNotNull()).and(sensor.notEqual(lit("")))
                .and(ts.isNotNull()).and(seq.isNotNull()).and(seq.geq(lit(0L)))
                .and(temperature.isNotNull()).and(not(temperature.isNaN()))
                .and(temperature.notEqual(lit(Double.POSITIVE_INFINITY)))
                .and(temperature.notEqual(lit(Double.NEGATIVE_INFINITY)));
        // In a stream, current_timestamp() is the micro-batch's time, recorded in the offset log: a re-run
        // batch classifies each record exactly as the first run did.
        long maxFutureMs = Math.min(maxFuture.toMillis(), MAX_TS);
        Column aheadMs = ts.minus(unix_millis(current_timestamp()));
        Column reasonUdf = (format == InputFormat.JSON ? JSON_REASON_UDF : ANY_REASON_UDF).apply(value);
        Column reason = when(wellFormed.and(ts.between(MIN_TS, MAX_TS)).and(aheadMs.leq(lit(maxFutureMs))), lit(null))
                .when(wellFormed.and(ts.between(MIN_TS, MAX_TS)), concat(lit("event time is "), aheadMs.cast("string"),
                        lit(" ms ahead of the wall clock (more than --max-future " + Durations.format(maxFuture) + ")")))
                .when(wellFormed, concat(lit("ts out of range (years 1 to 9999): "), ts.cast("string")))
                .otherwise(coalesce(col("m.error"), reasonUdf, lit("rejected by from_json")));
        return parsed.select(col("key"), value, col("topic"), col("partition"), col("offset"),
                sensor.as(Reading.SENSOR), ts.as(Reading.TS), seq.as(Reading.SEQ),
                temperature.as(Reading.TEMPERATURE), reason.as(REASON), col("_barrier"));
    }

    /**
     * The valid readings alone, {@code sensor, ts, seq, temperature, event_time}: what the exercises' queries read
     * (process itself packs the classified records, {@link Packer}).
     */
    public static Dataset<Row> readings(Dataset<Row> kafkaRows, InputFormat format, Duration maxFuture) {
        return classify(kafkaRows, format, maxFuture).filter(col(REASON).isNull().and(col("_barrier").geq(lit(0))))
                .select(col(Reading.SENSOR), col(Reading.TS), col(Reading.SEQ), col(Reading.TEMPERATURE),
                        timestamp_millis(col(Reading.TS)).as(EVENT_TIME));
    }

    /**
     * The checks after decoding, the same as the Spark expressions of {@link #classify}, for decoders that
     * run in Java: why a decoded, valid reading is still rejected, or null.
     *
     * @param nowMs the micro-batch's time, as {@code current_timestamp()} gives it
     */
    static String rangeReason(long ts, long nowMs, Duration maxFuture) {
        if (ts < MIN_TS || ts > MAX_TS) return "ts out of range (years 1 to 9999): " + ts;
        long ahead = ts - nowMs;
        if (ahead > Math.min(maxFuture.toMillis(), MAX_TS)) {
            return "event time is " + ahead + " ms ahead of the wall clock (more than --max-future " + Durations.format(maxFuture) + ")";
        }
        return null;
    }

    /** JSON starts with '{', maybe after white space; msgpack readings start with an array header. */
    static Column looksLikeJson(Column value) {
        Column first = org.apache.spark.sql.functions.substring(value, 1, 1);
        return first.isin((Object[]) new byte[][] {{'{'}, {' '}, {'\t'}, {'\r'}, {'\n'}});
    }

    static final UserDefinedFunction MSGPACK_UDF = udf((UDF1<byte[], Row>) ReadingDecoder::decodeMsgpack, DECODED);
    static final UserDefinedFunction JSON_REASON_UDF = udf((UDF1<byte[], String>) bytes ->
            reason(JsonReadingCodec.INSTANCE, bytes), DataTypes.StringType);
    static final UserDefinedFunction ANY_REASON_UDF = udf((UDF1<byte[], String>) bytes ->
            reason(null, bytes), DataTypes.StringType);

    static Row decodeMsgpack(byte[] bytes) {
        if (bytes == null || bytes.length == 0) return RowFactory.create(null, null, null, null, "empty record");
        try {
            Reading r = MsgpackReadingCodec.INSTANCE.decode(bytes);
            return RowFactory.create(r.sensor(), r.ts(), r.seq(), r.temperature(), null);
        } catch (DecodeException e) {
            return RowFactory.create(null, null, null, null, e.getMessage());
        }
    }

    /** Why the codec rejects these bytes, or null if it accepts them. */
    static String reason(ReadingCodec codec, byte[] bytes) {
        if (bytes == null || bytes.length == 0) return "empty record";
        try {
            if (codec == null) {
                ReadingCodec.decodeAny(bytes);
            } else {
                codec.decode(bytes);
            }
            return null;
        } catch (DecodeException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "undecodable: " + e;
        }
    }
}
