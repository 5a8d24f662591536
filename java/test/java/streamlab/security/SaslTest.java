package streamlab.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.drills.Cli;
import streamlab.drills.Clients;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.LocalSpark;
import streamlab.testkit.Scripts;

/**
 * A broker from {@code bin/start-kafka --kraft --sasl}: every Kafka command of the kit works with the shipped
 * {@code conf/kafka/sasl/client-sasl.properties} as {@code --command-config} (process through Spark's Kafka
 * source and sink, which take the settings with a {@code kafka.} prefix), a client without credentials or
 * with a wrong password is refused with one line, and no command ever prints the password.
 */
class SaslTest {
    static final long T0 = 1_700_000_000_000L;
    static final Path CLIENT_CONFIG = Scripts.home().resolve("conf/kafka/sasl/client-sasl.properties");
    static LocalKafka kafka;
    static SparkSession spark;
    static Clients clients;
    static String password;

    @TempDir
    static Path tmp;

    final List<Cli.Run> runs = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        kafka = LocalKafka.start("--sasl");
        Properties security = new Properties();
        try (Reader r = Files.newBufferedReader(CLIENT_CONFIG)) {
            security.load(r);
        }
        Matcher m = Pattern.compile("password=\"([^\"]+)\"").matcher(security.getProperty("sasl.jaas.config"));
        assertThat(m.find()).isTrue();
        password = m.group(1);
        clients = new Clients(kafka.bootstrap(), security);
        for (String t : List.of("sasl.in", "sasl.replayed", "sasl.report", "sasl.dlq", "sasl.alerts")) {
            clients.createTopic(t, 1, 1, Map.of());
        }
        spark = LocalSpark.start("streamlab-sasl-test");
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
        if (kafka != null) kafka.close();
    }

    /** Whatever a test ran, nothing it printed may hold a password of the lab users. */
    @AfterEach
    void noPasswordInAnyOutput() {
        for (Cli.Run r : runs) {
            assertThat(r.out() + r.err()).doesNotContain(password).doesNotContain("admin-lab-secret");
        }
    }

    Cli.Run streamlab(String... args) {
        Cli.Run r = Cli.run(args);
        runs.add(r);
        return r;
    }

    String[] sasl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", kafka.bootstrap(), "--command-config", CLIENT_CONFIG.toString(),
                "--connect-timeout", "20s"));
        return all.toArray(String[]::new);
    }

    @Test
    void createTopicsLogsInWithTheClientConfig() throws Exception {
        Scripts.Result first = kafka.scripts().run("create-topics", "--command-config", CLIENT_CONFIG.toString());
        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.stdout()).contains("created sensors.temperature (partitions 2", "created report (partitions 2",
                "created alerts (partitions 2", "created sensors.temperature.dlq (partitions 1");
        try (var admin = clients.admin()) {
            assertThat(admin.listTopics().names().get()).contains("sensors.temperature", "report", "alerts",
                    "sensors.temperature.dlq");
        }
        Scripts.Result again = kafka.scripts().run("create-topics", "--command-config", CLIENT_CONFIG.toString());
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.stdout()).contains("found   sensors.temperature", "found   sensors.temperature.dlq");
        assertThat(first.output() + again.output()).doesNotContain(password);
    }

    @Test
    void everyKafkaCommandWorksWithTheClientConfig() throws Exception {
        Path recorded = tmp.resolve("produced.csv");
        Cli.Run produce = streamlab(sasl("produce", "--topic", "sasl.in", "--sensors", "4", "--count", "400",
                "--rate", "max", "--seed", "11", "--start", Long.toString(T0), "--interval", "1s",
                "--record", recorded.toString()));
        assertThat(produce.exit()).as(produce.describe()).isZero();
        List<Reading> sent = Files.readAllLines(recorded).stream().skip(1).map(SaslTest::parse).toList();
        assertThat(sent).hasSize(400);
        assertThat(clients.readAll("sasl.in", Duration.ofSeconds(30)))
                .extracting(rec -> ReadingCodec.decodeAny(rec.value())).containsExactlyElementsOf(sent);

        StringBuilder csv = new StringBuilder("sensor,ts,seq,temperature\n");
        for (int i = 0; i < 30; i++) csv.append("room-").append(i % 3).append(',').append(T0 + i * 1000L).append(',')
                .append(i / 3).append(',').append(20 + i * 0.25).append('\n');
        Path file = tmp.resolve("rooms.csv");
        Files.writeString(file, csv);
        Cli.Run replay = streamlab(sasl("replay", file.toString(), "--topic", "sasl.replayed"));
        assertThat(replay.exit()).as(replay.describe()).isZero();
        assertThat(clients.readAll("sasl.replayed", Duration.ofSeconds(30))).hasSize(30);

        Cli.Run process = streamlab(sasl("process", "--topic", "sasl.in", "--report-topic", "sasl.report",
                "--dlq-topic", "sasl.dlq", "--alerts-topic", "sasl.alerts", "--window", "10s", "--watermark", "5s",
                "--trigger", "available-now", "--checkpoint", tmp.resolve("ckpt").toString()));
        assertThat(process.exit()).as(process.describe()).isZero();
        Map<String, Long> expected = closedWindowCounts(sent, 10_000, 5_000);
        Map<String, Long> got = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : clients.readAll("sasl.report", Duration.ofSeconds(30))) {
            WindowResult w = WindowResultCodec.decode(rec.value());
            got.put(w.key(), w.count());
        }
        assertThat(got).isEqualTo(expected);

        Cli.Run report = streamlab(sasl("report", "--topics", "sasl.report", "--output", "lines", "--from-beginning",
                "--max-records", "5", "--timeout", "30s"));
        assertThat(report.exit()).as(report.describe()).isZero();
        List<String> lines = report.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("window "));
    }

    @Test
    void aClientWithoutCredentialsIsRefusedInOneLine() {
        Cli.Run r = streamlab("produce", "--bootstrap-server", kafka.bootstrap(), "--topic", "sasl.in", "--count", "5",
                "--rate", "max", "--connect-timeout", "3s");
        assertRefused(r);
        assertThat(r.err()).contains("Error: Cannot reach Kafka at " + kafka.bootstrap() + " within 3s");
    }

    @Test
    void aWrongPasswordIsRefusedInOneLineAndNotEchoed() throws Exception {
        Path wrong = tmp.resolve("wrong.properties");
        String wrongPassword = "not-the-" + password;
        Files.writeString(wrong, Files.readString(CLIENT_CONFIG).replace("\"" + password + "\"", "\"" + wrongPassword + "\""),
                StandardCharsets.UTF_8);
        Cli.Run r = streamlab("report", "--bootstrap-server", kafka.bootstrap(), "--command-config", wrong.toString(),
                "--topics", "sasl.report", "--output", "lines", "--max-records", "1", "--connect-timeout", "3s");
        assertRefused(r);
        assertThat(r.err()).contains(kafka.bootstrap()).containsIgnoringCase("authentication failed")
                .doesNotContain(wrongPassword);
    }

    private static void assertRefused(Cli.Run r) {
        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        // produce announces its run before it connects; the failure itself is one last line
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.stream().filter(l -> l.startsWith("Error")).count()).as(r.describe()).isEqualTo(1);
        assertThat(lines.get(lines.size() - 1)).as(r.describe()).startsWith("Error: ");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.took()).isLessThan(Duration.ofSeconds(20));
    }

    static Reading parse(String line) {
        String[] f = line.split(",");
        return new Reading(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]));
    }

    /** Readings per tumbling window that the final watermark (max ts - watermark) has closed. */
    static Map<String, Long> closedWindowCounts(List<Reading> readings, long window, long watermark) {
        long wm = readings.stream().mapToLong(Reading::ts).max().orElseThrow() - watermark;
        Map<String, Long> out = new TreeMap<>();
        for (Reading r : readings) {
            long start = Math.floorDiv(r.ts(), window) * window;
            if (start + window <= wm) out.merge(WindowResult.key(r.sensor(), start), 1L, Long::sum);
        }
        return out;
    }
}
