package streamlab.process;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.codec.Reading;

/**
 * {@code --late-topic}: the readings the window query drops because their window had already closed,
 * written with their original key and bytes (and headers {@code streamlab.reason}, {@code streamlab.source}).
 * <p>
 * Spark does not hand out the rows it drops, so this is a third query (a {@code foreachBatch} on the same
 * source) that replays Spark's rule: the watermark is the highest event time of the earlier batches minus
 * {@code --watermark}, and a reading is late when the oldest window holding it ends at or before the
 * watermark. The approximation: the result is exact when this query's micro-batches cover the same
 * offsets as the window query's ({@code available-now} with the same {@code --max-offsets-per-trigger}
 * from the same start), and off only for readings close to the watermark when they do not (processing-time
 * triggers cut batches when data happens to arrive). The highest event time survives restarts in a small
 * file next to the checkpoints; like the Kafka sink, a batch re-run after a crash may write a record twice.
 */
final class LateReadings implements VoidFunction2<Dataset<Row>, Long> {
    private final long windowMs;
    private final long slideMs;
    private final long watermarkMs;
    private final String topic;
    private final Map<String, String> kafkaOptions;
    private final Path maxEventTimeFile;
    private final AtomicLong written = new AtomicLong();
    private long maxEventTime;

    LateReadings(WindowSpec spec, String topic, Map<String, String> kafkaOptions, Path maxEventTimeFile) {
        this.windowMs = spec.window().toMillis();
        this.slideMs = spec.slideOrWindow().toMillis();
        this.watermarkMs = spec.watermark().toMillis();
        this.topic = topic;
        this.kafkaOptions = kafkaOptions;
        this.maxEventTimeFile = maxEventTimeFile;
        this.maxEventTime = read(maxEventTimeFile);
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        Dataset<Row> b = batch.persist();
        try {
            // Spark's watermark starts at 0 (no reading is late before the first batch has set it).
            long watermark = maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : Math.max(0, maxEventTime - watermarkMs);
            Dataset<Row> late = b.filter(oldestWindowEnd(col(Reading.TS)).leq(lit(watermark)));
            Column source = concat(col("topic"), lit("-"), col("partition").cast("string"), lit("@"),
                    col("offset").cast("string"));
            Column reason = concat(lit("late: its window ended at "), oldestWindowEnd(col(Reading.TS)).cast("string"),
                    lit(", watermark " + watermark + " (--watermark " + watermarkMs + " ms)"));
            Dataset<Row> records = late.select(col("key"), col("value"), array(
                    struct(lit(DeadLetters.REASON_HEADER).as("key"), reason.cast("binary").as("value")),
                    struct(lit(DeadLetters.SOURCE_HEADER).as("key"), source.cast("binary").as("value"))).as("headers"));
            long n = records.count();
            if (n > 0) records.write().format("kafka").options(kafkaOptions).option("topic", topic).save();
            Row m = b.agg(max(col(Reading.TS))).first();
            if (!m.isNullAt(0) && m.getLong(0) > maxEventTime) {
                maxEventTime = m.getLong(0);
                write(maxEventTimeFile, maxEventTime);
            }
            written.addAndGet(n);
        } finally {
            b.unpersist();
        }
    }

    /** End of the oldest window [k*slide, k*slide + window) holding ts: ts - pmod(ts - window, slide) + slide. */
    private Column oldestWindowEnd(Column ts) {
        return ts.minus(pmod(ts.minus(lit(windowMs)), lit(slideMs))).plus(lit(slideMs));
    }

    long written() {
        return written.get();
    }

    private static long read(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()) : Long.MIN_VALUE;
        } catch (IOException | NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static void write(Path file, long value) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(value), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
