package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.testkit.LocalKafka;

/**
 * Drill "job killed": {@code bin/streamlab produce} sends a seeded, paced stream with faults (spikes, a stuck and a
 * silent sensor) and records it ({@code --record}); meanwhile {@code bin/streamlab process} runs and its JVM is
 * killed with {@code kill -9} at a random point (seeded, printed), then restarted on the same checkpoint while
 * produce goes on. Once produce has stopped, a final {@code --trigger available-now} run catches up. Then:
 * <ul>
 *   <li>every window the final watermark closed is in the report once after de-duplication by key, each write of
 *       it (the Kafka sink is at-least-once) with the values computed here from the recorded CSV;</li>
 *   <li>every alert episode (identity sensor|kind|start) is there with the same final content as in an
 *       uninterrupted run of the job on the same input; repeated writes of an episode's open or closed version are
 *       identical, and no open version follows its closed one, so an upsert by identity keeps the closed one;</li>
 *   <li>every injected fault is detected ({@code score --min-recall 1}).</li>
 * </ul>
 * Rerun a failed drill with its seed: {@code -Ddrill.seed=N}.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES) // more than the default 10 m: its waits alone are bounded at up to 17 min (job start, results, restart) on a busy machine
@Tag("drill")
class JobKilledDrillIT {
    static final long WINDOW = 10_000;
    static final long WATERMARK = 5_000;
    static final int SENSORS = 5;
    /** 5 sensors, one reading a second of event time, 12x: 150 records/s, 6 minutes of event time in 30 s. */
    static final int COUNT = 1_800;
    static final String START = "2024-05-01T00:00:00Z";

    LocalKafka kafka;
    Path tmp;
    final List<Child> children = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        children.forEach(Child::close);
        if (kafka != null) kafka.close();
        Child.deleteRecursively(tmp);
    }

    @Test
    void killedJobResumesWithEveryWindowAndAlertEpisodeOnce() throws Exception {
        long seed = Child.seed();
        Random random = new Random(seed);
        step("seed %d (rerun with -Ddrill.seed=%d)", seed, seed);
        tmp = Files.createTempDirectory("streamlab-drill-job-");
        kafka = LocalKafka.start();
        kafka.createTopic("job.in", 2);
        for (String t : List.of("job.report", "job.alerts", "job.dlq", "ref.report", "ref.alerts", "ref.dlq")) kafka.createTopic(t, 1);
        step("broker on %s, input topic job.in with 2 partitions", kafka.bootstrap());

        Path checkpoint = tmp.resolve("checkpoint");
        Child first = process("process-1", checkpoint, "job", "--trigger", "1s");
        first.awaitErr(Pattern.compile("^process: reading "), Duration.ofSeconds(120));
        Path csv = tmp.resolve("sent.csv");
        Path truth = tmp.resolve("truth.csv");
        long produceEnds = System.nanoTime() + Duration.ofSeconds(COUNT / SENSORS / 12).toNanos();
        Child produce = start("produce", "streamlab", "produce", "--bootstrap-server", kafka.bootstrap(), "--topic", "job.in",
                "--sensors", Integer.toString(SENSORS), "--count", Integer.toString(COUNT), "--seed", "7", "--start", START,
                "--speedup", "12", "--spike-rate", "0.005", "--stuck-count", "1", "--silence-count", "1", "--fault-length", "40s",
                "--record", csv.toString(), "--truth", truth.toString());
        step("produce started: %d readings of %d sensors at 12x (about 30 s), faults: spikes, 1 stuck, 1 silent sensor", COUNT, SENSORS);

        // The kill lands once the job has state and output to reconcile: after its first window results.
        Child.awaitRecords(kafka, "job.report", 1, Duration.ofSeconds(120), first);
        // Up to 6 s later, but on a slow machine not after produce's expected end.
        long delay = Math.min(random.nextInt(6_000), Math.max(0, (produceEnds - System.nanoTime()) / 1_000_000 - 3_000));
        Thread.sleep(delay);
        assertThat(produce.alive()).as("produce still running at the kill (the drill kills the job mid-stream): %s",
                produce.describe()).isTrue();
        int reportBefore = kafka.readAll("job.report", Duration.ofSeconds(30)).size();
        int alertsBefore = kafka.readAll("job.alerts", Duration.ofSeconds(30)).size();
        first.kill9();
        int killed = first.awaitExit(Duration.ofSeconds(30));
        assertThat(killed).as("exit status of a JVM killed by SIGKILL").isEqualTo(128 + 9);
        step("kill -9 of the process JVM (pid %d) %d ms after its first window results, produce still sending; "
                + "%d report and %d alert records written by then", first.pid(), delay, reportBefore, alertsBefore);

        Child second = process("process-2", checkpoint, "job", "--trigger", "1s");
        step("restarted on the same checkpoint (pid %d)", second.pid());
        assertThat(produce.awaitExit(Duration.ofSeconds(180))).as(produce.describe()).isZero();
        step("produce done: %s", lastLine(produce.out() + produce.err(), "produce: done"));
        second.awaitErr(Child.DATA_BATCH, Duration.ofSeconds(120));
        int stopped = second.terminate(Duration.ofSeconds(60));
        step("restarted run processed data and was stopped with SIGTERM (exit %d)", stopped);

        Child last = process("process-3", checkpoint, "job", "--trigger", "available-now");
        assertThat(last.awaitExit(Duration.ofSeconds(240))).as(last.describe()).isZero();
        step("final run on the checkpoint, --trigger available-now: %s", lastLine(last.out(), "process: done"));
        Child reference = process("reference", tmp.resolve("reference-checkpoint"), "ref", "--trigger", "available-now");
        assertThat(reference.awaitExit(Duration.ofSeconds(240))).as(reference.describe()).isZero();
        step("uninterrupted reference run on the same input, fresh checkpoint: %s", lastLine(reference.out(), "process: done"));

        List<Reading> sent = Recorded.read(csv);
        assertThat(sent).as("readings recorded by produce --record").hasSize(COUNT);
        assertThat(kafka.readAll("job.in", Duration.ofSeconds(60))).as("records on the input topic").hasSize(COUNT);
        Map<String, WindowResult> expected = Recorded.closedWindows(sent, WINDOW, WATERMARK);
        assertThat(expected).as("closed windows in the recorded input").hasSizeGreaterThan(SENSORS * 30);
        List<ConsumerRecord<String, byte[]>> report = kafka.readAll("job.report", Duration.ofSeconds(60));
        int rewritten = Recorded.assertExactlyOnceAfterDedup(report, expected);
        step("windows: all %d closed windows of the recorded CSV in the report once after de-duplication by sensor|window_start, "
                + "values equal to the computation from the CSV (%d records, %d rewrites by replayed batches, all identical)",
                expected.size(), report.size(), rewritten);
        Recorded.assertExactlyOnceAfterDedup(kafka.readAll("ref.report", Duration.ofSeconds(60)), expected);

        Episodes job = Episodes.of(kafka.readAll("job.alerts", Duration.ofSeconds(60)));
        Episodes ref = Episodes.of(kafka.readAll("ref.alerts", Duration.ofSeconds(60)));
        assertThat(ref.last.values()).extracting(Alert::kind).as("alert kinds of the reference run")
                .contains(Alert.SPIKE, Alert.STUCK, Alert.SILENCE);
        assertThat(job.last).as("final version of every alert episode, by sensor|kind|start, vs the uninterrupted run")
                .containsExactlyEntriesOf(ref.last);
        step("alerts: %d episodes (%s), each once by identity sensor|kind|start with the same final content as the "
                + "uninterrupted run; %d records, %d repeated writes, each identical to the first (%d open versions rewritten "
                + "after the closed one, each followed by the closed one again), the last write of an episode its final version",
                job.last.size(), job.kinds(), job.records, job.repeats, job.reopened);

        Cli.Run score = Cli.run("score", "--bootstrap-server", kafka.bootstrap(), "--truth", truth.toString(),
                "--alerts-topic", "job.alerts", "--min-recall", "1");
        assertThat(score.exit()).as(score.describe()).isZero();
        step("score: every fault in %s detected (--min-recall 1): %s", truth.getFileName(),
                score.out().lines().filter(l -> l.matches("^(spike|stuck|silence) .*")).map(l -> l.replaceAll("\\s+", " "))
                        .toList());
    }

    /** The alert records of a topic by episode identity, with the checks that make an upsert by identity safe. */
    static final class Episodes {
        final Map<String, Alert> last = new TreeMap<>();
        int records;
        /** Writes beyond the first of an episode's open and of its closed version. */
        int repeats;
        /** Open versions written again after the closed one (a replayed batch that opened and closed it). */
        int reopened;

        static Episodes of(List<ConsumerRecord<String, byte[]>> records) {
            Episodes e = new Episodes();
            Map<String, List<Alert>> versions = new LinkedHashMap<>();
            Map<String, List<String>> trail = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> rec : records) {
                Alert a = AlertCodec.decode(rec.value());
                assertThat(rec.key()).as("Kafka key of %s", a).isEqualTo(a.sensor());
                versions.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(withoutEmittedAt(a));
                trail.computeIfAbsent(a.key(), k -> new ArrayList<>()).add("offset " + rec.offset() + ": "
                        + (a.open() ? "open" : "closed at " + a.end()) + ", value " + a.value() + ", emitted_at " + a.emittedAt());
            }
            e.records = records.size();
            versions.forEach((id, list) -> {
                List<Alert> opens = list.stream().filter(Alert::open).toList();
                List<Alert> closes = list.stream().filter(a -> !a.open()).toList();
                assertThat(new TreeSet<>(opens.stream().map(Alert::toString).toList())).as("open versions of %s differ: %s",
                        id, trail.get(id)).hasSizeLessThanOrEqualTo(1);
                assertThat(new TreeSet<>(closes.stream().map(Alert::toString).toList())).as("closed versions of %s differ: %s",
                        id, trail.get(id)).hasSizeLessThanOrEqualTo(1);
                Alert final_ = list.get(list.size() - 1);
                if (!closes.isEmpty()) {
                    assertThat(final_.open()).as("%s: the last write is an open version, so an upsert by identity would "
                            + "show a closed episode as ongoing: %s", id, trail.get(id)).isFalse();
                    e.reopened += (int) list.subList(list.indexOf(closes.get(0)), list.size()).stream().filter(Alert::open).count();
                }
                e.repeats += list.size() - (opens.isEmpty() ? 0 : 1) - (closes.isEmpty() ? 0 : 1);
                e.last.put(id, final_);
            });
            return e;
        }

        String kinds() {
            Map<String, Integer> n = new TreeMap<>();
            last.values().forEach(a -> n.merge(a.kind(), 1, Integer::sum));
            return n.toString();
        }
    }

    static Alert withoutEmittedAt(Alert a) {
        return new Alert(a.sensor(), a.kind(), a.start(), a.end(), a.value(), a.rule(), 0);
    }

    private Child process(String name, Path checkpoint, String topics, String... extra) {
        List<String> args = new ArrayList<>(List.of("process", "--bootstrap-server", kafka.bootstrap(), "--topic", "job.in",
                "--report-topic", topics + ".report", "--alerts-topic", topics + ".alerts", "--dlq-topic", topics + ".dlq",
                "--format", "json", "--window", "10s", "--watermark", "5s", "--checkpoint", checkpoint.toString(),
                "--connect-timeout", "20s", "--conf", "spark.ui.enabled=false"));
        args.addAll(List.of(extra));
        return start(name, "streamlab", args.toArray(String[]::new));
    }

    private Child start(String name, String script, String... args) {
        Child c = Child.start(name, tmp.resolve("logs"), Child.env(tmp.resolve("var")), script, List.of(args));
        children.add(c);
        return c;
    }

    static String lastLine(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElse("(no '" + prefix + "' line)");
    }

    private final long t0 = System.nanoTime();

    void step(String format, Object... args) {
        System.out.printf("job drill [%5.1f s]: %s%n", (System.nanoTime() - t0) / 1e9, String.format(format, args));
    }
}
