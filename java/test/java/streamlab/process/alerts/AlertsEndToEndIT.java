package streamlab.process.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.cli.Main;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.testkit.CliRun;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.LocalSpark;

/**
 * The whole chain on a real broker and a real SparkSession, through {@code Main.run}: a seeded {@code produce}
 * with spikes, stuck and silent sensors and a truth file; {@code process} (alert query beside the window
 * query) in several micro-batches; {@code score} of the alerts topic against the truth. Default alert
 * settings, windows of 10 s (so stuck after 10 s, silence after 20 s).
 */
class AlertsEndToEndIT {
    static LocalKafka kafka;
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void up() {
        kafka = LocalKafka.start();
        spark = LocalSpark.start("streamlab-alerts-test");
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
        if (kafka != null) kafka.close();
    }

    @Test
    void injectedFaultsAreFoundWithRecallAndPrecisionAbove95Percent() throws Exception {
        kafka.createTopic("e2e.in", 1);
        kafka.createTopic("e2e.alerts", 1);
        Path truth = tmp.resolve("truth.csv");
        CliRun produce = CliRun.of("produce", "--bootstrap-server", kafka.bootstrap(), "--topic", "e2e.in",
                "--sensors", "8", "--interval", "1s", "--start", "2024-05-01T00:00:00Z", "--seed", "7",
                "--count", "28800", "--rate", "max", "--spike-rate", "0.002", "--stuck-count", "2",
                "--silence-count", "2", "--fault-length", "1m", "--truth", truth.toString());
        assertThat(produce.exit()).as(produce.err()).isZero();

        CliRun process = CliRun.of("process", "--bootstrap-server", kafka.bootstrap(), "--topic", "e2e.in",
                "--report-topic", "e2e.report", "--dlq-topic", "e2e.dlq", "--alerts-topic", "e2e.alerts",
                "--window", "10s", "--watermark", "5s", "--trigger", "available-now",
                "--max-offsets-per-trigger", "8000", "--checkpoint", tmp.resolve("ckpt").toString());
        assertThat(process.exit()).as(process.err()).isZero();
        assertThat(process.err()).contains("process: batch 0:");

        List<ConsumerRecord<String, byte[]>> records = kafka.readAll("e2e.alerts", Duration.ofSeconds(30));
        Map<String, Alert> episodes = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Alert a = AlertCodec.decode(r.value());
            assertThat(r.key()).isEqualTo(a.sensor());
            episodes.merge(a.key(), a, (old, now) -> old.open() ? now : old);
        }
        long truthRows = Files.readAllLines(truth).size() - 1;
        assertThat(truthRows).isGreaterThan(60);

        CliRun score = CliRun.of("score", "--bootstrap-server", kafka.bootstrap(), "--truth", truth.toString(),
                "--alerts-topic", "e2e.alerts", "--tolerance", "10s", "--min-recall", "0.95", "--min-precision", "0.95");
        System.out.println(score.out());
        assertThat(score.exit()).as(score.out() + score.err()).isZero();
        assertThat(score.out()).containsPattern("(?m)^spike\\s+\\d\\d+\\s").containsPattern("(?m)^stuck\\s+\\d+\\s")
                .containsPattern("(?m)^silence\\s+\\d+\\s").containsPattern("(?m)^seq-gap\\s+0\\s+0\\s+0\\s+0\\s");
        assertThat(episodes.values().stream().filter(a -> a.kind().equals(Alert.RESUMED)).count()).isPositive();
    }

    /**
     * The recorded data of {@code data/} (6 sensors every 5 s for 3 h, one silent and one stuck sensor, spikes),
     * replayed as fast as possible and processed with the default settings (1 minute windows: stuck after 1 m,
     * silence after 2 m): every injected fault is found and nothing else.
     */
    @Test
    void recordedDataGivesTheFaultsOfItsTruthFile() throws Exception {
        Path data = Path.of(System.getProperty("streamlab.home", "."), "data");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(data.resolve("sensors-3h.csv")), "no recorded data");
        kafka.createTopic("rec.in", 1);
        kafka.createTopic("rec.alerts", 1);
        CliRun replay = CliRun.of("replay", data.resolve("sensors-3h.csv").toString(), "--bootstrap-server", kafka.bootstrap(),
                "--topic", "rec.in");
        assertThat(replay.exit()).as(replay.err()).isZero();
        CliRun process = CliRun.of("process", "--bootstrap-server", kafka.bootstrap(), "--topic", "rec.in",
                "--report-topic", "rec.report", "--dlq-topic", "rec.dlq", "--alerts-topic", "rec.alerts",
                "--trigger", "available-now", "--checkpoint", tmp.resolve("ckpt").toString());
        assertThat(process.exit()).as(process.err()).isZero();
        Map<String, Alert> episodes = new java.util.TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : kafka.readAll("rec.alerts", Duration.ofSeconds(30))) {
            Alert a = AlertCodec.decode(r.value());
            episodes.merge(a.key(), a, (old, now) -> old.open() ? now : old);
        }
        episodes.values().stream().filter(a -> a.kind().equals(Alert.SILENCE) || a.kind().equals(Alert.RESUMED))
                .forEach(a -> System.out.println("recorded data: " + a));
        // sensor-2 is silent 5 times for about 10 minutes: 5 silences and 5 resumed, nothing else
        assertThat(episodes.values().stream().filter(a -> a.kind().equals(Alert.SILENCE)).map(Alert::sensor).toList())
                .containsExactly("sensor-2", "sensor-2", "sensor-2", "sensor-2", "sensor-2");
        assertThat(episodes.values().stream().filter(a -> a.kind().equals(Alert.RESUMED)).count()).isEqualTo(5);

        CliRun score = CliRun.of("score", "--bootstrap-server", kafka.bootstrap(), "--truth", data.resolve("sensors-3h.truth.csv").toString(),
                "--alerts-topic", "rec.alerts", "--min-recall", "1", "--min-precision", "1");
        assertThat(score.exit()).as(score.out() + score.err()).isZero();
    }

}
