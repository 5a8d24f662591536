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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
 * with a wrong password is refused with one line, and no command ever prints the password. The broker's
 * authorizer lets the student user produce and consume the kit's topics (names starting with sensors.,
 * report or alerts) and nothing else: creating, deleting or reading another topic is refused, each time in
 * one line; admin ({@code admin-sasl.properties}) may do all of it.
 */
class SaslIT {
    static final long T0 = 1_700_000_000_000L;
    static final Path CLIENT_CONFIG = Scripts.home().resolve("conf/kafka/sasl/client-sasl.properties");
    static final Path ADMIN_CONFIG = Scripts.home().resolve("conf/kafka/sasl/admin-sasl.properties");
    static LocalKafka kafka;
    static SparkSession spark;
    static Clients clients;
    static Clients admin;
    static String password;

    @TempDir
    static Path tmp;

    final List<Cli.Run> runs = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        kafka = LocalKafka.start("--sasl");
        Properties security = load(CLIENT_CONFIG);
        Matcher m = Pattern.compile("password=\"([^\"]+)\"").matcher(security.getProperty("sasl.jaas.config"));
        assertThat(m.find()).isTrue();
        password = m.group(1);
        clients = new Clients(kafka.bootstrap(), security);
        admin = new Clients(kafka.bootstrap(), load(ADMIN_CONFIG));
        for (String t : List.of("sensors.sasl-in", "sensors.sasl-replayed", "report.sasl", "sensors.sasl-dlq", "alerts.sasl")) {
            admin.createTopic(t, 1, 1, Map.of());
        }
        admin.createTopic("private.data", 1, 1, Map.of());
        spark = LocalSpark.start("streamlab-sasl-test");
    }

    static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
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
    void createTopicsIsAdminsAndRefusedToTheStudentInOneLine() throws Exception {
        Scripts.Result refused = kafka.scripts().run("create-topics", "--command-config", CLIENT_CONFIG.toString());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
        assertThat(refused.stderr().strip()).as(refused.describe()).doesNotContain("\n")
                .startsWith("create-topics: the broker refused to create sensors.temperature: this user is not allowed to create topics")
                .contains("admin-sasl.properties");

        Scripts.Result first = kafka.scripts().run("create-topics", "--command-config", ADMIN_CONFIG.toString());
        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.stdout()).contains("created sensors.temperature (partitions 2", "created report (partitions 2",
                "created alerts (partitions 2", "created sensors.temperature.dlq (partitions 1");
        try (var a = admin.admin()) {
            assertThat(a.listTopics().names().get()).contains("sensors.temperature", "report", "alerts",
                    "sensors.temperature.dlq");
        }
        Scripts.Result again = kafka.scripts().run("create-topics", "--command-config", ADMIN_CONFIG.toString());
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.stdout()).contains("found   sensors.temperature", "found   sensors.temperature.dlq");
        assertThat(refused.output() + first.output() + again.output()).doesNotContain(password).doesNotContain("admin-lab-secret");
    }

    @Test
    void theStudentCannotTouchAnotherTopicAndEachRefusalIsOneLine() throws Exception {
        Cli.Run read = streamlab(sasl("report", "--topics", "private.data", "--output", "lines", "--max-records", "1",
                "--timeout", "10s"));
        assertRefused(read);
        assertThat(read.err()).contains("Error: Not authorized to access topics: [private.data]");

        Cli.Run write = streamlab(sasl("produce", "--topic", "private.data", "--count", "5", "--rate", "max"));
        assertRefused(write);
        assertThat(write.err()).contains("private.data").contains("Not authorized to access topics: [private.data]");

        Scripts.Result delete = kafka.scripts().run("kafka-topics", "--bootstrap-server", kafka.bootstrap(),
                "--command-config", CLIENT_CONFIG.toString(), "--delete", "--topic", "report.sasl");
        assertThat(delete.exitCode()).as(delete.describe()).isNotZero();
        assertThat(delete.output()).contains("Topic authorization failed");
        try (var a = admin.admin()) {
            assertThat(a.listTopics().names().get()).as("the student's delete was refused").contains("report.sasl");
            // What the student may not do, admin may: read the other topic and delete a topic.
            assertThat(admin.readAll("private.data", Duration.ofSeconds(5))).isEmpty();
            admin.createTopic("sensors.sasl-scratch", 1, 1, Map.of());
            a.deleteTopics(List.of("sensors.sasl-scratch")).all().get();
        }
        try (var student = clients.admin()) {
            assertThat(student.listTopics().names().get()).as("the student sees only its topics")
                    .doesNotContain("private.data").contains("report.sasl");
        }
    }

    @Test
    void everyKafkaCommandWorksWithTheClientConfig() throws Exception {
        Path recorded = tmp.resolve("produced.csv");
        Cli.Run produce = streamlab(sasl("produce", "--topic", "sensors.sasl-in", "--sensors", "4", "--count", "400",
                "--rate", "max", "--seed", "11", "--start", Long.toString(T0), "--interval", "1s",
                "--record", recorded.toString()));
        assertThat(produce.exit()).as(produce.describe()).isZero();
        List<Reading> sent = Files.readAllLines(recorded).stream().skip(1).map(SaslIT::parse).toList();
        assertThat(sent).hasSize(400);
        assertThat(clients.readAll("sensors.sasl-in", Duration.ofSeconds(30)))
                .extracting(rec -> ReadingCodec.decodeAny(rec.value())).containsExactlyElementsOf(sent);

        StringBuilder csv = new StringBuilder("sensor,ts,seq,temperature\n");
        for (int i = 0; i < 30; i++) csv.append("room-").append(i % 3).append(',').append(T0 + i * 1000L).append(',')
                .append(i / 3).append(',').append(20 + i * 0.25).append('\n');
        Path file = tmp.resolve("rooms.csv");
        Files.writeString(file, csv);
        Cli.Run replay = streamlab(sasl("replay", file.toString(), "--topic", "sensors.sasl-replayed"));
        assertThat(replay.exit()).as(replay.describe()).isZero();
        assertThat(clients.readAll("sensors.sasl-replayed", Duration.ofSeconds(30))).hasSize(30);

        // A record that is no reading: its dead letter is written by the job's own producer, with the same client config.
        byte[] broken = "{\"sensor\": \"room-1\", \"ts\":".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(clients.base(), new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>("sensors.sasl-in", broken)).get();
        }
        Cli.Run process = streamlab(sasl("process", "--topic", "sensors.sasl-in", "--report-topic", "report.sasl",
                "--dlq-topic", "sensors.sasl-dlq", "--alerts-topic", "alerts.sasl", "--window", "10s", "--watermark", "5s",
                "--trigger", "available-now", "--checkpoint", tmp.resolve("ckpt").toString()));
        assertThat(process.exit()).as(process.describe()).isZero();
        Map<String, Long> expected = closedWindowCounts(sent, 10_000, 5_000);
        Map<String, Long> got = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : clients.readAll("report.sasl", Duration.ofSeconds(30))) {
            WindowResult w = WindowResultCodec.decode(rec.value());
            got.put(w.key(), w.count());
        }
        assertThat(got).isEqualTo(expected);
        assertThat(clients.readAll("sensors.sasl-dlq", Duration.ofSeconds(30))).singleElement().satisfies(rec -> {
            assertThat(rec.value()).isEqualTo(broken);
            assertThat(new String(rec.headers().lastHeader("streamlab.source").value(), StandardCharsets.UTF_8))
                    .startsWith("sensors.sasl-in-0@");
        });

        Cli.Run report = streamlab(sasl("report", "--topics", "report.sasl", "--output", "lines", "--from-beginning",
                "--max-records", "5", "--timeout", "30s"));
        assertThat(report.exit()).as(report.describe()).isZero();
        List<String> lines = report.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("window "));
    }

    @Test
    void aClientWithoutCredentialsIsRefusedInOneLine() {
        Cli.Run r = streamlab("produce", "--bootstrap-server", kafka.bootstrap(), "--topic", "sensors.sasl-in", "--count", "5",
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
                "--topics", "report.sasl", "--output", "lines", "--max-records", "1", "--connect-timeout", "3s");
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
