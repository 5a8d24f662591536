package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.Scripts;

/**
 * {@code bin/streamlab process} killed with SIGKILL in the middle of a run, then restarted on the same checkpoint:
 * no window is lost and none differs. The job runs as a separate process (the way a user runs it), so the kill
 * leaves exactly what a crash leaves: a half-written micro-batch, offsets logged but not committed, results
 * maybe already in Kafka. The Kafka sink is at-least-once, so a window may be written again by the replayed
 * batch; after de-duplication by key ({@code sensor|window_start}) every window the final watermark closed must
 * be there once, with the values of an independent computation, and a repeated write must carry the same values.
 * <p>
 * Needs the shaded jar of the build dir ({@code mvn package} first), like the other tests that run bin/ scripts.
 */
class ProcessKillRestartTest {
    static final long T0 = 1_700_000_000_000L;
    static final long WINDOW = 10_000;
    static final long WATERMARK = 5_000;
    static LocalKafka kafka;
    static Path jar;

    @TempDir
    Path tmp;
    private Process job;

    @BeforeAll
    static void up() {
        jar = Path.of(System.getProperty("streamlab.jar", Scripts.home().resolve("target/streamlab.jar").toString()))
                .toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "no jar at " + jar + ": run the package phase first");
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void down() {
        if (kafka != null) kafka.close();
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (job != null && job.isAlive()) {
            job.destroyForcibly();
            job.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJobKilledWithSigkillResumesWithoutLosingOrChangingWindows() throws Exception {
        kafka.createTopic("kill.in", 2);
        for (String t : List.of("kill.report", "kill.dlq", "kill.alerts")) kafka.createTopic(t, 1);
        // 6 sensors, about 6 minutes of event time each: some 35 closed windows per sensor in the end.
        List<Reading> readings = new ArrayList<>(TestReadings.generate(77, 6, 720, T0, 500));
        readings.sort(Comparator.comparingLong(Reading::ts));
        List<ProducerRecord<String, byte[]>> all = ProcessEndToEndTest.records(readings, Format.JSON);
        int half = all.size() / 2;
        List<ProducerRecord<String, byte[]>> first = new ArrayList<>(all.subList(0, half));
        byte[] bad = "{\"sensor\":\"s-9\",\"ts\":".getBytes(StandardCharsets.UTF_8);
        first.add(100, new ProducerRecord<>("", "bad-1", bad));
        send("kill.in", first);

        Path checkpoint = tmp.resolve("ckpt");
        // The first half takes three micro-batches, 1 s apart; the kill lands after the first one that wrote
        // windows has been committed (its progress line), so with at least one batch to go. The first batch of a
        // cold JVM takes seconds, a minute on a crowded machine.
        job = start(checkpoint, tmp.resolve("run1"), "--trigger", "1s", "--max-offsets-per-trigger", "800");
        int beforeKill = awaitCommittedWindows(Duration.ofSeconds(240), tmp.resolve("run1"));
        job.destroyForcibly(); // SIGKILL: no shutdown hook, no stop of the queries
        assertThat(job.waitFor(30, TimeUnit.SECONDS)).as("process gone after SIGKILL").isTrue();
        assertThat(job.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(128 + 9);
        Map<String, WindowResult> expectedFirstHalf = closed(readings.subList(0, half));
        assertThat(beforeKill).as("killed before the first half was done").isLessThan(expectedFirstHalf.size());

        send("kill.in", all.subList(half, all.size()));
        job = start(checkpoint, tmp.resolve("run2"), "--trigger", "available-now");
        assertThat(job.waitFor(240, TimeUnit.SECONDS)).as("restarted run ends; stderr:%n%s", log(tmp.resolve("run2"))).isTrue();
        assertThat(job.exitValue()).as("exit code of the restarted run; stderr:%n%s", log(tmp.resolve("run2"))).isZero();

        Map<String, WindowResult> union = new TreeMap<>();
        List<ConsumerRecord<String, byte[]>> written = kafka.readAll("kill.report", Duration.ofSeconds(30));
        for (ConsumerRecord<String, byte[]> rec : written) {
            WindowResult w = WindowResultCodec.decode(rec.value());
            assertThat(rec.key()).isEqualTo(w.key());
            WindowResult earlier = union.putIfAbsent(rec.key(), w);
            if (earlier != null) {
                // A replayed batch must recompute the same window, not a partial or merged one.
                assertThat(withoutEmittedAt(w)).as("window %s written twice with different values", rec.key())
                        .isEqualTo(withoutEmittedAt(earlier));
            }
        }
        Map<String, WindowResult> expected = closed(readings);
        assertThat(expected).hasSizeGreaterThan(6 * 30);
        ExpectedWindows.assertMatches(union, expected);
        System.out.printf("[kill-restart] %d report records before the kill, %d in the end for %d windows (%d rewritten)%n",
                beforeKill, written.size(), union.size(), written.size() - union.size());

        List<ConsumerRecord<String, byte[]>> dlq = kafka.readAll("kill.dlq", Duration.ofSeconds(30));
        assertThat(dlq).isNotEmpty().allSatisfy(rec -> assertThat(rec.value()).isEqualTo(bad));
        // The restart reads the second half plus the batches the kill left logged but uncommitted, never all again.
        String done = Files.readString(tmp.resolve("run2").resolve("out"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("process: done: ([0-9,]+) readings in").matcher(done);
        assertThat(m.find()).as(done).isTrue();
        assertThat(Long.parseLong(m.group(1).replace(",", ""))).isBetween((long) all.size() - half, (long) all.size() - 1);
    }

    /** {@code bin/streamlab process} as a child process of its own, output to files under {@code dir}. */
    private Process start(Path checkpoint, Path dir, String... extra) throws IOException {
        Files.createDirectories(dir.resolve("var"));
        List<String> cmd = new ArrayList<>(List.of(Scripts.home().resolve("bin/streamlab").toString(), "process",
                "--bootstrap-server", kafka.bootstrap(), "--topic", "kill.in", "--report-topic", "kill.report",
                "--dlq-topic", "kill.dlq", "--alerts-topic", "kill.alerts", "--format", "json",
                "--window", "10s", "--watermark", "5s", "--checkpoint", checkpoint.toString(),
                "--connect-timeout", "10s", "--conf", "spark.ui.enabled=false"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Scripts.home().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        for (String v : List.of("STREAMLAB_ENV_LOADED", "STREAMLAB_LOG_DIR", "STREAMLAB_PID_DIR", "STREAMLAB_DATA_DIR",
                "SPARK_HOME", "STREAMLAB_JAVA_OPTS")) {
            pb.environment().remove(v);
        }
        pb.environment().put("STREAMLAB_HOME", Scripts.home().toString());
        pb.environment().put("STREAMLAB_VAR", dir.resolve("var").toString());
        // The build dir that holds the jar also holds the Spark runtime (bin/streamlab-env.sh: SPARK_HOME).
        pb.environment().put("STREAMLAB_BUILD", jar.getParent().toString());
        pb.environment().put("STREAMLAB_JAR", jar.toString());
        pb.environment().put("STREAMLAB_DRIVER_MEMORY", "1g");
        // bin/streamlab execs java: the Process is the JVM itself, so destroyForcibly() SIGKILLs the job.
        return pb.start();
    }

    static void send(String topic, List<ProducerRecord<String, byte[]>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
            producer.flush();
        }
    }

    private static final java.util.regex.Pattern WROTE_WINDOWS =
            java.util.regex.Pattern.compile("process: batch [0-9]+: .*windows out [1-9]");

    /**
     * Waits for the progress line of a batch that wrote windows (printed once the batch is committed); returns
     * how many records the report topic holds then.
     */
    private int awaitCommittedWindows(Duration timeout, Path dir) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (WROTE_WINDOWS.matcher(log(dir)).find()) return kafka.readAll("kill.report", Duration.ofSeconds(10)).size();
            assertThat(job.isAlive()).as("process still running; stderr:%n%s", log(dir)).isTrue();
            assertThat(System.nanoTime()).as("a batch that wrote windows within %s; stderr:%n%s", timeout, log(dir))
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("err"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The windows a final watermark of max(ts) - 5 s has closed. */
    static Map<String, WindowResult> closed(List<Reading> readings) {
        long watermark = readings.stream().mapToLong(Reading::ts).max().orElseThrow() - WATERMARK;
        Map<String, WindowResult> all = ExpectedWindows.of(readings, WINDOW, WINDOW);
        all.values().removeIf(w -> w.windowEnd() > watermark);
        return all;
    }

    private static WindowResult withoutEmittedAt(WindowResult w) {
        return new WindowResult(w.sensor(), w.windowStart(), w.windowEnd(), w.count(), w.min(), w.max(), w.avg(),
                w.stddev(), w.firstTs(), w.lastTs(), w.seqGaps(), 0);
    }
}
