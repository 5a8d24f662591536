package streamlab.process;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;
import streamlab.common.ProgressLine;
import streamlab.common.StopSignal;
import streamlab.common.UserException;

/**
 * The Spark wiring of {@code process}: session, Kafka source, the one streaming query of {@link Pipeline}
 * with its Kafka sink (topic per record) and checkpoint, progress, stop.
 */
final class ProcessJob {
    /**
     * Stop the query before Spark tears down what it runs on: above SparkContext's hook (50) and above the
     * hook of local mode's executor (the default priority, 100), which stops the executor's task threads. Below
     * that, a Ctrl-C during a micro-batch left the batch waiting for tasks that could no longer run until
     * Hadoop's 30 s limit on shutdown hooks, and the job ended with "Cannot call methods on a stopped SparkContext".
     */
    private static final int STOP_HOOK_PRIORITY = 110;

    private final ProcessCommand options;
    private final PrintStream out;
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private volatile boolean shutdownHookFired;
    private final CountDownLatch stopped = new CountDownLatch(1);

    ProcessJob(ProcessCommand options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        options.kafka.checkReachable();
        Properties client = options.kafka.clientProperties();
        Map<String, String> kafkaOptions = kafkaOptions(client);
        Path checkpoint = options.checkpointDir();
        try {
            Files.createDirectories(checkpoint);
        } catch (IOException e) {
            throw new UserException("--checkpoint: cannot create " + checkpoint + ": " + e.getMessage());
        }
        StopSignal.install();
        Object hook = ShutdownHookManager.addShutdownHook(STOP_HOOK_PRIORITY, new AbstractFunction0<BoxedUnit>() {
            @Override
            public BoxedUnit apply() {
                shutdownHookFired = true;
                try {
                    stopped.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return BoxedUnit.UNIT;
            }
        });
        SparkSession base = SparkSession.getDefaultSession().isDefined() ? null : createSession();
        boolean owned = base != null;
        if (!owned) base = SparkSession.getDefaultSession().get();
        // A session of our own on the shared context: SQL settings and listeners do not leak to the caller.
        SparkSession spark = base.newSession();
        Counters counters = new Counters(spark.sparkContext());
        RecordsRead read = new RecordsRead();
        spark.sparkContext().addSparkListener(read);
        ProgressPrinter progress = new ProgressPrinter(err, startNanos, counters, read);
        ProgressJsonFile progressJson = null;
        StreamingQuery query = null;
        DeadLetterProducer deadLetters = null;
        try {
            configure(spark);
            if (options.progressJson != null) {
                try {
                    progressJson = new ProgressJsonFile(options.progressJson, err);
                } catch (IOException e) {
                    throw new UserException("--progress-json: cannot write " + options.progressJson + ": " + e.getMessage());
                }
                // Before the printer: listeners are called in turn, so once the printer has seen the last batch, so has the file.
                spark.streams().addListener(progressJson);
            }
            spark.streams().addListener(progress);
            err.printf("process: reading %s (%s) from %s, windows of %s every %s, watermark %s, trigger %s, checkpoint %s%n",
                    options.topic, options.format.name().toLowerCase(), options.kafka.bootstrapServer,
                    streamlab.common.Durations.format(options.window), streamlab.common.Durations.format(options.windowSpec().slideOrWindow()),
                    streamlab.common.Durations.format(options.watermark), options.trigger, checkpoint);

            Dataset<Row> source = spark.readStream().format("kafka").options(SourceOptions.of(kafkaOptions))
                    .option("subscribe", options.topic)
                    .option("startingOffsets", options.startingOffsets.name().toLowerCase())
                    .option("maxOffsetsPerTrigger", options.maxOffsetsPerTrigger != null ? options.maxOffsetsPerTrigger
                            : CatchUpBatch.records(spark.sparkContext()))
                    .load();
            deadLetters = new DeadLetterProducer(client, options.dlqTopic);
            Dataset<Row> records = Pipeline.build(source, options.pipelineOptions(), counters, deadLetters);
            query = records.writeStream().queryName(ProgressPrinter.QUERY).format("kafka").options(SinkOptions.of(kafkaOptions))
                    .option("checkpointLocation", checkpoint.toString())
                    .outputMode(OutputMode.Append())
                    .trigger(options.trigger.availableNow() ? Trigger.AvailableNow() : Trigger.ProcessingTime(options.trigger.interval().toMillis()))
                    .start();
            progress.startTicker(query);
            await(query);
        } finally {
            progress.stopTicker();
            if (query != null) {
                if (query.isActive()) query.stop();
                StreamingQueryProgress last = query.lastProgress();
                if (last != null) progress.awaitBatch(last.batchId(), 5_000);
            }
            spark.streams().removeListener(progress);
            if (progressJson != null) {
                spark.streams().removeListener(progressJson);
                progressJson.close();
            }
            spark.sparkContext().removeSparkListener(read);
            if (deadLetters != null) deadLetters.close();
            out.printf("process: done: %s readings in, %s windows out, %s to DLQ, %s late (dropped by watermark)%s, %s alert records to %s%n",
                    ProgressLine.count(counters.readings()), ProgressLine.count(counters.windows()),
                    ProgressLine.count(counters.deadLetters()), ProgressLine.count(counters.late()),
                    options.lateTopic == null ? "" : ", " + ProgressLine.count(counters.lateWritten()) + " late readings to " + options.lateTopic,
                    ProgressLine.count(counters.alerts()), options.alertsTopic);
            out.flush();
            // During JVM shutdown Spark's own hook stops the context right after ours returns.
            if (owned) StateStores.closeLoaded();
            if (owned && !shutdownHookFired) base.stop();
            stopped.countDown();
            if (!shutdownHookFired) ShutdownHookManager.removeShutdownHook(hook);
        }
        return 0;
    }

    private SparkSession createSession() {
        // new SparkConf() reads spark.* system properties: under spark-submit, spark.master is already there.
        SparkConf conf = new SparkConf();
        String master = options.master != null ? options.master : conf.get("spark.master", "local[2]");
        SparkSession.Builder b = SparkSession.builder().appName("streamlab process").master(master);
        if (master.startsWith("local") && !conf.contains("spark.driver.host")) {
            // Labs and tests bind everything to the loopback interface.
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        b.config("spark.sql.shuffle.partitions", "2");
        // Running tasks report their metrics with each heartbeat: the catch-up line while a long batch runs.
        if (!conf.contains("spark.executor.heartbeatInterval")) b.config("spark.executor.heartbeatInterval", "2s");
        options.sparkConf().forEach(b::config);
        return b.getOrCreate();
    }

    /**
     * Shuffle partitions default to 2 (not Spark's 200, which makes every micro-batch take seconds on a
     * laptop); the checkpoint pins the value at the first run. {@code --conf} wins where Spark allows a
     * change at run time.
     */
    private void configure(SparkSession spark) {
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        // Streaming disables adaptive execution anyway; saying so once per query is only noise.
        spark.conf().set("spark.sql.adaptive.enabled", "false");
        // The checkpoint is a local folder. Spark's default manager goes through Hadoop's FileContext, whose local
        // file system runs `readlink` as a child process at every rename (Hadoop without its native library): about
        // 200 processes forked from this JVM in a 6-million-reading run, most on the query's critical path (offset
        // and commit log, state deltas). This one renames with File.renameTo, atomic on a local disk as well.
        spark.conf().set("spark.sql.streaming.checkpointFileManagerClass", FileSystemBasedCheckpointFileManager.class.getName());
        options.sparkConf().forEach((k, v) -> {
            if (spark.conf().isModifiable(k)) {
                spark.conf().set(k, v);
            } else if (!v.equals(spark.conf().get(k, null))) {
                err.println("process: warning: --conf " + k + " cannot be changed in a running Spark context; ignored");
            }
        });
    }

    private void await(StreamingQuery q) throws Exception {
        while (true) {
            if (q.exception().isDefined()) throw failed(q, q.exception().get(), options.checkpointDir(), options.kafka.bootstrapServer);
            if (!q.isActive()) return;
            if (StopSignal.requested() || shutdownHookFired) {
                err.println("process: stopping (the next run resumes from the checkpoint)");
                q.stop();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static UserException failed(StreamingQuery q, StreamingQueryException e, Path checkpoint, String bootstrap) {
        Throwable root = e;
        boolean checkpointIo = false;
        boolean kafkaTimeout = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            checkpointIo |= writesCheckpoint(t);
            kafkaTimeout |= t instanceof org.apache.kafka.common.errors.TimeoutException;
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        if (kafkaTimeout) {
            // The clients wait for a broker for minutes (see ProcessBrokerRestartDrillIT), and in local mode the
            // first task that gives up ends the query: a broker restart passes, a broker gone for good ends here.
            return new UserException("query '" + q.name() + "' stopped waiting for Kafka at " + bootstrap + ": " + why
                    + " (is the broker up? try bin/status; once Kafka serves again, run process again: it resumes from its checkpoint)", e);
        }
        boolean io = root instanceof java.io.IOException || root.getClass().getName().equals("org.apache.hadoop.fs.FSError");
        if (io && (checkpointIo || why.contains(checkpoint.toString()))) {
            return new UserException("cannot write the checkpoint " + checkpoint + ": " + why
                    + " (free space or fix the folder, then run again: the job resumes from its checkpoint)", e);
        }
        return new UserException("query '" + q.name() + "' failed: " + why, e);
    }

    /** Whether the failure happened while writing the offset or commit log or the state store (all in the checkpoint). */
    private static boolean writesCheckpoint(Throwable t) {
        for (StackTraceElement f : t.getStackTrace()) {
            String c = f.getClassName();
            if (c.contains("CheckpointFileManager") || c.contains("HDFSMetadataLog") || c.contains(".state.")) return true;
        }
        return false;
    }

    /** The Kafka client settings (bootstrap servers, --command-config) as the connector wants them. */
    static Map<String, String> kafkaOptions(Properties client) {
        Map<String, String> m = new LinkedHashMap<>();
        client.stringPropertyNames().stream().sorted().forEach(k -> m.put("kafka." + k, client.getProperty(k)));
        return m;
    }
}
