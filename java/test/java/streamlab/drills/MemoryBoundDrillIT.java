package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.testkit.LocalKafka;

/**
 * Drill "memory bounded whatever arrives" (issue 18), with a driver heap of {@value #HEAP}, a quarter of the
 * default: a flood of records that all fail validation (msgpack into a JSON job: the job before this drill
 * died of OutOfMemoryError on it in 40 s), and a valid backlog larger than the default micro-batch, aggregated
 * exactly, with the same results when cut into many small batches.
 */
@Tag("drill")
class MemoryBoundDrillIT {
    static final String HEAP = "512m";
    static final int FLOOD = 2_000_000;
    static final int BACKLOG = 1_200_000;
    static final int SENSORS = 400;
    static final long WINDOW = 60_000;
    static final long WATERMARK = 30_000;

    static LocalKafka kafka;
    static Path tmp;
    static final List<Child> children = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        tmp = Files.createTempDirectory("streamlab-drill-memory-");
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void down() {
        children.forEach(Child::close);
        if (kafka != null) kafka.close();
        if (tmp != null) Child.deleteRecursively(tmp);
    }

    @Test
    void aFloodOfDeadLettersWithASmallHeapEndsWithEachRecordInTheDlqOnce() throws Exception {
        kafka.createTopic("flood.in", 2);
        for (String t : List.of("flood.report", "flood.alerts", "flood.dlq")) kafka.createTopic(t, 1);
        Child produce = start("produce-flood", "produce", "--bootstrap-server", kafka.bootstrap(), "--topic", "flood.in",
                "--count", Integer.toString(FLOOD), "--sensors", "1000", "--rate", "max", "--format", "msgpack", "--seed", "3");
        assertThat(produce.awaitExit(Duration.ofSeconds(120))).as(produce.describe()).isZero();
        step("%,d msgpack records on flood.in (2 partitions), the job reads JSON: every one is a dead letter", FLOOD);

        Child job = start("process-flood", "process", "--bootstrap-server", kafka.bootstrap(), "--topic", "flood.in",
                "--format", "json", "--report-topic", "flood.report", "--alerts-topic", "flood.alerts", "--dlq-topic", "flood.dlq",
                "--trigger", "available-now", "--checkpoint", tmp.resolve("flood-checkpoint").toString(),
                "--conf", "spark.ui.enabled=false");
        assertThat(job.awaitExit(Duration.ofSeconds(300))).as(job.describe()).isZero();
        assertThat(job.out()).as(job.describe()).contains("process: done: 0 readings in, 0 windows out, "
                + String.format("%,d", FLOOD) + " to DLQ");
        step("process with a %s heap: %s", HEAP, lastLine(job.out(), "process: done"));

        // Every input offset once: the source header names it; the value is the input's, byte for byte.
        Map<Integer, BitSet> seen = new HashMap<>();
        long records = 0;
        String reason = null;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition("flood.dlq", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            assertThat(end).as("records in the DLQ").isEqualTo(FLOOD);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String source = header(r, "streamlab.source");
                    assertThat(source).as("source of DLQ offset %d", r.offset()).startsWith("flood.in-");
                    int at = source.indexOf('@');
                    int partition = Integer.parseInt(source.substring("flood.in-".length(), at));
                    int offset = Math.toIntExact(Long.parseLong(source.substring(at + 1)));
                    BitSet b = seen.computeIfAbsent(partition, p -> new BitSet());
                    assertThat(b.get(offset)).as("%s twice in the DLQ", source).isFalse();
                    b.set(offset);
                    assertThat(r.value()).as("value of %s", source).isNotEmpty();
                    assertThat(r.value()[0] & 0xf0).as("value of %s: a msgpack array, as sent", source).isEqualTo(0x90);
                    reason = header(r, "streamlab.reason");
                    records++;
                }
            }
        }
        assertThat(records).isEqualTo(FLOOD);
        Map<Integer, Long> inEnd = endOffsets("flood.in");
        assertThat(inEnd.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(FLOOD);
        for (Map.Entry<Integer, Long> e : inEnd.entrySet()) {
            BitSet b = seen.getOrDefault(e.getKey(), new BitSet());
            assertThat(b.cardinality()).as("offsets of %s in the DLQ", e.getKey()).isEqualTo(e.getValue().intValue());
            assertThat(b.nextClearBit(0)).as("first offset of %s missing from the DLQ", e.getKey()).isEqualTo(e.getValue().intValue());
        }
        assertThat(reason).startsWith("invalid JSON");
        step("DLQ: every input offset exactly once (end offsets by partition %s), reason e.g. '%s'", inEnd, reason);
    }

    @Test
    void aValidBacklogIsExactWithASmallHeapAndTheSameInManySmallBatches() throws Exception {
        kafka.createTopic("backlog.in", 2);
        for (String run : List.of("one", "many")) {
            for (String t : List.of(".report", ".alerts", ".dlq")) kafka.createTopic(run + t, 1);
        }
        Path csv = tmp.resolve("backlog.csv");
        Child produce = start("produce-backlog", "produce", "--bootstrap-server", kafka.bootstrap(), "--topic", "backlog.in",
                "--count", Integer.toString(BACKLOG), "--sensors", Integer.toString(SENSORS), "--rate", "max", "--format", "json",
                "--seed", "11", "--start", "2026-01-01T00:00:00Z", "--spike-rate", "0.001", "--stuck-count", "2",
                "--record", csv.toString());
        assertThat(produce.awaitExit(Duration.ofSeconds(120))).as(produce.describe()).isZero();
        step("%,d valid JSON readings of %d sensors on backlog.in (2 partitions), spikes and 2 stuck sensors", BACKLOG, SENSORS);

        Child one = process("one", "backlog.in");
        assertThat(one.awaitExit(Duration.ofSeconds(300))).as(one.describe()).isZero();
        int batches = (int) one.err().lines().filter(l -> Child.DATA_BATCH.matcher(l).find()).count();
        assertThat(batches).as("data batches with the default cap: the backlog is larger than one batch").isGreaterThan(1);
        assertThat(one.err()).as("catch-up progress").containsPattern("process: catching up: [0-9,]+ offsets done, [0-9,]+ to go, "
                + "[0-9,]+ records/s, ETA");
        step("default run, %s heap, %d data batches: %s", HEAP, batches, lastLine(one.out(), "process: done"));

        List<Reading> sent = Recorded.read(csv);
        assertThat(sent).hasSize(BACKLOG);
        Map<String, WindowResult> expected = Recorded.closedWindows(sent, WINDOW, WATERMARK);
        List<ConsumerRecord<String, byte[]>> report = kafka.readAll("one.report", Duration.ofSeconds(60));
        assertThat(Recorded.assertExactlyOnceAfterDedup(report, expected)).as("rewritten windows").isZero();
        step("windows: all %,d closed windows exact against the computation from produce's CSV, each once", expected.size());

        Child many = process("many", "backlog.in", "--max-offsets-per-trigger", "150000");
        assertThat(many.awaitExit(Duration.ofSeconds(300))).as(many.describe()).isZero();
        int manyBatches = (int) many.err().lines().filter(l -> Child.DATA_BATCH.matcher(l).find()).count();
        assertThat(manyBatches).isGreaterThanOrEqualTo(BACKLOG / 150_000);
        assertThat(withoutEmittedAt(kafka.readAll("many.report", Duration.ofSeconds(60))))
                .as("windows, %d batches vs %d", manyBatches, batches).isEqualTo(withoutEmittedAt(report));
        Map<String, String> alerts = alerts(kafka.readAll("one.alerts", Duration.ofSeconds(60)));
        assertThat(alerts.values()).as("alerts of the default run").anyMatch(a -> a.contains("kind=" + Alert.SPIKE))
                .anyMatch(a -> a.contains("kind=" + Alert.STUCK));
        assertThat(alerts(kafka.readAll("many.alerts", Duration.ofSeconds(60)))).as("alerts, %d batches vs %d", manyBatches, batches)
                .isEqualTo(alerts);
        assertThat(kafka.readAll("one.dlq", Duration.ofSeconds(30))).isEmpty();
        assertThat(kafka.readAll("many.dlq", Duration.ofSeconds(30))).isEmpty();
        step("%d batches of 150,000: the same %,d windows and %,d alert records (emitted_at aside): %s", manyBatches, report.size(),
                alerts.size(), lastLine(many.out(), "process: done"));
    }

    private Child process(String run, String topic, String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrap(), "--topic", topic, "--format", "json",
                "--report-topic", run + ".report", "--alerts-topic", run + ".alerts", "--dlq-topic", run + ".dlq",
                "--trigger", "available-now", "--checkpoint", tmp.resolve(run + "-checkpoint").toString(),
                "--conf", "spark.ui.enabled=false"));
        args.addAll(List.of(extra));
        return start("process-" + run, "process", args.toArray(String[]::new));
    }

    /** Window results by key, in topic order, emitted_at aside. */
    static Map<String, String> withoutEmittedAt(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, String> out = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            WindowResult w = WindowResultCodec.decode(r.value());
            WindowResult plain = new WindowResult(w.sensor(), w.windowStart(), w.windowEnd(), w.count(), w.min(), w.max(), w.avg(),
                    w.stddev(), w.firstTs(), w.lastTs(), w.seqGaps(), 0);
            assertThat(out.put(r.key(), plain.toString())).as("window %s twice", r.key()).isNull();
        }
        return out;
    }

    /** Alert records as written (open and closed versions), emitted_at aside, counted per version. */
    static Map<String, String> alerts(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, String> out = new TreeMap<>();
        Map<String, Integer> n = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Alert a = AlertCodec.decode(r.value());
            String v = new Alert(a.sensor(), a.kind(), a.start(), a.end(), a.value(), a.rule(), 0).toString();
            out.put(v + " #" + n.merge(v, 1, Integer::sum), v);
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** End offset by partition. */
    private static Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<Integer, Long> out = new TreeMap<>();
            c.endOffsets(tps).forEach((tp, end) -> out.put(tp.partition(), end));
            return out;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        assertThat(h).as("header %s of DLQ offset %d", key, r.offset()).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Child start(String name, String command, String... args) {
        Map<String, String> env = new HashMap<>(Child.env(tmp.resolve("var")));
        env.put("STREAMLAB_DRIVER_MEMORY", HEAP);
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        Child c = Child.start(name, tmp.resolve("logs"), env, "streamlab", all);
        children.add(c);
        return c;
    }

    static String lastLine(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElse("(no '" + prefix + "' line)");
    }

    private static final long T0 = System.nanoTime();

    static void step(String format, Object... args) {
        System.out.printf("memory drill [%5.1f s]: %s%n", (System.nanoTime() - T0) / 1e9, String.format(format, args));
    }
}
