package streamlab.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.window;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import streamlab.common.ProgressLine;
import streamlab.process.SourceOptions;

/**
 * The reference {@code bin/bench-process} measures {@code process} against, in the same run: the minimal
 * Spark job of the same shape, with Spark's built-in operators only. {@code from_json} with an explicit
 * schema, a 30 s watermark, 1-minute tumbling windows per sensor with count, avg, min and max, results as
 * JSON to a Kafka topic, {@code --trigger available-now}. It has no validation, no dead letters, no alerts,
 * no stddev, sequence gaps or late-reading count: the gap to {@code process} is the price of those.
 * <p>
 * Not a command of the kit; started by the bench as {@code ReferenceJob BOOTSTRAP TOPIC REPORT_TOPIC
 * CHECKPOINT} on the kit's classpath, with {@code spark.*} system properties for Spark. Prints progress
 * lines in {@code process}'s format (batch, rows, duration, state rows, running "windows out"), which the
 * bench parses the same way.
 */
public final class ReferenceJob {
    private ReferenceJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ReferenceJob BOOTSTRAP TOPIC REPORT_TOPIC CHECKPOINT");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("streamlab bench reference")
                .master(System.getProperty("spark.master", "local[2]"))
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        AtomicLong written = new AtomicLong();
        spark.streams().addListener(new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {}

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {}

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
                StreamingQueryProgress p = event.progress();
                long state = 0;
                for (StateOperatorProgress op : p.stateOperators()) state += op.numRowsTotal();
                long out = written.addAndGet(Math.max(0, p.sink().numOutputRows()));
                System.err.printf("process: batch %d: %s rows in %.1f s, state %s rows, windows out %s%n", p.batchId(),
                        ProgressLine.count(p.numInputRows()), p.batchDuration() / 1000.0, ProgressLine.count(state),
                        ProgressLine.count(out));
            }
        });
        StructType schema = new StructType().add("sensor", DataTypes.StringType).add("ts", DataTypes.LongType)
                .add("seq", DataTypes.LongType).add("temperature", DataTypes.DoubleType);
        // The same source options as process, so that the comparison is of the jobs, not of their polling.
        Dataset<Row> source = spark.readStream().format("kafka")
                .options(SourceOptions.of(Map.of("kafka.bootstrap.servers", args[0])))
                .option("subscribe", args[1]).option("startingOffsets", "earliest").load();
        Dataset<Row> windows = source.select(from_json(col("value").cast("string"), schema).as("r")).select("r.*")
                .withColumn("event_time", timestamp_millis(col("ts")))
                .withWatermark("event_time", "30 seconds")
                .groupBy(col("sensor"), window(col("event_time"), "1 minute"))
                .agg(count(lit(1)).as("count"), min("temperature").as("min"), max("temperature").as("max"),
                        avg("temperature").as("avg"));
        Dataset<Row> records = windows.select(
                concat_ws("|", col("sensor"), unix_millis(col("window.start")).cast("string")).as("key"),
                to_json(struct(col("sensor"), unix_millis(col("window.start")).as("window_start"),
                        unix_millis(col("window.end")).as("window_end"), col("count"), col("min"), col("max"),
                        col("avg"))).as("value"));
        StreamingQuery q = records.writeStream().format("kafka").option("kafka.bootstrap.servers", args[0])
                .option("topic", args[2]).option("checkpointLocation", args[3])
                .trigger(Trigger.AvailableNow()).start();
        q.awaitTermination();
        System.out.println("reference: done: " + ProgressLine.count(written.get()) + " windows out");
        spark.stop();
    }
}
