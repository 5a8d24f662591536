package streamlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static streamlab.report.Fixtures.alert;
import static streamlab.report.Fixtures.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.Format;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.testkit.CliRun;
import streamlab.testkit.LocalKafka;

/** {@code streamlab report} against a real broker: what it shows, when it stops, what it commits, what it plots. */
class ReportKafkaIT {
    private static LocalKafka kafka;

    @BeforeAll
    static void up() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void down() {
        if (kafka != null) kafka.close();
    }

    /** Six windows (s-01 JSON, s-02 msgpack), a redelivered window, garbage, and an alert opened, redelivered, closed. */
    private static void writeMixed(String reportTopic, String alertsTopic) {
        kafka.createTopic(reportTopic, 2);
        kafka.createTopic(alertsTopic, 1);
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int i = 0; i < 3; i++) {
                send(p, reportTopic, window("s-01", i, 20 + i), Format.JSON);
                send(p, reportTopic, window("s-02", i, 30 + i), Format.MSGPACK);
            }
            WindowResult w = window("s-01", 1, 21);
            send(p, reportTopic, new WindowResult(w.sensor(), w.windowStart(), w.windowEnd(), w.count(), w.min(), w.max(),
                    w.avg(), w.stddev(), w.firstTs(), w.lastTs(), w.seqGaps(), w.emittedAt() + 30_000), Format.MSGPACK);
            p.send(new ProducerRecord<>(reportTopic, "s-03|0", "{\"sensor\":\"s-03\",".getBytes(StandardCharsets.UTF_8)));
            Alert open = alert("s-02", Alert.THRESHOLD_HIGH, 1, null, 31.5);
            send(p, alertsTopic, open, Format.JSON);
            send(p, alertsTopic, open, Format.MSGPACK);
            send(p, alertsTopic, alert("s-02", Alert.THRESHOLD_HIGH, 1, 3, 31.5), Format.MSGPACK);
        }
    }

    @Test
    void linesShowEveryRecordOnceWhateverItsFormat() {
        writeMixed("r-lines", "a-lines");
        // Bounded by the known record count, so a slow machine cannot end the run early.
        CliRun r = report("--report-topic", "r-lines", "--alerts-topic", "a-lines", "--output", "lines",
                "--from-beginning", "--max-records", "11", "--timeout", "60s");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("window ")).hasSize(6)
                .contains("window s-01 2024-01-01 10:01:00-10:02:00 n=60 min=20.00 avg=21.00 max=22.00 sd=0.50 gaps=0")
                .contains("window s-02 2024-01-01 10:02:00-10:03:00 n=60 min=31.00 avg=32.00 max=33.00 sd=0.50 gaps=0");
        assertThat(lines).filteredOn(l -> l.startsWith("alert ")).containsExactly(
                "alert  s-02 threshold-high 2024-01-01 10:01:13-open value=31.50 rule=\"temperature > 30.0\"",
                "alert  s-02 threshold-high 2024-01-01 10:01:13-10:03:00 value=31.50 rule=\"temperature > 30.0\" (updated)");
        assertThat(lines).filteredOn(l -> l.startsWith("skipped ")).singleElement().asString()
                .matches("skipped #1 r-lines-\\d@\\d+: (truncated|invalid) JSON.*");
        assertThat(lines).hasSize(9);
        assertThat(r.err()).contains("report: 11 records").contains("6 windows, 1 alerts, 2 duplicates collapsed, 1 skipped")
                .contains("stopped after --max-records 11");
    }

    @Test
    void jsonlIsOneJsonObjectPerRecordAndFiltersSensors() throws Exception {
        writeMixed("r-jsonl", "a-jsonl");
        CliRun r = report("--report-topic", "r-jsonl", "--alerts-topic", "a-jsonl", "--output", "jsonl",
                "--from-beginning", "--max-records", "11", "--timeout", "60s");
        assertThat(r.exit()).as(r.err()).isZero();
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : r.out().lines().toList()) nodes.add(m.readTree(l));
        assertThat(nodes).hasSize(8);
        assertThat(nodes).filteredOn(n -> n.get("type").asText().equals("window")).hasSize(6)
                .allSatisfy(n -> assertThat(n.get("count").asLong()).isEqualTo(60));
        List<JsonNode> alerts = nodes.stream().filter(n -> n.get("type").asText().equals("alert")).toList();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("end").isNull()).isTrue();
        assertThat(alerts.get(1).get("end").asLong()).isEqualTo(Fixtures.T0 + 3 * Fixtures.MINUTE);
        assertThat(r.err()).containsPattern("skipped #1 r-jsonl-\\d@\\d+: (truncated|invalid) JSON");

        CliRun only = report("--report-topic", "r-jsonl", "--alerts-topic", "a-jsonl", "--output", "jsonl",
                "--from-beginning", "--timeout", "10s", "--sensors", "s-01");
        assertThat(only.exit()).as(only.err()).isZero();
        assertThat(only.out().lines().map(l -> l.replaceAll(".*\"sensor\":\"([^\"]+)\".*", "$1")).toList())
                .containsExactly("s-01", "s-01", "s-01");
    }

    @Test
    void maxRecordsAndTimeoutEndTheRunWithTheRightExitCode() {
        writeMixed("r-bounds", "a-bounds");
        kafka.createTopic("r-five", 1);
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int i = 0; i < 5; i++) send(p, "r-five", window("s-01", i, 20), Format.JSON);
        }
        CliRun three = report("--topics", "r-five", "--output", "lines", "--from-beginning", "--max-records", "3");
        assertThat(three.exit()).as(three.err()).isZero();
        assertThat(three.out().lines().map(l -> l.substring(0, 42))).containsExactly(
                "window s-01 2024-01-01 10:00:00-10:01:00 n",
                "window s-01 2024-01-01 10:01:00-10:02:00 n",
                "window s-01 2024-01-01 10:02:00-10:03:00 n");
        assertThat(three.err()).contains("report: 3 records").contains("stopped after --max-records 3");

        CliRun missing = report("--report-topic", "no-such-report", "--alerts-topic", "a-bounds", "--timeout", "2s");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Error: no records from no-such-report, a-bounds within 2s")
                .contains("topic 'no-such-report' does not exist").doesNotContain("\tat ");
        assertThat(kafka.topics()).as("reading must not create the topic").doesNotContain("no-such-report");

        kafka.createTopic("r-empty", 1);
        CliRun empty = report("--topics", "r-empty", "--timeout", "2s");
        assertThat(empty.exit()).isEqualTo(1);
        assertThat(empty.err()).contains("no records from r-empty within 2s (the topics exist");
    }

    @Test
    void aNamedGroupCommitsWhatWasShownAndResumesAfterIt() {
        kafka.createTopic("r-group", 2);
        Set<String> all = new HashSet<>();
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int i = 0; i < 6; i++) {
                WindowResult w = window("s-0" + (i % 3), i, 20 + i);
                send(p, "r-group", w, i % 2 == 0 ? Format.JSON : Format.MSGPACK);
                all.add(LineFormatter.window(w));
            }
        }
        String[] base = {"--topics", "r-group", "--group", "lab-g", "--output", "lines", "--from-beginning"};
        CliRun first = report(concat(base, "--max-records", "4"));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("offsets committed for group lab-g");
        List<String> firstLines = first.out().lines().toList();
        assertThat(firstLines).hasSize(4);

        CliRun lag = report("--lag", "--group", "lab-g", "--topic", "r-group");
        assertThat(lag.exit()).as(lag.err()).isZero();
        assertThat(lag.out()).contains("total lag 2\n");

        CliRun second = report(concat(base, "--max-records", "2", "--timeout", "60s"));
        assertThat(second.exit()).as(second.err()).isZero();
        List<String> secondLines = second.out().lines().toList();
        assertThat(secondLines).hasSize(2).doesNotContainAnyElementsOf(firstLines);
        Set<String> union = new HashSet<>(firstLines);
        union.addAll(secondLines);
        assertThat(union).isEqualTo(all);

        CliRun after = report("--lag", "--group", "lab-g", "--topic", "r-group");
        assertThat(after.exit()).isZero();
        assertThat(after.out()).containsPattern("(?m)^r-group +0 +\\d+ +\\d+ +0$")
                .containsPattern("(?m)^r-group +1 +\\d+ +\\d+ +0$").endsWith("total lag 0\n");

        CliRun unknown = report("--lag", "--group", "never-used");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("consumer group 'never-used' has no committed offsets");
    }

    /**
     * The case: report and alerts with 2 partitions each, a group started --from-beginning that stops after
     * a few records, then the same group without --from-beginning. It must resume on every partition it was given,
     * not only on those it had read from: the second run shows exactly the records the first did not.
     */
    @Test
    void aGroupStartedFromTheBeginningResumesOnEveryPartition() {
        kafka.createTopic("r-resume", 2);
        kafka.createTopic("a-resume", 2);
        Set<String> all = new HashSet<>();
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int i = 0; i < 24; i++) {
                WindowResult w = window("s-" + (i % 8), i / 8, 20 + i);
                send(p, "r-resume", w, Format.JSON);
                all.add(LineFormatter.window(w));
            }
            for (int i = 0; i < 8; i++) {
                Alert a = alert("s-" + i, Alert.THRESHOLD_HIGH, i, i + 1, 31 + i);
                send(p, "a-resume", a, Format.JSON);
                all.add(LineFormatter.alert(a));
            }
        }
        assertThat(all).hasSize(32);
        String[] topics = {"--report-topic", "r-resume", "--alerts-topic", "a-resume", "--group", "g-resume", "--output", "lines"};
        CliRun first = report(concat(topics, "--from-beginning", "--max-records", "3"));
        assertThat(first.exit()).as(first.err()).isZero();
        List<String> firstLines = first.out().lines().toList();
        assertThat(firstLines).hasSize(3);

        CliRun second = report(concat(topics, "--timeout", "5s"));
        assertThat(second.exit()).as(second.err()).isZero();
        List<String> secondLines = second.out().lines().toList();
        assertThat(secondLines).as("the second run shows the other 29 records, once each").hasSize(29)
                .doesNotHaveDuplicates().doesNotContainAnyElementsOf(firstLines);
        Set<String> union = new HashSet<>(firstLines);
        union.addAll(secondLines);
        assertThat(union).isEqualTo(all);
    }

    /** The alerts topic often appears after the dashboard's group first ran: the group reads it from its beginning. */
    @Test
    void aTopicCreatedAfterTheGroupFirstRanIsReadFromItsBeginning() {
        kafka.createTopic("r-later", 1);
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int i = 0; i < 3; i++) send(p, "r-later", window("s-01", i, 20 + i), Format.JSON);
        }
        String[] topics = {"--report-topic", "r-later", "--alerts-topic", "a-later", "--group", "g-later", "--output", "lines"};
        CliRun first = report(concat(topics, "--from-beginning", "--max-records", "3", "--timeout", "60s"));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("not there yet: a-later");

        kafka.createTopic("a-later", 2);
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int i = 0; i < 4; i++) send(p, "a-later", alert("s-0" + i, Alert.SPIKE, i, i + 1, 35), Format.JSON);
            send(p, "r-later", window("s-01", 3, 23), Format.JSON);
        }
        CliRun second = report(concat(topics, "--timeout", "5s"));
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out().lines().filter(l -> l.startsWith("alert "))).hasSize(4);
        assertThat(second.out().lines().filter(l -> l.startsWith("window "))).containsExactly(LineFormatter.window(window("s-01", 3, 23)));
    }

    @Test
    void plotWritesAReadablePng(@TempDir Path dir) throws Exception {
        kafka.createTopic("r-plot", 2);
        kafka.createTopic("a-plot", 1);
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int i = 0; i < 20; i++) {
                send(p, "r-plot", window("s-01", i, 20 + Math.sin(i / 3.0)), Format.JSON);
                send(p, "r-plot", window("s-02", i, 25 + i * 0.3), Format.MSGPACK);
            }
            send(p, "a-plot", alert("s-02", Alert.THRESHOLD_HIGH, 17, null, 30.5), Format.JSON);
            send(p, "a-plot", alert("s-01", Alert.SPIKE, 5, 6, 35.0), Format.MSGPACK);
        }
        Path png = dir.resolve("charts/report.png");
        CliRun r = report("--report-topic", "r-plot", "--alerts-topic", "a-plot", "--from-beginning",
                "--max-records", "42", "--timeout", "60s",
                "--plot", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).as("no per-record output with --plot alone").isEmpty();
        assertThat(r.err()).contains("wrote " + png).contains("2 sensors");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(PlotWriter.WIDTH);
        assertThat(img.getHeight()).isEqualTo(PlotWriter.HEIGHT);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) nonWhite++;
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
        assertThat(nonWhite).as("drawn pixels").isGreaterThan(10_000);
    }

    private static CliRun report(String... args) {
        return CliRun.of(concat(new String[] {"report", "--bootstrap-server", kafka.bootstrap()}, args));
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static KafkaProducer<String, byte[]> producer() {
        return producer(kafka.bootstrap());
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    static void send(KafkaProducer<String, byte[]> p, String topic, WindowResult w, Format f) {
        p.send(new ProducerRecord<>(topic, w.key(), WindowResultCodec.encode(w, f)));
    }

    static void send(KafkaProducer<String, byte[]> p, String topic, Alert a, Format f) {
        p.send(new ProducerRecord<>(topic, a.sensor(), AlertCodec.encode(a, f)));
    }
}
