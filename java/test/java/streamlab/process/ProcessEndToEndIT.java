package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.testkit.CliRun;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.LocalSpark;

/**
 * {@code streamlab process --trigger available-now} against a real broker, through {@code Main.run}: every
 * window the final watermark closed is in the report exactly once and equals an independent computation.
 * Windows of 10 s with a 5 s watermark keep the data small; the SparkSession is created once here and
 * reused by each run.
 */
class ProcessEndToEndIT {
    static final long T0 = 1_700_000_000_000L;
    static final long WINDOW = 10_000;
    static final long WATERMARK = 5_000;
    static LocalKafka kafka;
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void up() {
        kafka = LocalKafka.start();
        spark = LocalSpark.start("ProcessEndToEndIT");
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
        if (kafka != null) kafka.close();
    }

    /** Topics of one test, created fresh so tests do not see each other's records. */
    record Topics(String in, String report, String dlq, String late) {
        static Topics create(String name, int inputPartitions) {
            Topics t = new Topics(name + ".in", name + ".report", name + ".dlq", name + ".late");
            kafka.createTopic(t.in, inputPartitions);
            kafka.createTopic(t.report, 1);
            kafka.createTopic(t.dlq, 1);
            kafka.createTopic(t.late, 1);
            return t;
        }
    }

    CliRun process(Topics t, Path checkpoint, String... extra) {
        List<String> args = new ArrayList<>(List.of("process", "--bootstrap-server", kafka.bootstrap(),
                "--topic", t.in, "--report-topic", t.report, "--dlq-topic", t.dlq,
                "--window", "10s", "--watermark", "5s", "--trigger", "available-now",
                "--checkpoint", checkpoint.toString(), "--connect-timeout", "10s"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exit()).as("exit code; stderr:%n%s", r.err()).isZero();
        return r;
    }

    static void send(String topic, List<ProducerRecord<String, byte[]>> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value()));
            }
            producer.flush();
        }
    }

    static List<ProducerRecord<String, byte[]>> records(List<Reading> readings, Format format) {
        ReadingCodec codec = ReadingCodec.of(format);
        return readings.stream().map(r -> new ProducerRecord<>("", r.sensor(), codec.encode(r))).collect(Collectors.toList());
    }

    /** Report records by key; fails on a key written twice (append mode writes each window once). */
    static Map<String, WindowResult> report(String topic) {
        Map<String, WindowResult> out = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : kafka.readAll(topic, Duration.ofSeconds(30))) {
            WindowResult w = WindowResultCodec.decode(rec.value());
            assertThat(rec.key()).isEqualTo(w.key());
            assertThat(out.put(rec.key(), w)).as("window %s written twice", rec.key()).isNull();
        }
        return out;
    }

    /** The windows a final watermark of max(ts) - 5 s has closed: end <= watermark. */
    static Map<String, WindowResult> closed(List<Reading> readings) {
        long watermark = readings.stream().mapToLong(Reading::ts).max().orElseThrow() - WATERMARK;
        Map<String, WindowResult> all = ExpectedWindows.of(readings, WINDOW, WINDOW);
        all.values().removeIf(w -> w.windowEnd() > watermark);
        return all;
    }

    static List<Reading> byTime(List<Reading> readings) {
        List<Reading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(Reading::ts));
        return sorted;
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void reportHoldsEveryClosedWindowOnceAndDeadLettersTheRest(Format format) throws Exception {
        Topics t = Topics.create("e2e-" + format.lower(), 2);
        List<Reading> good = byTime(TestReadings.generate(21, 4, 150, T0, 500));
        List<ProducerRecord<String, byte[]>> input = new ArrayList<>(records(good, format));
        Map<String, String> badReasons = new LinkedHashMap<>();
        badReasons.put("{\"sensor\":\"s-0\",\"ts\":" + T0, "truncated JSON");
        badReasons.put("{\"sensor\":\"\",\"ts\":" + T0 + ",\"seq\":1,\"temperature\":1.0}", "empty sensor id");
        badReasons.put("{\"sensor\":\"s-1\",\"ts\":" + (System.currentTimeMillis() + 3_600_000)
                + ",\"seq\":1,\"temperature\":1.0}", "event time is ");
        int at = 0;
        for (String bad : badReasons.keySet()) {
            at += 97;
            input.add(at, new ProducerRecord<>("", "bad-" + at, bad.getBytes(StandardCharsets.UTF_8)));
        }
        send(t.in, input);

        String mode = format == Format.JSON ? "json" : "auto"; // msgpack input read with auto: JSON bad records too
        CliRun run = process(t, tmp.resolve("ckpt"), "--format", mode, "--output-format", format.lower());

        Map<String, WindowResult> report = report(t.report);
        Map<String, WindowResult> expected = closed(good);
        assertThat(expected).hasSizeGreaterThan(4 * 5);
        ExpectedWindows.assertMatches(report, expected);
        for (ConsumerRecord<String, byte[]> rec : kafka.readAll(t.report, Duration.ofSeconds(10))) {
            assertThat(Format.detect(rec.value())).isEqualTo(format);
        }

        List<ConsumerRecord<String, byte[]>> dlq = kafka.readAll(t.dlq, Duration.ofSeconds(30));
        assertThat(dlq).hasSize(badReasons.size());
        Map<String, String> seen = new HashMap<>();
        for (ConsumerRecord<String, byte[]> rec : dlq) {
            assertThat(rec.key()).startsWith("bad-");
            String reason = new String(rec.headers().lastHeader("streamlab.reason").value(), StandardCharsets.UTF_8);
            String source = new String(rec.headers().lastHeader("streamlab.source").value(), StandardCharsets.UTF_8);
            assertThat(source).matches(java.util.regex.Pattern.quote(t.in) + "-[01]@\\d+");
            seen.put(new String(rec.value(), StandardCharsets.UTF_8), reason);
        }
        badReasons.forEach((value, reason) -> assertThat(seen.get(value)).as(value).startsWith(reason));

        assertThat(run.out()).contains("process: done: " + String.format("%,d", good.size()) + " readings in, "
                + String.format("%,d", expected.size()) + " windows out, 3 to DLQ, 0 late");
        assertThat(run.err()).contains("process: batch 0:").contains("dead letters 3");
    }

    @Test
    void outOfOrderWithinTheWatermarkGivesTheSameWindowsAsOrdered() throws Exception {
        Topics t = Topics.create("e2e-disorder", 1);
        List<Reading> readings = TestReadings.generate(33, 4, 150, T0, 500);
        Random rnd = new Random(5);
        // each reading moves by up to 3 s of event time: less than the 5 s watermark, so nothing is late
        Map<Reading, Long> jittered = new HashMap<>();
        readings.forEach(r -> jittered.put(r, r.ts() + rnd.nextInt(3_000)));
        List<Reading> shuffled = new ArrayList<>(readings);
        shuffled.sort(Comparator.comparingLong(jittered::get));
        assertThat(shuffled).isNotEqualTo(byTime(readings));
        send(t.in, records(shuffled, Format.JSON));

        // small micro-batches, so the watermark moves between them while disorder arrives
        CliRun run = process(t, tmp.resolve("ckpt"), "--max-offsets-per-trigger", "150");

        ExpectedWindows.assertMatches(report(t.report), closed(readings));
        assertThat(run.err()).contains("process: batch 3:");
        assertThat(run.out()).contains(", 0 late");
    }

    @Test
    void readingsBehindTheWatermarkAreCountedLateNotMerged() throws Exception {
        Topics t = Topics.create("e2e-late", 1);
        List<Reading> onTime = byTime(TestReadings.generate(44, 3, 150, T0, 500));
        List<ProducerRecord<String, byte[]>> input = new ArrayList<>(records(onTime, Format.JSON));
        // One late reading per sensor for its first window, long closed when they arrive in the last batch.
        List<Reading> late = new ArrayList<>();
        for (int s = 0; s < 3; s++) late.add(new Reading("s-" + s, onTime.get(0).ts() + s, 10_000, 99.0));
        input.addAll(records(late, Format.JSON));
        send(t.in, input);

        CliRun run = process(t, tmp.resolve("ckpt"), "--max-offsets-per-trigger", "200", "--late-topic", t.late);

        Map<String, WindowResult> report = report(t.report);
        ExpectedWindows.assertMatches(report, closed(onTime));
        assertThat(report.values()).noneMatch(w -> w.max() == 99.0);
        assertThat(run.out()).contains(", 3 late (dropped by watermark), 3 late readings to " + t.late);
        List<ConsumerRecord<String, byte[]>> written = kafka.readAll(t.late, Duration.ofSeconds(30));
        assertThat(written).extracting(rec -> ReadingCodec.decodeAny(rec.value())).containsExactlyInAnyOrderElementsOf(late);
        assertThat(written).allSatisfy(rec -> assertThat(new String(rec.headers().lastHeader("streamlab.reason").value(),
                StandardCharsets.UTF_8)).startsWith("late: its window ended at " + (T0 + WINDOW) + ", watermark "));
    }

    @Test
    void aWindowIsWrittenByTheBatchWhoseReadingsCloseItAndAStragglerAfterThatIsLate() throws Exception {
        Topics t = Topics.create("e2e-same-batch", 1);
        // One sensor, a reading every second for 20 s: the first batch (15 records) reaches T0 + 14 s, past the
        // first window's end plus the watermark (10 s + 5 s) only at T0 + 15 s; so a second batch of 15 records.
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 20; i++) readings.add(new Reading("s-0", T0 + i * 1_000L, i, 20.0 + i));
        Reading straggler = new Reading("s-0", T0 + 9_000, 100, 99.0);
        List<ProducerRecord<String, byte[]>> input = new ArrayList<>(records(readings.subList(0, 16), Format.JSON));
        // Batch 2: the straggler for the first window, then the rest. Spark's own windowed aggregation would
        // still merge it (its late-row filter uses the previous batch's watermark) and write the window now.
        input.add(records(List.of(straggler), Format.JSON).get(0));
        input.addAll(records(readings.subList(16, 20), Format.JSON));
        send(t.in, input);

        CliRun run = process(t, tmp.resolve("ckpt"), "--max-offsets-per-trigger", "16");

        assertThat(run.err()).containsPattern("process: batch 0: 16 rows .*windows out 1, .*late 0");
        assertThat(run.err()).containsPattern("process: batch 1: 5 rows .*windows out 1, .*late 1");
        Map<String, WindowResult> report = report(t.report);
        ExpectedWindows.assertMatches(report, closed(readings));
        assertThat(report.values()).noneMatch(w -> w.max() == 99.0);
        assertThat(run.out()).contains(", 1 late (dropped by watermark)");
    }

    @Test
    void aRestartOnTheSameCheckpointResumesWithoutLosingOrRepeatingWindows() throws Exception {
        Topics t = Topics.create("e2e-restart", 2);
        List<Reading> readings = byTime(TestReadings.generate(55, 4, 200, T0, 500));
        List<ProducerRecord<String, byte[]>> all = records(readings, Format.MSGPACK);
        int half = all.size() / 2;
        Path checkpoint = tmp.resolve("ckpt");

        send(t.in, all.subList(0, half));
        process(t, checkpoint, "--format", "msgpack");
        Map<String, WindowResult> first = report(t.report);
        ExpectedWindows.assertMatches(first, closed(readings.subList(0, half)));

        send(t.in, all.subList(half, all.size()));
        CliRun second = process(t, checkpoint, "--format", "msgpack");

        Map<String, WindowResult> union = report(t.report); // fails if any window was written twice
        ExpectedWindows.assertMatches(union, closed(readings));
        assertThat(second.out()).contains(String.format("%,d", all.size() - half) + " readings in");
    }

    @Test
    void anUnreachableBrokerIsOneClearLine() throws Exception {
        CliRun r = CliRun.of("process", "--bootstrap-server", "127.0.0.1:" + streamlab.testkit.FreePorts.distinct(1)[0],
                "--connect-timeout", "1s", "--checkpoint", tmp.resolve("ckpt").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("Error: Cannot reach Kafka at 127.0.0.1:").doesNotContain("\n\tat ");
        assertThat(Files.exists(tmp.resolve("ckpt"))).isFalse();
    }
}
