package streamlab.exercise;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;
import streamlab.common.StopSignal;
import streamlab.common.UserException;
import streamlab.process.SinkOptions;
import streamlab.process.SourceOptions;
import streamlab.process.StateStores;

/**
 * The wiring of {@code exercise run}: session, Kafka source, the student's query inside
 * {@link ExercisePipeline}, Kafka sink, checkpoint, progress and stop; what {@code process}'s job does
 * around its own query, so the student's code runs the same way in a test, on {@code local[2]} and under
 * {@code spark-submit}.
 */
final class ExerciseRun {
    /** Above SparkContext's own shutdown hook (50), as in process. */
    private static final int STOP_HOOK_PRIORITY = 60;

    private volatile boolean shutdownHookFired;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ExerciseCommand options;
    private final Exercise e;
    private final String className;
    private final PrintStream out;
    private final PrintStream err;

    ExerciseRun(ExerciseCommand options, Exercise exercise, String className, PrintStream out, PrintStream err) {
        this.options = options;
        this.e = exercise;
        this.className = className;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        Object job = JobLoader.load(e, className);
        JobLoader.requireStarted(e, job);
        options.kafka.checkReachable();
        Path checkpoint = options.checkpointDir(e);
        try {
            Files.createDirectories(checkpoint);
        } catch (IOException ex) {
            throw new UserException("--checkpoint: cannot create " + checkpoint + ": " + ex.getMessage());
        }
        StopSignal.install();
        // Ctrl-C: stop the query before Spark's own hook (priority 50) tears the context down under it, so the
        // run ends with its summary and the checkpoint at a committed batch, as process does.
        Object hook = ShutdownHookManager.addShutdownHook(STOP_HOOK_PRIORITY, new AbstractFunction0<BoxedUnit>() {
            @Override
            public BoxedUnit apply() {
                shutdownHookFired = true;
                try {
                    stopped.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return BoxedUnit.UNIT;
            }
        });
        SparkSession base = SparkSession.getDefaultSession().isDefined() ? null : createSession();
        boolean owned = base != null;
        if (!owned) base = SparkSession.getDefaultSession().get();
        SparkSession spark = base.newSession();
        String name = "exercise-" + e.number();
        ExerciseProgress progress = new ExerciseProgress(err, name, e.shape());
        spark.streams().addListener(progress);
        StreamingQuery query = null;
        try {
            spark.conf().set("spark.sql.shuffle.partitions", "2");
            spark.conf().set("spark.sql.adaptive.enabled", "false");
            options.sparkConf().forEach((k, v) -> {
                if (spark.conf().isModifiable(k)) spark.conf().set(k, v);
            });
            ExerciseSettings s = options.settings(e);
            err.printf("%s: %s reading %s from %s, window %s slide %s watermark %s, output mode %s, trigger %s, checkpoint %s%n",
                    name, job.getClass().getName(), options.topic, options.kafka.bootstrapServer, s.windowDuration(), s.slideDuration(),
                    s.watermarkDelay(), options.emitMode.name().toLowerCase(), options.trigger, checkpoint);
            Map<String, String> kafkaOptions = kafkaOptions(options.kafka.clientProperties());
            Dataset<Row> source = spark.readStream().format("kafka").options(SourceOptions.of(kafkaOptions))
                    .option("subscribe", options.topic)
                    .option("startingOffsets", options.startingOffsets.name().toLowerCase())
                    .options(options.maxOffsetsPerTrigger == null ? Map.of()
                            : Map.of("maxOffsetsPerTrigger", options.maxOffsetsPerTrigger.toString()))
                    .load();
            Dataset<Row> records;
            try {
                records = ExercisePipeline.records(e, job, source, s, options.maxFuture, options.sinks());
            } catch (Exception ex) {
                throw explain(ex);
            }
            try {
                query = records.writeStream().queryName(name).format("kafka").options(SinkOptions.of(kafkaOptions))
                        .option("checkpointLocation", checkpoint.toString())
                        .outputMode(options.emitMode.name().toLowerCase())
                        .trigger(options.trigger.availableNow() ? Trigger.AvailableNow() : Trigger.ProcessingTime(options.trigger.interval().toMillis()))
                        .start();
            } catch (Exception ex) {
                if (!(ex instanceof org.apache.spark.sql.AnalysisException)) throw ex;
                throw new UserException(name + ": Spark refuses the query: " + firstLine(ex.getMessage()), ex);
            }
            await(query, name);
        } finally {
            if (query != null && query.isActive()) query.stop();
            if (query != null && query.lastProgress() != null) progress.awaitBatch(query.lastProgress().batchId(), 5_000);
            spark.streams().removeListener(progress);
            out.println(name + ": done: " + progress.summary());
            out.flush();
            if (owned) StateStores.closeLoaded();
            if (owned && !shutdownHookFired) base.stop();
            stopped.countDown();
            if (!shutdownHookFired) ShutdownHookManager.removeShutdownHook(hook);
        }
        return 0;
    }

    private SparkSession createSession() {
        SparkConf conf = new SparkConf();
        String master = options.master != null ? options.master : conf.get("spark.master", "local[2]");
        SparkSession.Builder b = SparkSession.builder().appName("streamlab exercise " + e.number()).master(master);
        if (master.startsWith("local") && !conf.contains("spark.driver.host")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        b.config("spark.sql.shuffle.partitions", "2");
        options.sparkConf().forEach(b::config);
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    private void await(StreamingQuery q, String name) throws java.util.concurrent.TimeoutException {
        while (true) {
            if (q.exception().isDefined()) throw failed(q.exception().get(), name);
            if (!q.isActive()) return;
            if (StopSignal.requested() || shutdownHookFired) {
                err.println(name + ": stopping (the next run resumes from the checkpoint)");
                q.stop();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A query that fails names the student's mistake in one line; the stack trace is there with --verbose. */
    private RuntimeException failed(StreamingQueryException ex, String name) {
        ExerciseNotStarted ns = JobLoader.notStarted(ex);
        if (ns != null) return notStarted(ns);
        Throwable root = ex;
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) root = t;
        return new UserException(name + ": the query failed: " + firstLine(root.getMessage() == null
                ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage()), ex);
    }

    private Exception explain(Exception ex) throws Exception {
        ExerciseNotStarted ns = JobLoader.notStarted(ex);
        if (ns != null) return notStarted(ns);
        if (ex instanceof UserException) return ex;
        if (ex instanceof org.apache.spark.sql.AnalysisException a) {
            return new UserException("exercise " + e.number() + ": Spark cannot analyse your query: " + firstLine(a.getMessage()), ex);
        }
        return ex;
    }

    UserException notStarted(ExerciseNotStarted ns) {
        return new UserException(ns.getMessage() + " (" + e.exerciseSource() + "; --solution runs the reference solution)", ns);
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    static Map<String, String> kafkaOptions(java.util.Properties client) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        client.stringPropertyNames().stream().sorted().forEach(k -> m.put("kafka." + k, client.getProperty(k)));
        return m;
    }
}
