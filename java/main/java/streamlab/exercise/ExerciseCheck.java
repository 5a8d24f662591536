package streamlab.exercise;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.common.UserException;
import streamlab.process.InputFormat;
import streamlab.process.ProcessCommand;
import streamlab.process.TriggerSpec;

/**
 * {@code exercise check N}: the student's query and {@code process} on the same seeded input
 * ({@link CheckInput}) in fresh topics, in the same micro-batches ({@link #BATCH} records each, so that the
 * watermark moves the same way for both), then the outputs compared: windows ({@link WindowChecks}),
 * silences ({@link AlertChecks}) or dead letters ({@link ParseChecks}).
 * <p>
 * The input and {@code process}'s results depend only on the seed and the settings: one JVM makes them once
 * and checks any number of jobs against them (the test suite checks a dozen).
 */
final class ExerciseCheck {
    /**
     * Records per micro-batch, the same for both jobs: about a minute of event time, so the watermark moves in
     * steps, as in a live stream. (In one batch nothing is late for Spark: a batch's watermark is the one the
     * batches before it set.)
     */
    static final long BATCH = 40;

    private record Reference(String inputTopic, int inputRecords, List<WindowResult> windows, List<Alert> alerts,
                             List<ConsumerRecord<byte[], byte[]>> dlq) {}

    private static final Map<String, Reference> REFERENCES = new ConcurrentHashMap<>();

    private final ExerciseCommand options;
    private final Exercise e;
    private final String className;
    private final PrintStream out;
    private final PrintStream err;

    ExerciseCheck(ExerciseCommand options, Exercise exercise, String className, PrintStream out, PrintStream err) {
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
        ExerciseSettings s = options.settings(e);
        boolean owned = SparkSession.getDefaultSession().isEmpty();
        if (owned) {
            SparkSession.builder().appName("streamlab exercise check " + e.number()).master(options.master != null ? options.master : "local[2]")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate()
                    .sparkContext().setLogLevel("WARN");
        }
        Path work = Files.createTempDirectory("streamlab-check-");
        try {
            CheckTopics kafka = new CheckTopics(options.kafka.clientProperties());
            Reference ref = reference(kafka, s, work);
            String tag = "streamlab-check-" + UUID.randomUUID().toString().substring(0, 8) + ".yours.";
            ExerciseCommand yours = jobOptions(ref.inputTopic(), tag, work.resolve("yours"), s);
            kafka.create(List.of(yours.reportTopic, yours.alertsTopic, yours.dlqTopic, yours.parsedTopic), 1);
            err.printf("check: running %s on the same input%n", job.getClass().getName());
            CheckReport report = new CheckReport();
            try {
                new ExerciseRun(yours, e, className, err, err).run();
            } catch (UserException ex) {
                out.printf("exercise %d check: %s vs streamlab process%n", e.number(), job.getClass().getSimpleName());
                report.fail(JobLoader.notStarted(ex) != null ? "exercise " + e.number() + " is not started"
                        : "your job failed: " + ex.getMessage(), List.of(ex.getMessage()), null);
                report.print(out);
                return 1;
            }
            out.printf("exercise %d check: %s vs streamlab process on the same input (seed %d: %d records, out of order,"
                    + " late, not valid; window %s, slide %s, watermark %s)%n", e.number(), job.getClass().getSimpleName(),
                    options.seed, ref.inputRecords(), s.windowDuration(), s.slideDuration(), s.watermarkDelay());
            switch (e.shape()) {
                case WINDOWS -> WindowChecks.compare(windows(kafka.readAll(yours.reportTopic)), ref.windows(), s, report);
                case ALERTS -> AlertChecks.compare(alerts(kafka.readAll(yours.alertsTopic)), ref.alerts(), report);
                case PARSE -> ParseChecks.compare(kafka.readAll(yours.dlqTopic), kafka.readAll(yours.parsedTopic).size(),
                        ref.dlq(), ref.inputRecords(), report);
            }
            report.print(out);
            return report.passed() ? 0 : 1;
        } finally {
            delete(work);
            if (owned) SparkSession.getDefaultSession().get().stop();
        }
    }

    /** The input topic and {@code process}'s results for these settings: made once per JVM. */
    private Reference reference(CheckTopics kafka, ExerciseSettings s, Path work) throws Exception {
        String key = options.kafka.bootstrapServer + "|" + options.seed + "|" + s + "|" + e.shape();
        Reference known = REFERENCES.get(key);
        if (known != null) return known;
        String tag = "streamlab-check-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String in = tag + "in";
        List<CheckInput.Record> input = CheckInput.generate(options.seed);
        kafka.create(List.of(in), 2);
        kafka.create(List.of(tag + "process.report", tag + "process.alerts", tag + "process.dlq"), 1);
        kafka.write(in, input);
        err.printf("check: %d records written to %s; running streamlab process on them%n", input.size(), in);
        ProcessCommand p = new ProcessCommand();
        p.kafka = options.kafka;
        p.topic = in;
        p.reportTopic = tag + "process.report";
        p.alertsTopic = tag + "process.alerts";
        p.dlqTopic = tag + "process.dlq";
        p.format = InputFormat.AUTO;
        p.trigger = TriggerSpec.untilCaughtUp();
        p.maxOffsetsPerTrigger = BATCH;
        p.checkpoint = work.resolve("process-" + UUID.randomUUID());
        p.window = s.window();
        p.slide = s.sliding() ? s.slide() : null;
        p.watermark = s.watermark();
        p.maxFuture = s.maxFuture();
        p.alerts.stuckFor = s.stuckFor();
        p.alerts.silenceAfter = s.silenceAfter();
        // process's summary is progress of the check: it goes with the check's other progress, on stderr.
        p.run(err, err);
        Reference ref = new Reference(in, input.size(), windows(kafka.readAll(p.reportTopic)), alerts(kafka.readAll(p.alertsTopic)),
                kafka.readAll(p.dlqTopic));
        REFERENCES.put(key, ref);
        return ref;
    }

    private ExerciseCommand jobOptions(String inputTopic, String tag, Path checkpoint, ExerciseSettings s) {
        ExerciseCommand c = new ExerciseCommand();
        c.kafka = options.kafka;
        c.topic = inputTopic;
        c.reportTopic = tag + "report";
        c.alertsTopic = tag + "alerts";
        c.dlqTopic = tag + "dlq";
        c.parsedTopic = tag + "parsed";
        c.trigger = TriggerSpec.untilCaughtUp();
        c.maxOffsetsPerTrigger = BATCH;
        c.checkpoint = checkpoint;
        c.window = s.window();
        c.slide = s.slide();
        c.watermark = s.watermark();
        c.stuckFor = s.stuckFor();
        c.silenceAfter = s.silenceAfter();
        c.maxFuture = s.maxFuture();
        c.conf = options.conf;
        return c;
    }

    private static List<WindowResult> windows(List<ConsumerRecord<byte[], byte[]>> records) {
        List<WindowResult> l = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) l.add(WindowResultCodec.decode(r.value()));
        return l;
    }

    private static List<Alert> alerts(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Alert> l = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) l.add(AlertCodec.decode(r.value()));
        return l;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is not worth failing the check for.
        }
    }
}
