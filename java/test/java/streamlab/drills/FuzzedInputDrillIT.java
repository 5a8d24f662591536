package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.LocalSpark;

/**
 * Drill "bad input, fuzzed": a seeded stream of valid readings mixed with every kind of bad record a
 * producer bug or a stranger on the topic could write. {@code process --format auto} must keep running,
 * send each bad record to the DLQ exactly once with a reason, and aggregate the valid ones exactly as an
 * independent computation here does. Also: replay of a corrupted CSV, and nonsense options of every command.
 */
@Tag("drill")
class FuzzedInputDrillIT {
    static final long T0 = 1_700_000_000_000L;
    static final long WINDOW = 10_000;
    static final long WATERMARK = 5_000;
    static final int MB = 1 << 20;
    static final Map<String, String> BIG_RECORDS = Map.of("max.message.bytes", Integer.toString(4 * MB));

    static LocalKafka kafka;
    static Clients clients;
    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void up() {
        kafka = LocalKafka.start();
        clients = new Clients(kafka.bootstrap(), new Properties());
        spark = LocalSpark.start("streamlab-fuzz-drill");
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
        if (kafka != null) kafka.close();
    }

    /** One record of the fuzzed stream; {@code reading} is null for a record that must be rejected. */
    record Fuzz(String key, byte[] value, Reading reading, String what) {}

    static Fuzz good(String key, Reading r, Format f) {
        return new Fuzz(key, ReadingCodec.of(f).encode(r), r, "valid " + f.lower());
    }

    static Fuzz bad(String what, byte[] value) {
        return new Fuzz("bad", value, null, what);
    }

    static Fuzz badJson(String what, String json) {
        return bad(what, json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] msgpack(String sensor, long ts, long seq, double temperature) throws Exception {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packString(sensor).packLong(ts).packLong(seq).packDouble(temperature);
            return p.toByteArray();
        }
    }

    /** The valid readings (seeded), in event-time order, with the bad records spread among them. */
    static List<Fuzz> stream(Random rnd) throws Exception {
        List<Fuzz> valid = new ArrayList<>();
        String[] sensors = {"s-0", "s-1", "s-2", "sensör-ü-温度-🌡"};
        for (int i = 0; i < 150; i++) {
            for (int s = 0; s < sensors.length; s++) {
                Reading r = new Reading(sensors[s], T0 + i * 500L + s, i, Math.round((15 + 10 * rnd.nextGaussian()) * 1000) / 1000.0);
                String key = switch (i % 10) {
                    case 3 -> "";
                    case 7 -> null;
                    default -> sensors[s];
                };
                valid.add(good(key, r, i % 2 == 0 ? Format.JSON : Format.MSGPACK));
            }
        }
        // Extremes that are still readings: one per window for its own sensor, so sums and squares stay finite.
        for (int w = 0; w < 7; w++) {
            double v = w % 2 == 0 ? 1e308 : -1e308;
            valid.add(good("huge", new Reading("huge", T0 + w * WINDOW + 4_000, w, v), w % 3 == 0 ? Format.MSGPACK : Format.JSON));
        }
        String pad = " ".repeat(MB);
        Reading bigOne = new Reading("s-big", T0 + 12_345, 0, 21.25);
        valid.add(new Fuzz("s-big", ("{\"sensor\":\"s-big\"," + pad + "\"ts\":" + bigOne.ts() + ",\"seq\":0,\"temperature\":21.25}")
                .getBytes(StandardCharsets.UTF_8), bigOne, "valid 1 MB JSON"));
        valid.sort((a, b) -> Long.compare(a.reading().ts(), b.reading().ts()));

        long ts = T0 + 20_000;
        List<Fuzz> bad = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[1 + rnd.nextInt(64)];
            rnd.nextBytes(b);
            bad.add(bad("random bytes", b));
        }
        for (int i = 0; i < 15; i++) {
            byte[] whole = msgpack("s-" + i, ts + i, i, 20.5);
            bad.add(bad("truncated msgpack", Arrays.copyOf(whole, 1 + rnd.nextInt(whole.length - 1))));
        }
        bad.add(badJson("truncated JSON", "{\"sensor\":\"s-0\",\"ts\":" + ts));
        bad.add(badJson("ts as string", "{\"sensor\":\"s-0\",\"ts\":\"" + ts + "\",\"seq\":1,\"temperature\":1.0}"));
        bad.add(badJson("ts as float", "{\"sensor\":\"s-0\",\"ts\":1.7e12,\"seq\":1,\"temperature\":1.0}"));
        bad.add(badJson("ts 1e308", "{\"sensor\":\"s-0\",\"ts\":1e308,\"seq\":1,\"temperature\":1.0}"));
        bad.add(badJson("seq as bool", "{\"sensor\":\"s-0\",\"ts\":" + ts + ",\"seq\":true,\"temperature\":1.0}"));
        bad.add(badJson("temperature as string", "{\"sensor\":\"s-0\",\"ts\":" + ts + ",\"seq\":1,\"temperature\":\"21.5\"}"));
        bad.add(badJson("temperature as object", "{\"sensor\":\"s-0\",\"ts\":" + ts + ",\"seq\":1,\"temperature\":{\"c\":1}}"));
        bad.add(badJson("temperature null", "{\"sensor\":\"s-0\",\"ts\":" + ts + ",\"seq\":1,\"temperature\":null}"));
        bad.add(badJson("missing sensor", "{\"ts\":" + ts + ",\"seq\":1,\"temperature\":1.0}"));
        bad.add(badJson("missing ts", "{\"sensor\":\"s-0\",\"seq\":1,\"temperature\":1.0}"));
        bad.add(badJson("missing seq", "{\"sensor\":\"s-0\",\"ts\":" + ts + ",\"temperature\":1.0}"));
        bad.add(badJson("missing temperature", "{\"sensor\":\"s-0\",\"ts\":" + ts + ",\"seq\":1}"));
        bad.add(badJson("empty object", "{}"));
        bad.add(badJson("empty sensor", "{\"sensor\":\"\",\"ts\":" + ts + ",\"seq\":1,\"temperature\":1.0}"));
        bad.add(badJson("negative seq", "{\"sensor\":\"s-0\",\"ts\":" + ts + ",\"seq\":-1,\"temperature\":1.0}"));
        bad.add(badJson("JSON array", "[\"s-0\"," + ts + ",1,1.0]"));
        for (String t : List.of("NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "1e999")) {
            bad.add(badJson("temperature " + t, "{\"sensor\":\"s-0\",\"ts\":" + ts + ",\"seq\":1,\"temperature\":" + t + "}"));
        }
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            bad.add(bad("msgpack temperature " + d, msgpack("s-0", ts, 1, d)));
        }
        bad.add(bad("msgpack empty sensor", msgpack("", ts, 1, 1.0)));
        bad.add(bad("msgpack ts out of range", msgpack("s-0", Long.MAX_VALUE, 1, 1.0)));
        bad.add(bad("msgpack 3 fields", Arrays.copyOf(new byte[] {(byte) 0x93, (byte) 0xa1, 'x', 1, 2}, 5)));
        bad.add(bad("msgpack trailing bytes", concat(msgpack("s-0", ts, 1, 1.0), new byte[] {1})));
        bad.add(bad("empty value", new byte[0]));
        bad.add(badJson("far future", "{\"sensor\":\"s-0\",\"ts\":" + (System.currentTimeMillis() + 86_400_000L)
                + ",\"seq\":1,\"temperature\":1.0}"));
        byte[] bigRandom = new byte[MB];
        rnd.nextBytes(bigRandom);
        bigRandom[0] = (byte) 0xc1; // never used by msgpack: not a valid first byte, whatever follows
        bad.add(bad("1 MB of random bytes", bigRandom));
        bad.add(badJson("1 MB JSON missing ts", "{\"sensor\":\"s-0\"," + pad + "\"seq\":1,\"temperature\":1.0}"));

        // Spread the bad records at random positions; the valid ones keep their order.
        List<Fuzz> all = new ArrayList<>(valid);
        for (Fuzz b : bad) all.add(1 + rnd.nextInt(all.size() - 1), b);
        return all;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The test's own idea of bad must agree with the kit's codec, or the drill would test nothing. */
    static void assertOracleAgreesWithCodec(Fuzz f) {
        Reading decoded = null;
        try {
            decoded = ReadingCodec.decodeAny(f.value());
        } catch (RuntimeException rejected) { // DecodeException, or worse
            // bad, as far as the codec is concerned
        }
        boolean timeOk = decoded != null && decoded.ts() <= System.currentTimeMillis() + 60_000 && decoded.ts() >= 0;
        assertThat(decoded != null && timeOk).as(f.what()).isEqualTo(f.reading() != null);
        if (f.reading() != null) assertThat(decoded).as(f.what()).isEqualTo(f.reading());
    }

    record Expected(long count, double min, double max, double avg) {}

    static Map<String, Expected> closedWindows(List<Reading> readings) {
        long watermark = readings.stream().mapToLong(Reading::ts).max().orElseThrow() - WATERMARK;
        Map<String, List<Reading>> groups = new TreeMap<>();
        for (Reading r : readings) {
            long start = Math.floorDiv(r.ts(), WINDOW) * WINDOW;
            if (start + WINDOW <= watermark) groups.computeIfAbsent(WindowResult.key(r.sensor(), start), k -> new ArrayList<>()).add(r);
        }
        Map<String, Expected> out = new TreeMap<>();
        groups.forEach((k, rs) -> {
            double sum = 0;
            for (Reading r : rs) sum += r.temperature();
            out.put(k, new Expected(rs.size(), rs.stream().mapToDouble(Reading::temperature).min().orElseThrow(),
                    rs.stream().mapToDouble(Reading::temperature).max().orElseThrow(), sum / rs.size()));
        });
        return out;
    }

    @Test
    void badRecordsGoToTheDlqAndValidOnesAggregateExactly() throws Exception {
        List<Fuzz> stream = stream(new Random(20240501));
        stream.forEach(FuzzedInputDrillIT::assertOracleAgreesWithCodec);
        clients.createTopic("fuzz.in", 2, 1, BIG_RECORDS);
        clients.createTopic("fuzz.dlq", 1, 1, BIG_RECORDS);
        clients.createTopic("fuzz.report", 1, 1, Map.of());
        clients.createTopic("fuzz.alerts", 1, 1, Map.of());

        Map<String, Fuzz> badBySource = new HashMap<>();
        Properties p = clients.base();
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * MB);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            // Partition by position, not key: a sensor's readings may then sit in both partitions, as from a careless producer.
            for (int i = 0; i < stream.size(); i++) {
                sent.add(producer.send(new ProducerRecord<>("fuzz.in", i % 2, stream.get(i).key(), stream.get(i).value())));
            }
            for (int i = 0; i < stream.size(); i++) {
                RecordMetadata m = sent.get(i).get();
                if (stream.get(i).reading() == null) badBySource.put("fuzz.in-" + m.partition() + "@" + m.offset(), stream.get(i));
            }
        }
        // The DLQ gets each bad record back unchanged, 1 MB ones too: the job's producer must allow that.
        Path clientConfig = tmp.resolve("big-records.properties");
        Files.writeString(clientConfig, "max.request.size=" + 4 * MB + "\n");

        // msgpack output: a JSON report cannot carry the NaN stddev Spark gives a +-1e308 window (see report)
        Cli.Run run = Cli.run("process", "--bootstrap-server", kafka.bootstrap(), "--command-config", clientConfig.toString(),
                "--topic", "fuzz.in", "--report-topic", "fuzz.report", "--dlq-topic", "fuzz.dlq", "--alerts-topic", "fuzz.alerts",
                "--format", "auto", "--output-format", "msgpack", "--window", "10s", "--watermark", "5s", "--trigger", "available-now",
                "--checkpoint", tmp.resolve("ckpt").toString(), "--connect-timeout", "20s");
        assertThat(run.exit()).as(run.describe()).isZero();

        List<ConsumerRecord<String, byte[]>> dlq = clients.readAll("fuzz.dlq", Duration.ofSeconds(60));
        Map<String, String> reasons = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : dlq) {
            String source = new String(rec.headers().lastHeader("streamlab.source").value(), StandardCharsets.UTF_8);
            String reason = new String(rec.headers().lastHeader("streamlab.reason").value(), StandardCharsets.UTF_8);
            Fuzz f = badBySource.get(source);
            assertThat(f).as("DLQ record from %s (%s) was not a bad record", source, reason).isNotNull();
            assertThat(rec.value()).as(f.what()).isEqualTo(f.value());
            assertThat(reason).as(f.what()).isNotBlank();
            assertThat(reasons.put(source, f.what() + " -> " + reason)).as("%s twice in the DLQ", source).isNull();
        }
        assertThat(reasons.keySet()).as("bad records missing from the DLQ").containsExactlyInAnyOrderElementsOf(badBySource.keySet());
        assertThat(dlq).hasSize(badBySource.size());
        System.out.println("fuzz drill: " + badBySource.size() + " bad records, reasons:\n  " + String.join("\n  ", reasons.values()));

        List<Reading> valid = stream.stream().filter(f -> f.reading() != null).map(Fuzz::reading).toList();
        Map<String, Expected> expected = closedWindows(valid);
        Map<String, WindowResult> got = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : clients.readAll("fuzz.report", Duration.ofSeconds(30))) {
            WindowResult w = WindowResultCodec.decode(rec.value());
            assertThat(got.put(w.key(), w)).as("window %s written twice", w.key()).isNull();
            if (!Double.isFinite(w.stddev())) System.out.println("fuzz drill: non-finite stddev in " + w);
        }
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(got.keySet()).anyMatch(k -> k.startsWith("sensör-ü-温度-🌡|")).anyMatch(k -> k.startsWith("huge|"))
                .anyMatch(k -> k.startsWith("s-big|"));
        expected.forEach((k, e) -> {
            WindowResult a = got.get(k);
            assertThat(a.count()).as(k + " count").isEqualTo(e.count());
            assertThat(a.min()).as(k + " min").isEqualTo(e.min());
            assertThat(a.max()).as(k + " max").isEqualTo(e.max());
            assertThat(a.avg()).as(k + " avg").isCloseTo(e.avg(), within(1e-9 * Math.max(1, Math.abs(e.avg()))));
        });
        assertThat(run.out()).contains(String.format("%,d", valid.size()) + " readings in, ")
                .contains(String.format("%,d", badBySource.size()) + " to DLQ");
    }

    static Path csv(String name, String... rows) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "sensor,ts,seq,temperature\n" + String.join("\n", rows) + "\n");
        return f;
    }

    static List<String> corruptedRows() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) rows.add("s-" + (i % 2) + "," + (T0 + i * 1000L) + "," + (i / 2) + "," + (20 + i * 0.5));
        rows.set(4, "s-0," + T0 + ",2,twenty");        // file line 6
        rows.set(9, "s-1,yesterday,4,21.0");            // line 11
        rows.set(13, "s-1," + T0 + ",6");               // line 15: a column short
        rows.set(16, "\u0000\u0001garbage\u00ff");       // line 18
        return rows;
    }

    @Test
    void replayOfACorruptedCsvNamesTheLineOrSkipsAndCounts() throws Exception {
        clients.createTopic("fuzz.replay", 1, 1, Map.of());
        clients.createTopic("fuzz.replay.skip", 1, 1, Map.of());
        Path file = csv("corrupted.csv", corruptedRows().toArray(String[]::new));

        Cli.Run stop = Cli.run("replay", file.toString(), "--topic", "fuzz.replay", "--bootstrap-server", kafka.bootstrap());
        assertThat(stop.exit()).as(stop.describe()).isEqualTo(1);
        assertThat(stop.err().lines().filter(l -> l.startsWith("Error: ")).toList()).as(stop.describe())
                .singleElement().asString().startsWith("Error: " + file + ":6: ").contains("temperature");
        assertThat(stop.err()).doesNotContain("\tat ");
        assertThat(clients.readAll("fuzz.replay", Duration.ofSeconds(30))).hasSize(4);

        Path badRows = tmp.resolve("corrupted.bad-rows.csv");
        Cli.Run skip = Cli.run("replay", file.toString(), "--topic", "fuzz.replay.skip", "--skip-bad",
                "--bad-rows", badRows.toString(), "--bootstrap-server", kafka.bootstrap());
        assertThat(skip.exit()).as(skip.describe()).isZero();
        assertThat(skip.out() + skip.err()).contains("skipped 4 bad rows (lines 6, 11, 15, 18; first: " + file + ":6: ");
        assertThat(clients.readAll("fuzz.replay.skip", Duration.ofSeconds(30))).hasSize(16);
        assertThat(Files.readAllLines(badRows)).hasSize(5).element(1).asString().startsWith("6,column 'temperature'");
    }

    static List<Arguments> nonsense() {
        List<Arguments> table = new ArrayList<>();
        for (String c : List.of("produce", "replay", "process", "report", "score")) {
            table.add(Arguments.of(c, List.of("--no-such-option"), "--no-such-option"));
            table.add(Arguments.of(c, List.of("--connect-timeout", "banana"), "--connect-timeout"));
            table.add(Arguments.of(c, List.of("--connect-timeout", "-5s"), "--connect-timeout"));
            table.add(Arguments.of(c, List.of("--bootstrap-server"), "--bootstrap-server"));
        }
        table.add(Arguments.of("produce", List.of("--count", "-5"), "--count"));
        table.add(Arguments.of("produce", List.of("--count", "ten"), "--count"));
        table.add(Arguments.of("produce", List.of("--rate", "fast"), "--rate"));
        table.add(Arguments.of("produce", List.of("--format", "xml"), "--format"));
        table.add(Arguments.of("produce", List.of("--spike-rate", "1.5"), "--spike-rate"));
        table.add(Arguments.of("produce", List.of("--sensors", "0"), "--sensors"));
        table.add(Arguments.of("produce", List.of("--interval", "0s"), "--interval"));
        table.add(Arguments.of("produce", List.of("--start", "next tuesday"), "--start"));
        table.add(Arguments.of("replay", List.of("x.csv", "--speed", "-1"), "--speed"));
        table.add(Arguments.of("replay", List.of("x.csv", "--time-format", "yyyy-MM-dd'T"), "--time-format"));
        table.add(Arguments.of("replay", List.of("x.csv", "--delimiter", "ab"), "--delimiter"));
        table.add(Arguments.of("replay", List.of("x.csv", "--max-loops", "0"), "--max-loops"));
        table.add(Arguments.of("process", List.of("--format", "csv"), "--format"));
        table.add(Arguments.of("process", List.of("--window", "0s"), "--window"));
        table.add(Arguments.of("process", List.of("--window", "1 minute"), "--window"));
        table.add(Arguments.of("process", List.of("--trigger", "sometimes"), "--trigger"));
        table.add(Arguments.of("process", List.of("--output-mode", "complete-ish"), "--output-mode"));
        table.add(Arguments.of("process", List.of("--max-offsets-per-trigger", "0"), "--max-offsets-per-trigger"));
        table.add(Arguments.of("report", List.of("--output", "hologram"), "--output"));
        table.add(Arguments.of("report", List.of("--max-records", "-1"), "--max-records"));
        table.add(Arguments.of("report", List.of("--refresh", "never"), "--refresh"));
        table.add(Arguments.of("score", List.of("--truth", "t.csv", "--alerts-topic", "a", "--min-recall", "2"), "--min-recall"));
        table.add(Arguments.of("score", List.of("--truth", "t.csv", "--alerts-topic", "a", "--tolerance", "soon"), "--tolerance"));
        table.add(Arguments.of("score", List.of("--alerts-topic", "a"), "--truth"));
        return table;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("nonsense")
    void nonsenseOptionsAreArgumentErrorsNamingTheOption(String command, List<String> args, String option) {
        List<String> all = new ArrayList<>(List.of(command));
        // An unreachable broker: were the nonsense accepted, the command would fail with exit 1, not 2.
        if (!args.contains("--bootstrap-server")) all.addAll(List.of("--bootstrap-server", "127.0.0.1:1"));
        if (!args.contains("--connect-timeout")) all.addAll(List.of("--connect-timeout", "1s"));
        all.addAll(args);
        Cli.Run r = Cli.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.firstErrLine()).as(r.describe()).startsWith("Argument error:").contains(option);
        assertThat(r.err()).doesNotContain("\tat ");
    }
}
