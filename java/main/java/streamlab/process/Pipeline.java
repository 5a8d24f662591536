package streamlab.process;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * The whole transformation of {@code process}, from Kafka records ({@code key, value, topic, partition,
 * offset}) to Kafka records ({@code topic, key, value, headers}): a pure builder, the same on the streaming
 * Kafka source and on a batch Dataset made in a test (where every window is final at the end).
 *
 * <h2>Why one query, and why this shape</h2>
 * Windows, alerts, dead letters and late readings all come from one read of the topic and one decode
 * of each record, in one streaming query with one checkpoint, one watermark and one sink (the Kafka sink
 * takes the topic per row). Reading the source once per output (three queries) cost three reads and
 * three decodes of every record, and gave each output its own watermark.
 * <ol>
 *   <li>Decoding: by default the packer decodes each record with the kit's codecs in Java (JSON with
 *       Jackson's byte parser, msgpack, or either by the first byte with {@code --format auto}), with the
 *       validation and the {@code --max-future} check of {@link ReadingDecoder#rangeReason}. With
 *       {@code --json-parser from_json}, {@link ReadingDecoder#classify} decodes instead: Spark's
 *       {@code from_json} with an explicit schema (msgpack, for {@code auto}, through the codec in a UDF) and the
 *       checks as Spark expressions; slower (see {@link JsonParser}). A record is a reading or a dead letter
 *       with a reason, the same reasons for what both refuse.</li>
 *   <li>{@link Packer}: per input partition, a sensor's readings become one packed row (a map-side
 *       combine) with the partition's newest event time; rejects go to the DLQ from there
 *       ({@link DeadLetterProducer}), or, on a batch Dataset, pass as rows of their own; a marker row
 *       carries the partition's newest event time, the watermark's input ({@code withWatermark} on that
 *       column).</li>
 *   <li>{@link SensorFunction} in {@code flatMapGroupsWithState} per sensor, with event-time timeouts:
 *       the windows ({@link SensorWindows}: Spark's windowing, and late means the window was written),
 *       the alert rules, and the records to write. Windows are written once when the watermark passes
 *       their end (append), already in the batch whose readings move it there, or whenever they change
 *       (update).</li>
 * </ol>
 * Spark's built-in windowed aggregation ({@code groupBy(window(...))}) cannot share a query with
 * {@code flatMapGroupsWithState} before it, and after it would only see aggregates, not readings; so the
 * windows are computed in the same per-sensor function as the alerts, with the same formulas as Spark's
 * {@code avg} and {@code stddev_pop}.
 */
public final class Pipeline {
    /**
     * The grouping key's encoder: what {@code Encoders.STRING()} returns, without the Scala type tag it derives it
     * from, whose first use starts Scala's runtime reflection: a third of the time to build the query (JFR).
     */
    static final Encoder<String> SENSOR_ID = ExpressionEncoder.apply(AgnosticEncoders.StringEncoder$.MODULE$);

    /** Processing-time mode ({@code --idle-timeout}) visits each sensor this often at most. */
    static final long IDLE_CHECK_MS = 1_000;

    private Pipeline() {}

    /** With rejects as rows of the result (for the DLQ topic): what a batch Dataset in a test can collect. */
    public static Dataset<Row> build(Dataset<Row> kafkaRows, PipelineOptions options, Counters counters) {
        return build(kafkaRows, options, counters, null);
    }

    /**
     * @param deadLetters null: rejects are rows of the result; else the packer writes them with this producer,
     *                    and the result holds windows, alerts and late readings only
     */
    static Dataset<Row> build(Dataset<Row> kafkaRows, PipelineOptions options, Counters counters, DeadLetterProducer deadLetters) {
        boolean streaming = kafkaRows.isStreaming();
        boolean originals = options.lateTopic() != null;
        Column now = unix_millis(current_timestamp()).as("now");
        Dataset<Row> input;
        Packer packer;
        if (options.format() == InputFormat.MSGPACK || options.jsonParser() == JsonParser.JACKSON) {
            // The packer decodes the bytes itself: it needs every record's bytes, and nothing else.
            input = kafkaRows.select(Arrays.stream(Packer.INPUT).map(c -> switch (c) {
                case "key", "value", "topic", "partition", "offset" -> col(c);
                case "now" -> now;
                default -> lit(null).as(c);
            }).toArray(Column[]::new));
            packer = new Packer(originals, options.format(), options.maxFuture(), counters, deadLetters);
        } else {
            Dataset<Row> classified = ReadingDecoder.classify(kafkaRows, options.format(), options.maxFuture());
            Column rejected = col(ReadingDecoder.REASON).isNotNull();
            // Good readings cross the shuffle as numbers only, unless their bytes may be written out as late.
            Column keep = originals ? lit(true) : rejected;
            input = classified.select(Arrays.stream(Packer.INPUT).map(c -> switch (c) {
                case "key", "value", "topic" -> when(keep, col(c)).as(c);
                case "partition", "offset" -> (originals ? col(c) : when(rejected, col(c))).as(c);
                case "now" -> lit(null).cast("long").as(c);
                default -> col(c);
            }).toArray(Column[]::new));
            packer = new Packer(originals, null, options.maxFuture(), counters, deadLetters);
        }
        Dataset<Row> packed = input.mapPartitions(packer, Encoders.row(PackedRow.SCHEMA));
        if (streaming) packed = packed.withWatermark(ReadingDecoder.EVENT_TIME, options.windows().watermark().toMillis() + " milliseconds");
        // One shuffle for both branches below: the same exchange twice in a plan is planned once (Spark's
        // ReuseExchange), so the source is read and decoded once. Its hash partitioning on the key is the one the
        // state operator needs, so the packs are not shuffled a second time.
        Dataset<Row> shuffled = packed.repartition(PackedRow.column(PackedRow.KEY));
        Column rejected = PackedRow.isReject();
        GroupStateTimeout timeout = !streaming ? GroupStateTimeout.NoTimeout()
                : options.alerts().idleTimeoutMs() == null ? GroupStateTimeout.EventTimeTimeout() : GroupStateTimeout.ProcessingTimeTimeout();
        Dataset<Row> out = (deadLetters != null ? shuffled : shuffled.filter(above(not(rejected))))
                .groupBy(PackedRow.column(PackedRow.KEY)).as(SENSOR_ID, Encoders.row(PackedRow.SCHEMA))
                .flatMapGroupsWithState(new SensorFunction(options, streaming, counters), OutputMode.Append(),
                        Encoders.kryo(SensorState.class), Encoders.row(SensorFunction.OUTPUT), timeout);
        Column kind = col("kind");
        Column topic = when(kind.equalTo(SensorFunction.WINDOW), lit(options.reportTopic()))
                .when(kind.equalTo(SensorFunction.ALERT), lit(options.alertsTopic()))
                .otherwise(lit(options.lateTopic()));
        Column headers = when(col("reason").isNotNull(), DeadLetters.headers(col("reason"), col("source")));
        Dataset<Row> records = out.select(topic.as("topic"), col("key"), col("value"), headers.as("headers"));
        if (deadLetters != null) return records;
        // Dead letters need no state: they go straight from the shuffle to the sink, a row at a time, in every
        // shuffle partition; through the state operator they were sorted, and handed to one call as one group.
        Dataset<Row> dlq = shuffled.filter(above(rejected)).select(lit(options.dlqTopic()).as("topic"),
                PackedRow.column(PackedRow.DLQ_KEY).as("key"), PackedRow.column(PackedRow.DLQ_VALUE).as("value"),
                DeadLetters.headers(PackedRow.column(PackedRow.REASON), PackedRow.column(PackedRow.KEY)).as("headers"));
        return records.unionByName(dlq);
    }

    /**
     * A filter condition the optimizer keeps above the shuffle (it is not deterministic): it pushes deterministic
     * filters below a repartition, which would make the two branches' exchanges differ, and each would then read
     * the source.
     */
    private static Column above(Column condition) {
        return when(spark_partition_id().geq(0), condition).otherwise(lit(false));
    }
}
