package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import streamlab.codec.DecodeException;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.testkit.CliRun;
import streamlab.testkit.LocalKafka;

/** {@code streamlab produce} as a user runs it, against a real broker, read back with a plain consumer. */
class ProduceKafkaIT {
    private static final String START = "2024-05-01T00:00:00Z";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    static LocalKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void up() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void down() {
        if (kafka != null) kafka.close();
    }

    private static CliRun produce(String topic, String... more) {
        List<String> args = new ArrayList<>(List.of("produce", "--bootstrap-server", kafka.bootstrap(), "--topic", topic,
                "--connect-timeout", "20s"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<Reading> readCsv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            List<Reading> out = new ArrayList<>();
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                out.add(new Reading(row.get("sensor"), Long.parseLong(row.get("ts")), Long.parseLong(row.get("seq")),
                        Double.parseDouble(row.get("temperature"))));
            }
            return out;
        }
    }

    private static final Comparator<Reading> BY_SENSOR_SEQ =
            Comparator.comparing(Reading::sensor).thenComparingLong(Reading::seq);

    @ParameterizedTest
    @EnumSource(Format.class)
    void whatIsProducedIsExactlyWhatAConsumerReads(Format format) throws IOException {
        String topic = "produce.it." + format.lower();
        kafka.createTopic(topic, 3);
        Path record = dir.resolve("sent.csv");
        CliRun run = produce(topic, "--format", format.lower(), "--sensors", "12", "--count", "3000", "--seed", "7",
                "--start", START, "--rate", "max", "--record", record.toString());
        assertThat(run.exit()).as(run.err()).isZero();

        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, READ_TIMEOUT);
        assertThat(records).hasSize(3000);
        List<Reading> read = new ArrayList<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        for (ConsumerRecord<String, byte[]> rec : records) {
            assertThat(Format.detect(rec.value())).isEqualTo(format);
            Reading r = ReadingCodec.of(format).decode(rec.value());
            assertThat(rec.key()).isEqualTo(r.sensor());
            // keyed by sensor: one partition per sensor, and in it the sensor's readings in seq order
            assertThat(partitionOf.computeIfAbsent(r.sensor(), k -> rec.partition())).isEqualTo(rec.partition());
            assertThat(r.seq()).isEqualTo(lastSeq.getOrDefault(r.sensor(), -1L) + 1);
            lastSeq.put(r.sensor(), r.seq());
            read.add(r);
        }
        assertThat(lastSeq).hasSize(12).containsValue(249L);
        assertThat(partitionOf.values()).as("12 sensors spread over the partitions").hasSizeGreaterThan(1);

        List<Reading> generated = Simulated.run(12, 1000, 3000, 7, FaultPlan.NONE, format).readings();
        assertThat(generated.get(0).ts()).isEqualTo(Simulated.START);
        assertThat(read.stream().sorted(BY_SENSOR_SEQ).toList()).isEqualTo(generated.stream().sorted(BY_SENSOR_SEQ).toList());
        assertThat(readCsv(record)).isEqualTo(generated);
    }

    @Test
    void faultsReachTheTopicAsTheTruthFileSays() throws IOException {
        String topic = "produce.it.faults";
        kafka.createTopic(topic, 1);
        Path truth = dir.resolve("truth.csv");
        Path record = dir.resolve("sent.csv");
        CliRun run = produce(topic, "--sensors", "5", "--count", "4000", "--seed", "3", "--start", START, "--rate", "max",
                "--duplicate-rate", "0.02", "--malformed-rate", "0.02", "--late-rate", "0.02", "--late-max", "5s",
                "--silence-count", "1", "--fault-length", "1m", "--truth", truth.toString(), "--record", record.toString());
        assertThat(run.exit()).as(run.err()).isZero();

        Map<String, Long> kinds = new HashMap<>();
        try (Reader r = Files.newBufferedReader(truth)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                kinds.merge(row.get("kind"), 1L, Long::sum);
            }
        }
        assertThat(kinds.keySet()).containsExactlyInAnyOrder("duplicate", "malformed", "late", "silence");

        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, READ_TIMEOUT);
        assertThat(records).hasSize(4000 + kinds.get("duplicate").intValue() + kinds.get("malformed").intValue());
        List<Reading> valid = new ArrayList<>();
        int malformed = 0;
        for (ConsumerRecord<String, byte[]> rec : records) {
            try {
                Reading r = ReadingCodec.decodeAny(rec.value());
                assertThat(rec.key()).isEqualTo(r.sensor());
                valid.add(r);
            } catch (DecodeException e) {
                malformed++;
            }
        }
        assertThat(malformed).isEqualTo(kinds.get("malformed").intValue());
        assertThat(valid.stream().distinct().count()).isEqualTo(4000);
        assertThat(valid.stream().distinct().sorted(BY_SENSOR_SEQ).toList())
                .isEqualTo(readCsv(record).stream().sorted(BY_SENSOR_SEQ).toList());
    }

    @Test
    void durationStopsARealTimeRunAndKeepsThePace() {
        String topic = "produce.it.paced";
        kafka.createTopic(topic, 1);
        long t0 = System.nanoTime();
        // 4 sensors every 100 ms at 10x: 400 records per second of wall time
        CliRun run = produce(topic, "--sensors", "4", "--interval", "100ms", "--speedup", "10", "--duration", "3s",
                "--start", START, "--seed", "1");
        double secs = (System.nanoTime() - t0) / 1e9;
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(secs).isLessThan(15);
        int n = kafka.readAll(topic, READ_TIMEOUT).size();
        assertThat(n).isBetween(1000, 1300);
    }

    /**
     * The case, smaller: as fast as possible without --start, readings used to be up to hours ahead of the
     * wall clock, and process (default --max-future 5m) put most of them in its DLQ. Now each reading's event time
     * is at or before the moment it was sent (its record's CreateTime), which is before process can see it.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--sensors 50 --count 30000 --rate max",
            "--sensors 5 --speedup 3600 --duration 3s", "--sensors 20 --rate 4000 --duration 2s"})
    void fasterThanRealTimeWithoutStartWritesNothingAheadOfTheWallClock(String args) {
        String topic = "produce.it.clock." + args.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        kafka.createTopic(topic, 2);
        long before = System.currentTimeMillis();
        List<String> all = new ArrayList<>(List.of("produce", "--bootstrap-server", kafka.bootstrap(), "--topic", topic));
        all.addAll(List.of(args.split(" ")));
        streamlab.drills.Cli.Run run = streamlab.drills.Cli.run(all.toArray(String[]::new));
        assertThat(run.exit()).as(run.describe()).isZero();
        assertThat(run.err()).as("no warning").doesNotContain("warning").contains("ago, so that no reading is ahead of the wall clock");

        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, READ_TIMEOUT);
        assertThat(records).hasSizeGreaterThan(1000);
        long newest = Long.MIN_VALUE;
        for (ConsumerRecord<String, byte[]> rec : records) {
            Reading r = ReadingCodec.decodeAny(rec.value());
            assertThat(r.ts()).as("reading %s vs its send time", r).isLessThanOrEqualTo(rec.timestamp());
            newest = Math.max(newest, r.ts());
        }
        // and not needlessly far back: the newest reading is within a few seconds of the time it was sent
        long lastSent = records.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
        assertThat(lastSent - newest).as("newest reading behind its send time, ms").isLessThan(15_000);
        assertThat(newest).isGreaterThan(before - 15_000);
    }

    @Test
    void aRunThatWillBeAheadOfTheWallClockSaysSoOnce() {
        kafka.createTopic("produce.it.ahead", 1);
        String future = java.time.Instant.ofEpochMilli(System.currentTimeMillis() + 3_600_000L).toString();
        streamlab.drills.Cli.Run run = streamlab.drills.Cli.run("produce", "--bootstrap-server", kafka.bootstrap(),
                "--topic", "produce.it.ahead", "--start", future, "--count", "10", "--rate", "max");
        assertThat(run.exit()).as(run.describe()).isZero();
        assertThat(run.err().lines().filter(l -> l.contains("warning"))).singleElement().asString()
                .startsWith("produce: warning: this run writes readings up to 1h ahead of the wall clock")
                .contains("--start").contains("--max-future 1h");
    }

    @Test
    void aMissingTopicIsNotAnErrorWhenTheBrokerCreatesTopics() {
        assertThatThrownBy(() -> kafka.readAll("produce.it.auto", Duration.ofSeconds(5))).isInstanceOf(Exception.class);
        CliRun run = produce("produce.it.auto", "--count", "50", "--rate", "max");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(kafka.readAll("produce.it.auto", READ_TIMEOUT)).hasSize(50);
    }
}
