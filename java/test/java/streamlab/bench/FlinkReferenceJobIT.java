package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.Scripts;

/**
 * The bench's Flink reference job, started as the bench starts it ({@link FlinkReference#command}), on a real
 * broker: every window of a small topic, closed at the end of the bounded input, equals an independent
 * computation; records that do not decode are dropped and counted. Needs the Flink runtime: resolved here
 * with {@code make flink-runtime} when it is missing (a failure says so), never skipped.
 */
class FlinkReferenceJobIT {
    static final long T0 = 1_700_000_040_000L; // a minute boundary, so that each sensor has 3 whole windows
    static final int SENSORS = 3;
    static final int SECONDS = 180;
    static LocalKafka kafka;
    static Path runtime;

    @TempDir
    Path tmp;

    @BeforeAll
    static void up() throws Exception {
        runtime = FlinkReference.runtime(Scripts.home().resolve("target"));
        if (FlinkReference.missing(runtime) != null) {
            Path log = Files.createTempFile("flink-runtime", ".log");
            Process make = new ProcessBuilder("make", "-s", "flink-runtime").directory(Scripts.home().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (make.waitFor() != 0 || FlinkReference.missing(runtime) != null) {
                fail("`make flink-runtime` could not resolve the Flink runtime into " + runtime + ":\n" + Files.readString(log));
            }
        }
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void down() {
        if (kafka != null) kafka.close();
    }

    /** Readings of 3 sensors, one a second for 3 minutes, one of them 20 s out of order (within the 30 s bound). */
    static List<Reading> readings() {
        List<Reading> out = new ArrayList<>();
        for (int k = 0; k < SECONDS; k++) {
            for (int s = 0; s < SENSORS; s++) {
                out.add(new Reading("s-" + s, T0 + k * 1000L, k, 20.0 + s + (k % 7) * 0.25 - (k % 3) * 0.1));
            }
            if (k == 75) out.add(new Reading("s-1", T0 + 55_000, 1000, 99.5));
        }
        return out;
    }

    /** The windows, computed directly: 1-minute windows per sensor, count, min, max, avg. */
    static Map<String, FlinkReference.Window> expected(List<Reading> readings) {
        Map<String, List<Double>> temps = new TreeMap<>();
        for (Reading r : readings) {
            long start = r.ts() - Math.floorMod(r.ts(), 60_000L);
            temps.computeIfAbsent(r.sensor() + "|" + start, k -> new ArrayList<>()).add(r.temperature());
        }
        Map<String, FlinkReference.Window> m = new TreeMap<>();
        temps.forEach((key, t) -> {
            String sensor = key.substring(0, key.indexOf('|'));
            long start = Long.parseLong(key.substring(key.indexOf('|') + 1));
            m.put(key, new FlinkReference.Window(sensor, start, start + 60_000, t.size(), t.stream().mapToDouble(d -> d).min().orElseThrow(),
                    t.stream().mapToDouble(d -> d).max().orElseThrow(), t.stream().mapToDouble(d -> d).sum() / t.size()));
        });
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void closesEveryWindowOfTheBoundedInputWithTheExactFigures(String format) throws Exception {
        String in = "flink-ref." + format;
        String out = in + ".results";
        kafka.createTopic(in, 2);
        kafka.createTopic(out, 1);
        List<Reading> readings = readings();
        ReadingCodec codec = ReadingCodec.of(Format.valueOf(format.toUpperCase()));
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (Reading r : readings) p.send(new ProducerRecord<>(in, r.sensor(), codec.encode(r)));
            p.send(new ProducerRecord<>(in, "s-0", "not a reading".getBytes(StandardCharsets.UTF_8)));
            p.send(new ProducerRecord<>(in, "s-2", new byte[] {(byte) 0xc1}));
            p.flush();
        }

        Path counts = tmp.resolve("counts");
        ChildRun.Measured m = ChildRun.run(FlinkReference.command(Path.of(System.getProperty("java.home"), "bin", "java").toString(), runtime,
                "512m", kafka.bootstrap(), in, out, format, counts), Map.of(), tmp.resolve("out"), tmp.resolve("err"), null);
        assertThat(m.exitCode()).as("exit code; stderr:\n" + Files.readString(tmp.resolve("err"))).isZero();

        Map<String, FlinkReference.Window> want = expected(readings);
        assertThat(want).hasSize(SENSORS * 3);
        assertThat(FlinkReference.counts(counts)).isEqualTo(new FlinkReference.Counts(readings.size() + 2, 2, want.size()));
        assertThat(Files.readString(tmp.resolve("out"))).contains(
                "flink-reference: " + (readings.size() + 2) + " records read (2 dropped), " + want.size() + " windows written");
        List<ConsumerRecord<String, byte[]>> results = kafka.readAll(out, Duration.ofSeconds(30));
        assertThat(results).hasSize(want.size());
        for (ConsumerRecord<String, byte[]> r : results) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            assertThat(r.key()).isEqualTo(value.replaceAll(".*\"sensor\":\"([^\"]+)\".*\"window_start\":(\\d+).*", "$1|$2"));
        }
        Map<String, FlinkReference.Window> got = FlinkReference.flinkWindows(results);
        assertThat(got.keySet()).isEqualTo(want.keySet());
        // The same figures as computed here: the bench's check passes both ways.
        assertThat(FlinkReference.compare(want, got)).isNull();
        assertThat(FlinkReference.compare(got, want)).isNull();
        assertThat(got.get("s-1|" + T0).count()).isEqualTo(61);
        assertThat(got.get("s-1|" + T0).max()).isEqualTo(99.5);
    }

    @Test
    void theCheckNamesAWindowThatDiffersOrIsMissing() {
        Map<String, FlinkReference.Window> process = new TreeMap<>();
        FlinkReference.Window a = new FlinkReference.Window("s-1", 0, 60_000, 10, 1.0, 2.0, 1.5);
        FlinkReference.Window b = new FlinkReference.Window("s-2", 0, 60_000, 10, 1.0, 2.0, 1.5);
        process.put(a.key(), a);
        process.put(b.key(), b);
        Map<String, FlinkReference.Window> flink = new TreeMap<>(process);
        FlinkReference.Window last = new FlinkReference.Window("s-1", 60_000, 120_000, 3, 1.0, 1.0, 1.0);
        flink.put(last.key(), last);
        assertThat(FlinkReference.compare(process, flink)).as("Flink closes more windows at the end of input").isNull();
        flink.put(b.key(), new FlinkReference.Window("s-2", 0, 60_000, 10, 1.0, 2.0, 1.5 + 5e-10));
        assertThat(FlinkReference.compare(process, flink)).as("an average within 1e-9").isNull();
        flink.put(b.key(), new FlinkReference.Window("s-2", 0, 60_000, 9, 1.0, 2.0, 1.5));
        flink.remove(a.key());
        assertThat(FlinkReference.compare(process, flink)).startsWith("2 of the 2 windows process closed differ in Flink's results (2 windows):")
                .contains("s-1|0: missing from Flink's results").contains("s-2|0: process Window[sensor=s-2, start=0, end=60000, count=10");
        assertThat(FlinkReference.compare(Map.of(), flink)).isEqualTo("process closed no window to compare");
    }

    @Test
    void aMissingRuntimeIsOneLineThatSaysHowToGetIt() {
        assertThat(FlinkReference.missing(tmp)).isEqualTo("the Flink runtime is not resolved (" + tmp
                + "): run `make flink-runtime`, or leave Flink out with --no-flink");
        assertThat(FlinkReference.missing(runtime)).isNull();
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
