package streamlab.exercises.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_millis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import scala.Option;
import scala.collection.JavaConverters;
import streamlab.codec.JsonReadingCodec;
import streamlab.codec.Reading;
import streamlab.exercise.AlertsQuery;
import streamlab.exercise.ExerciseColumns;
import streamlab.exercise.ExerciseNotStarted;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.ParseQuery;
import streamlab.exercise.WindowsQuery;

/**
 * A streaming test in steps, the way Spark's own {@code EventTimeWatermarkSuite} tests a query: add some
 * readings, {@link #process()} them, look at what came out (the windows the watermark closed, the readings it
 * dropped as late), add more. Your query runs as a real streaming query on a real local Spark, from an
 * in-memory source into an in-memory sink; this class hides Spark's test plumbing.
 *
 * <pre>{@code
 * try (StreamScenario s = StreamScenario.windows(new WindowsExercise(), ExerciseSettings.DEFAULTS)) {
 *     s.add(reading("sensor-1", "00:00:10", 20.0));
 *     s.process().expectNothing();
 *     s.add(reading("sensor-1", "00:01:45", 21.0));   // moves the watermark past 00:01:00
 *     s.process().expect("sensor | window | count", "sensor-1 | 00:00:00-00:01:00 | 1");
 * }
 * }</pre>
 * Times are of 2024-01-01, UTC. Each {@link #process()} runs the query until it has read everything added
 * (Spark's {@code Trigger.AvailableNow}, which also runs the batch that the new watermark needs), on one
 * checkpoint, so state and watermark carry over from step to step as they do in a long-running job.
 * <p>
 * If your class still throws {@link ExerciseNotStarted}, the test is reported as skipped ("not started"),
 * never as passed.
 */
public final class StreamScenario implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final StructType READING_INPUT = new StructType()
            .add("sensor", DataTypes.StringType).add("ts", DataTypes.LongType)
            .add("seq", DataTypes.LongType).add("temperature", DataTypes.DoubleType);
    private static final StructType RECORD_INPUT = new StructType()
            .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType).add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType);
    private static final Map<String, Long> SEQ = new HashMap<>();
    /** What each scenario's query wrote in the current step (foreachBatch runs on the driver in local mode). */
    private static final Map<String, List<Row>> SINKS = new java.util.concurrent.ConcurrentHashMap<>();

    private final SparkSession spark;
    private final MemoryStream<Row> input;
    private final Dataset<Row> output;
    private final Path checkpoint;
    private final String name = "scenario_" + IDS.incrementAndGet();
    private final boolean records;
    private String outputMode = "append";
    private long offset;

    private StreamScenario(boolean records, Function<Dataset<Row>, Dataset<Row>> query) {
        this.spark = Spark.session();
        this.records = records;
        this.input = new MemoryStream<>(IDS.incrementAndGet(), spark.sqlContext(), Option.apply(1),
                Encoders.row(records ? RECORD_INPUT : READING_INPUT));
        Dataset<Row> in = input.toDF();
        if (!records) in = in.withColumn("event_time", timestamp_millis(col("ts")));
        try {
            this.output = query.apply(in);
        } catch (ExerciseNotStarted e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
        try {
            this.checkpoint = Files.createTempDirectory("streamlab-scenario-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A window exercise's query (2, 3, 4, 6) on readings you add with {@link #add(Reading...)}. */
    public static StreamScenario windows(WindowsQuery job, ExerciseSettings settings) {
        return new StreamScenario(false, in -> job.windows(in, settings));
    }

    /** Exercise 5's query on readings you add with {@link #add(Reading...)}. */
    public static StreamScenario alerts(AlertsQuery job, ExerciseSettings settings) {
        return new StreamScenario(false, in -> job.alerts(in, settings));
    }

    /** Exercise 1's query on Kafka records you add with {@link #addRecords(String...)}. */
    public static StreamScenario records(ParseQuery job, ExerciseSettings settings) {
        return new StreamScenario(true, in -> job.parse(in, settings));
    }

    /** The columns the readings have when your query gets them (what the kit's runner hands over too). */
    public static StructType readingColumns() {
        return ExerciseColumns.READINGS;
    }

    /** {@code append} (the default: each window once, when final) or {@code update} (every change). */
    public StreamScenario outputMode(String mode) {
        this.outputMode = mode;
        return this;
    }

    /** A reading of 2024-01-01 at {@code time} ({@code "00:01:30"}); its seq counts up per sensor from 0. */
    public static Reading reading(String sensor, String time, double temperature) {
        long seq = SEQ.merge(sensor, 1L, Long::sum) - 1;
        return new Reading(sensor, at(time), seq, temperature);
    }

    /** A reading with the seq you choose (gaps, duplicates). */
    public static Reading reading(String sensor, String time, long seq, double temperature) {
        return new Reading(sensor, at(time), seq, temperature);
    }

    /** Epoch milliseconds of 2024-01-01 at {@code time} (UTC). */
    public static long at(String time) {
        return LocalTime.parse(time).atDate(java.time.LocalDate.of(2024, 1, 1)).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The kit's JSON bytes of a reading, as a producer writes them. */
    public static String json(Reading r) {
        return new String(JsonReadingCodec.INSTANCE.encode(r), StandardCharsets.UTF_8);
    }

    public StreamScenario add(Reading... readings) {
        if (records) throw new IllegalStateException("this scenario reads Kafka records: use addRecords");
        List<Row> rows = new ArrayList<>();
        for (Reading r : readings) rows.add(RowFactory.create(r.sensor(), r.ts(), r.seq(), r.temperature()));
        input.addData(JavaConverters.asScalaIterator(rows.iterator()));
        return this;
    }

    /** Records with these values (UTF-8), as they would arrive from Kafka: partition 0, offsets counting up. */
    public StreamScenario addRecords(String... values) {
        List<byte[]> bytes = new ArrayList<>();
        for (String v : values) bytes.add(v.getBytes(StandardCharsets.UTF_8));
        return addRecords(bytes);
    }

    public StreamScenario addRecords(List<byte[]> values) {
        if (!records) throw new IllegalStateException("this scenario reads readings: use add");
        List<Row> rows = new ArrayList<>();
        for (byte[] v : values) rows.add(RowFactory.create(("k" + offset).getBytes(StandardCharsets.UTF_8), v, "in", 0, offset++));
        input.addData(JavaConverters.asScalaIterator(rows.iterator()));
        return this;
    }

    /** Runs the query over everything added so far; returns what it wrote in this step. */
    public Step process() {
        StreamingQuery q;
        try {
            // foreachBatch, not the memory sink: it resumes from the checkpoint, as each step needs.
            List<Row> written = SINKS.computeIfAbsent(name, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
            written.clear();
            q = output.writeStream().queryName(name).outputMode(outputMode)
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> SINKS.get(name).addAll(batch.collectAsList()))
                    .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.AvailableNow()).start();
            if (!q.awaitTermination(TimeUnit.MINUTES.toMillis(3))) {
                q.stop();
                throw new AssertionError("the query did not finish within 3 minutes");
            }
        } catch (ExerciseNotStarted e) {
            Assumptions.abort(e.getMessage());
            throw e;
        } catch (Exception e) {
            ExerciseNotStarted ns = notStarted(e);
            if (ns != null) Assumptions.abort(ns.getMessage());
            throw new AssertionError("your query failed: " + e.getMessage(), e);
        }
        long dropped = 0;
        String watermark = null;
        for (StreamingQueryProgress p : q.recentProgress()) {
            for (StateOperatorProgress op : p.stateOperators()) dropped += op.numRowsDroppedByWatermark();
            if (p.eventTime().get("watermark") != null) watermark = p.eventTime().get("watermark");
        }
        List<Row> rows = new ArrayList<>(SINKS.get(name));
        return new Step(rows, output.schema(), dropped, watermark == null ? null : Instant.parse(watermark));
    }

    private static ExerciseNotStarted notStarted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ExerciseNotStarted n) return n;
        }
        return null;
    }

    @Override
    public void close() {
        SINKS.remove(name);
        try (var files = Files.walk(checkpoint)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
