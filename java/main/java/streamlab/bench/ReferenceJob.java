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

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import streamlab.common.JitDirectives;
import streamlab.process.ProgressJsonFile;
import streamlab.process.SinkOptions;
import streamlab.process.SourceOptions;

/**
 * The reference the bench measures {@code process} against, in the same run: the minimal Spark job of the same
 * shape, with Spark's built-in operators only. {@code from_json} with an explicit schema, a 30 s watermark,
 * 1-minute tumbling windows per sensor with count, avg, min and max, results as JSON to a Kafka topic,
 * {@code --trigger available-now}. It has no validation, no dead letters, no alerts, no stddev, sequence gaps or
 * late-reading count: the gap to {@code process} is the price of those.
 * <p>
 * Not a command of the kit; started by the bench as {@code STREAMLAB_MAIN_CLASS=streamlab.bench.ReferenceJob
 * bin/streamlab BOOTSTRAP TOPIC REPORT_TOPIC CHECKPOINT PROGRESS_JSON [spark.KEY=VALUE]...}. Writes its
 * progress to PROGRESS_JSON as {@code process --progress-json} does, which the bench reads the same way.
 */
public final class ReferenceJob {
    private ReferenceJob() {}

    public static void main(String[] args) throws Exception {
        JitDirectives.install(); // as bin/streamlab's commands run
        if (args.length < 5) {
            System.err.println("usage: ReferenceJob BOOTSTRAP TOPIC REPORT_TOPIC CHECKPOINT PROGRESS_JSON [spark.KEY=VALUE]...");
            System.exit(2);
        }
        SparkSession.Builder builder = SparkSession.builder().appName("streamlab bench reference").master("local[2]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2");
        for (int i = 5; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            builder.config(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        SparkSession spark = builder.getOrCreate();
        ProgressJsonFile progress = new ProgressJsonFile(Path.of(args[4]), System.err);
        spark.streams().addListener(progress);
        StructType schema = new StructType().add("sensor", DataTypes.StringType).add("ts", DataTypes.LongType)
                .add("seq", DataTypes.LongType).add("temperature", DataTypes.DoubleType);
        // The same source and sink options as process, so that the comparison is of the jobs, not of their clients.
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
        StreamingQuery q = records.writeStream().format("kafka").options(SinkOptions.of(Map.of("kafka.bootstrap.servers", args[0])))
                .option("topic", args[2]).option("checkpointLocation", args[3])
                .trigger(Trigger.AvailableNow()).start();
        q.awaitTermination();
        // Progress events arrive after the batch: the last one is in the file before the file is closed.
        long last = q.lastProgress() == null ? -1 : q.lastProgress().batchId();
        long until = System.nanoTime() + 5_000_000_000L;
        while (progress.lastBatch() < last && System.nanoTime() < until) Thread.sleep(20);
        spark.streams().removeListener(progress);
        progress.close();
        streamlab.process.StateStores.closeLoaded();
        spark.stop();
    }
}
