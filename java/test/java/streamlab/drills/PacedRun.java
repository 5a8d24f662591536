package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;

/**
 * The scene of the drills that hit the broker while {@code process} runs: the job ({@code bin/streamlab process},
 * default trigger, 10 s windows, 5 s watermark) warmed up on an empty input topic, then a paced, seeded
 * {@code produce} of {@code count} readings of 5 sensors at 12x from a clock in the past (60 readings/s; a window
 * closes about every second) that records what it sent. {@link #finish} is the verdict: produce ended with exit 0,
 * the job is still the same process and ends cleanly on Ctrl-C, the input topic holds every reading once, and the
 * report holds every window the final watermark closed, once after de-duplication by key, with the values computed
 * from the recording ({@link Recorded}).
 */
final class PacedRun {
    static final long WINDOW = 10_000;
    static final long WATERMARK = 5_000;
    static final int SENSORS = 5;
    /** Readings per second of wall time: 5 sensors, one reading a second of event time each, at 12x. */
    static final int RATE = SENSORS * 12;
    static final Pattern FIRST_BATCH = Pattern.compile("^process: batch 0: ");

    final String bootstrap;
    final Clients clients;
    final Path dir;
    final int count;
    final Child job;
    Child produce;
    private final List<Child> children = new ArrayList<>();
    private final String label;
    private final long t0 = System.nanoTime();

    private PacedRun(String label, String bootstrap, Clients clients, Path dir, int count) {
        this.label = label;
        this.bootstrap = bootstrap;
        this.clients = clients;
        this.dir = dir;
        this.count = count;
        this.job = start("process", "process", "--bootstrap-server", bootstrap, "--topic", "in", "--report-topic", "report",
                "--alerts-topic", "alerts", "--dlq-topic", "dlq", "--format", "json", "--window", "10s", "--watermark", "5s",
                "--checkpoint", dir.resolve("checkpoint").toString(), "--conf", "spark.ui.enabled=false");
    }

    /**
     * Topics, the job, and once its first (empty) micro-batch is done, so that Spark's start-up is behind it, produce.
     * {@code produceTimeout} is produce's {@code --connect-timeout}: longer than the fault, or produce stops by design.
     */
    static PacedRun start(String label, DefaultBroker broker, Path dir, int count, Duration produceTimeout) throws Exception {
        return start(label, broker.bootstrap, broker.clients, 1, dir, count, produceTimeout);
    }

    /** Same, on any cluster: the topics get {@code replicas} replicas (and min.insync.replicas=2 from 3 on). */
    static PacedRun start(String label, String bootstrap, Clients clients, int replicas, Path dir, int count,
                          Duration produceTimeout) throws Exception {
        Map<String, String> configs = replicas >= 3 ? Map.of("min.insync.replicas", "2") : Map.of();
        clients.createTopic("in", 2, replicas, configs);
        for (String t : List.of("report", "alerts", "dlq")) clients.createTopic(t, 1, replicas, configs);
        PacedRun run = new PacedRun(label, bootstrap, clients, dir, count);
        run.step("brokers on %s; process started (pid %d)", bootstrap, run.job.pid());
        run.job.awaitErr(FIRST_BATCH, Duration.ofSeconds(180));
        run.produce = run.start("produce", "produce", "--bootstrap-server", bootstrap, "--topic", "in",
                "--sensors", Integer.toString(SENSORS), "--count", Integer.toString(count), "--seed", "11",
                "--start", "2024-05-01T00:00:00Z", "--speedup", "12", "--record", dir.resolve("sent.csv").toString(),
                "--connect-timeout", produceTimeout.toSeconds() + "s");
        run.step("job's first micro-batch done; produce started: %,d readings at %d/s (%d s)", count, RATE, count / RATE);
        return run;
    }

    /** Waits for the job's first window results, so the fault hits a job with state and output. */
    void awaitFirstWindows() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (clients.readAll("report", Duration.ofSeconds(30)).isEmpty()) {
            if (!job.alive()) throw new AssertionError("the job exited before its first results: " + job.describe());
            if (System.nanoTime() > deadline) throw new AssertionError("no window results within 120 s: " + job.describe());
            Thread.sleep(300);
        }
        assertThat(produce.alive()).as("produce still sending when the fault comes: %s", produce.describe()).isTrue();
        step("first window results on the report topic");
    }

    /** How many stderr lines the job has written so far: {@link #assertJobProcessedDataSince} starts there. */
    int jobLines() {
        return (int) job.err().lines().count();
    }

    /** A micro-batch that read data, printed after line {@code from}: the job went on without a restart. */
    String assertJobProcessedDataSince(int from, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            List<String> lines = job.err().lines().skip(from).toList();
            for (String l : lines) if (Child.DATA_BATCH.matcher(l).find()) return l;
            if (!job.alive()) throw new AssertionError("the job died (a broker fault must not need a job restart): " + job.describe());
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job read no data within " + bound.toSeconds() + " s after the fault: " + job.describe());
            }
            Thread.sleep(300);
        }
    }

    /**
     * The verdict (see the class comment). Returns how many report records were rewrites of a window already there.
     */
    int finish() throws Exception {
        assertThat(produce.awaitExit(Duration.ofSeconds(240))).as(produce.describe()).isZero();
        step("produce: %s", JobKilledDrillIT.lastLine(produce.out() + produce.err(), "produce: done"));
        List<Reading> sent = Recorded.read(dir.resolve("sent.csv"));
        assertThat(sent).as("readings recorded by produce --record").hasSize(count);

        // The input: every reading once (the idempotent producer's retries add no copy), each sensor's seq contiguous.
        List<ConsumerRecord<String, byte[]>> input = clients.readAll("in", Duration.ofSeconds(60));
        Map<String, List<Long>> seqs = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : input) {
            Reading r = ReadingCodec.decodeAny(rec.value());
            seqs.computeIfAbsent(r.sensor(), k -> new ArrayList<>()).add(r.seq());
        }
        assertThat(input).as("records on the input topic").hasSize(count);
        seqs.forEach((sensor, list) -> {
            TreeSet<Long> distinct = new TreeSet<>(list);
            assertThat(distinct).as(sensor + " seq has duplicates").hasSize(list.size());
            assertThat(distinct.last()).as(sensor + " seq not contiguous from 0").isEqualTo(list.size() - 1L);
        });

        // The live job, never restarted, writes every closed window; then it stops as a user stops it (Ctrl-C).
        Map<String, WindowResult> expected = Recorded.closedWindows(sent, WINDOW, WATERMARK);
        assertThat(expected).as("closed windows in the recorded input").hasSizeGreaterThan(count / 10 - 2 * SENSORS);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            TreeSet<String> have = new TreeSet<>();
            for (ConsumerRecord<String, byte[]> rec : clients.readAll("report", Duration.ofSeconds(60))) {
                have.add(WindowResultCodec.decode(rec.value()).key());
            }
            if (have.containsAll(expected.keySet())) break;
            if (!job.alive()) throw new AssertionError("the job died: " + job.describe());
            if (System.nanoTime() > deadline) {
                TreeSet<String> missing = new TreeSet<>(expected.keySet());
                missing.removeAll(have);
                throw new AssertionError(missing.size() + " closed windows still not in the report 120 s after produce ended, e.g. "
                        + missing.first() + ": " + job.describe());
            }
            Thread.sleep(500);
        }
        // No task failed or retried on a Kafka error through the fault (a loaded machine adds Spark warnings of its own,
        // e.g. late heartbeats, and a stop cancels the batch in flight with errors: neither is the fault's).
        assertThat(job.err().lines().filter(l -> l.contains("Lost task") || l.contains("Exception in task")
                || l.contains("org.apache.kafka.common.errors"))).as("task failures in the job's stderr: %s", job.describe()).isEmpty();
        // The last readings sit in a window that stays open; the batch that reads them may still be to come.
        String allRead = "readings " + String.format("%,d", count) + ",";
        long readDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!job.err().contains(allRead)) {
            if (!job.alive()) throw new AssertionError("the job died: " + job.describe());
            if (System.nanoTime() > readDeadline) throw new AssertionError("the job has not read all " + count + " readings 60 s after its last window: " + job.describe());
            Thread.sleep(300);
        }
        job.interrupt();
        // 130: the JVM ends as a process stopped by SIGINT does, after the job's shutdown hook has stopped the query.
        assertThat(job.awaitExit(Duration.ofSeconds(90))).as("exit of the job after Ctrl-C (SIGINT): %s", job.describe()).isEqualTo(130);
        assertThat(job.out()).as(job.describe()).contains("process: done: " + String.format("%,d", count) + " readings in");
        assertThat(job.err().lines().filter(l -> l.startsWith("Error"))).as(job.describe()).isEmpty();
        step("job stopped with Ctrl-C (SIGINT), exit 130: %s", JobKilledDrillIT.lastLine(job.out(), "process: done"));

        List<ConsumerRecord<String, byte[]>> report = clients.readAll("report", Duration.ofSeconds(60));
        int rewritten = Recorded.assertExactlyOnceAfterDedup(report, expected);
        step("windows: all %d closed windows of the recorded input in the report once after de-duplication by "
                + "sensor|window_start, values equal to the computation from the CSV (%d records, %d rewrites)",
                expected.size(), report.size(), rewritten);
        return rewritten;
    }

    void closeChildren() {
        children.forEach(Child::close);
    }

    private Child start(String name, String... args) {
        Child c = Child.start(name, dir.resolve("logs"), Child.env(dir.resolve("var")), "streamlab", List.of(args));
        children.add(c);
        return c;
    }

    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    void step(String format, Object... args) {
        System.out.printf("%s drill [%5.1f s]: %s%n", label, seconds(), String.format(format, args));
    }
}
