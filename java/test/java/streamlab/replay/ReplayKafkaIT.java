package streamlab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.testkit.CliRun;
import streamlab.testkit.LocalKafka;

/** {@code streamlab replay} through {@link streamlab.cli.Main} against a real broker, read back with a consumer. */
class ReplayKafkaIT {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String[] SENSORS = {"s-01", "s-02", "s-03"};
    private static final long T0 = 1714521600000L;

    static LocalKafka kafka;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void up() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void down() {
        if (kafka != null) kafka.close();
    }

    /** 100 rows per sensor, interleaved as produce --record writes them, values distinct per row. */
    static List<Reading> readings(int perSensor) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < perSensor; i++) {
            for (int s = 0; s < SENSORS.length; s++) {
                out.add(new Reading(SENSORS[s], T0 + i * 1000L, i, 18 + s + i * 0.125 - (i % 7) * 0.5));
            }
        }
        return out;
    }

    static Path write(String name, List<Reading> rows, int badAtIndex) throws IOException {
        StringBuilder sb = new StringBuilder("sensor,ts,seq,temperature\n");
        for (int i = 0; i < rows.size(); i++) {
            Reading r = rows.get(i);
            sb.append(r.sensor()).append(',').append(r.ts()).append(',').append(r.seq()).append(',')
                    .append(i == badAtIndex ? "abc" : Double.toString(r.temperature())).append('\n');
        }
        Path file = tmp.resolve(name);
        Files.writeString(file, sb);
        return file;
    }

    static Map<String, List<Reading>> bySensor(List<Reading> readings) {
        Map<String, List<Reading>> m = new LinkedHashMap<>();
        for (Reading r : readings) m.computeIfAbsent(r.sensor(), k -> new ArrayList<>()).add(r);
        return m;
    }

    static List<Reading> decodeChecked(List<ConsumerRecord<String, byte[]>> records, Format format) {
        List<Reading> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> rec : records) {
            assertThat(Format.detect(rec.value())).isEqualTo(format);
            Reading r = ReadingCodec.of(format).decode(rec.value());
            assertThat(rec.key()).isEqualTo(r.sensor());
            out.add(r);
        }
        return out;
    }

    private static CliRun replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-server", kafka.bootstrap(), "--connect-timeout", "30s"));
        return CliRun.of(all.toArray(String[]::new));
    }

    private void replaysTheFileExactly(Format format) throws IOException {
        String topic = "replay." + format.lower();
        kafka.createTopic(topic, 2);
        List<Reading> expected = readings(100);
        Path file = write(topic + ".csv", expected, -1);

        CliRun r = replay(file.toString(), "--topic", topic, "--format", format.lower());

        assertThat(r.exit()).as(r.err()).isZero();
        List<Reading> got = decodeChecked(kafka.readAll(topic, READ_TIMEOUT), format);
        assertThat(got).hasSize(300);
        // Partitions interleave sensors, but each sensor's readings keep the file's order.
        assertThat(bySensor(got)).containsOnlyKeys(SENSORS);
        bySensor(expected).forEach((sensor, rows) -> assertThat(bySensor(got).get(sensor)).as(sensor).isEqualTo(rows));
    }

    @Test
    void replaysEveryReadingAsJson() throws IOException {
        replaysTheFileExactly(Format.JSON);
    }

    @Test
    void replaysEveryReadingAsMsgpack() throws IOException {
        replaysTheFileExactly(Format.MSGPACK);
    }

    @Test
    void badRowStopsAfterDeliveringTheRowsBeforeIt() throws IOException {
        String topic = "replay.bad";
        kafka.createTopic(topic, 2);
        List<Reading> rows = readings(100);
        // Index 150 is file line 152 (line 1 is the header).
        Path file = write("bad.csv", rows, 150);

        CliRun r = replay(file.toString(), "--topic", topic);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("Error:"))).as(r.describe())
                .containsExactly("Error: " + file + ":152: column 'temperature': 'abc' is not a number");
        List<Reading> got = decodeChecked(kafka.readAll(topic, READ_TIMEOUT), Format.JSON);
        assertThat(got).hasSize(150);
        bySensor(rows.subList(0, 150)).forEach((sensor, expected) -> assertThat(bySensor(got).get(sensor)).isEqualTo(expected));
    }

    @Test
    void loopsWithShiftedTimeAndContinuingSeq() throws IOException {
        String topic = "replay.loop";
        kafka.createTopic(topic, 1);
        List<Reading> rows = readings(10);
        Path file = ReplayFiles.gzip(write("loop.csv", rows, -1), tmp);

        CliRun r = replay(file.toString(), "--topic", topic, "--max-loops", "3", "--format", "msgpack");

        assertThat(r.exit()).as(r.err()).isZero();
        List<Reading> got = decodeChecked(kafka.readAll(topic, READ_TIMEOUT), Format.MSGPACK);
        assertThat(got).hasSize(90);
        // Span 9 s plus 1 s interval: every pass is 10 s later, seq continues 0..29 per sensor.
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < rows.size(); i++) {
                Reading src = rows.get(i);
                assertThat(got.get(pass * rows.size() + i)).isEqualTo(
                        new Reading(src.sensor(), src.ts() + pass * 10_000L, src.seq() + pass * 10L, src.temperature()));
            }
        }
    }

    @Test
    void paceFollowsEventTimeDividedBySpeed() throws IOException {
        String topic = "replay.paced";
        kafka.createTopic(topic, 1);
        // 21 readings of one sensor over 20 s of event time: at --speed 10 that is 2 s of wall time.
        List<Reading> rows = new ArrayList<>();
        for (int i = 0; i <= 20; i++) rows.add(new Reading("s-01", T0 + i * 1000L, i, 20 + i));
        Path file = write("paced.csv", rows, -1);

        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        CliRun r = replay(file.toString(), "--topic", topic, "--speed", "10");
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;

        assertThat(r.exit()).as(r.err()).isZero();
        // Reading 20 is due 2 s after reading 0 is sent: a paced replay can be late on a busy machine, never early.
        assertThat(elapsedMillis).isBetween(2_000L, 20_000L);
        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, READ_TIMEOUT);
        assertThat(decodeChecked(records, Format.JSON)).isEqualTo(rows);
        // The record timestamp is the send time. The first send also waits for topic metadata, so the
        // spread is measured from the second: readings went out over the 2 s, not in a burst.
        List<Long> sendTimes = records.stream().map(ConsumerRecord::timestamp).toList();
        assertThat(sendTimes.get(20) - sendTimes.get(1)).as("send times %s", sendTimes).isGreaterThanOrEqualTo(1_500L);
        assertThat(sendTimes.get(0)).isBetween(startMillis, System.currentTimeMillis());
    }

    /** The student's own file with ISO times replays with no --time-format, and says once how it read them. */
    @Test
    void isoTimesReplayWithoutTimeFormatAndTheChoiceIsPrintedOnce() {
        String topic = "replay.auto";
        kafka.createTopic(topic, 1);
        streamlab.drills.Cli.Run r = streamlab.drills.Cli.run("replay", ReplayFiles.resource("room-iso.csv").toString(),
                "--sensor", "room-1", "--time-col", "timestamp", "--value-col", "temp_c", "--topic", topic,
                "--bootstrap-server", kafka.bootstrap(), "--connect-timeout", "30s");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("--time-format auto"))).singleElement().isEqualTo(
                "replay: column 'timestamp' read as an ISO-8601 time (--time-format auto, from '2024-05-01T00:00:00Z')");
        assertThat(decodeChecked(kafka.readAll(topic, READ_TIMEOUT), Format.JSON)).extracting(Reading::ts).containsExactly(
                T0, T0 + 30_250, T0 + 60_000, T0 + 90_000);
    }

    /** --skip-bad drops nothing silently: the summary says how many and where, the file holds them, --max-bad bounds them. */
    @Test
    void skippedRowsGoToAFileTheSummaryNamesAndTooManyFailTheRun() throws IOException {
        kafka.createTopic("replay.skip", 1);
        kafka.createTopic("replay.maxbad", 1);
        List<Reading> rows = readings(20);
        StringBuilder csv = new StringBuilder("sensor,ts,seq,temperature\n");
        for (int i = 0; i < rows.size(); i++) {
            Reading r = rows.get(i);
            boolean bad = i % 10 == 4; // 6 bad rows: file lines 6, 16, 26, 36, 46, 56
            csv.append(r.sensor()).append(',').append(r.ts()).append(',').append(r.seq()).append(',')
                    .append(bad ? "n/a" : Double.toString(r.temperature())).append('\n');
        }
        Path file = tmp.resolve("six-bad.csv");
        Files.writeString(file, csv);
        Path badFile = tmp.resolve("out/six-bad.rows.csv");

        streamlab.drills.Cli.Run ok = streamlab.drills.Cli.run("replay", file.toString(), "--topic", "replay.skip",
                "--skip-bad", "--bad-rows", badFile.toString(), "--bootstrap-server", kafka.bootstrap());
        assertThat(ok.exit()).as(ok.describe()).isZero();
        assertThat(ok.err()).contains("replay: done: 54 records (54 acked, 0 failed)")
                .contains("replay: skipped 6 bad rows (lines 6, 16, 26, 36, 46, ...; first: " + file
                        + ":6: column 'temperature': 'n/a' is not a number); rows written to " + badFile);
        List<String> written = Files.readAllLines(badFile);
        assertThat(written).hasSize(7).first().isEqualTo("line,problem,sensor,ts,seq,temperature");
        assertThat(written.subList(1, 7)).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("6", "16", "26", "36", "46", "56");
        assertThat(written.get(6)).isEqualTo("56,column 'temperature': 'n/a' is not a number,"
                + rows.get(54).sensor() + "," + rows.get(54).ts() + "," + rows.get(54).seq() + ",n/a");
        assertThat(kafka.readAll("replay.skip", READ_TIMEOUT)).hasSize(54);

        streamlab.drills.Cli.Run tooMany = streamlab.drills.Cli.run("replay", file.toString(), "--topic", "replay.maxbad",
                "--max-bad", "2", "--bad-rows", badFile.toString(), "--bootstrap-server", kafka.bootstrap());
        assertThat(tooMany.exit()).as(tooMany.describe()).isEqualTo(1);
        assertThat(tooMany.err().lines().filter(l -> l.startsWith("Error"))).singleElement().isEqualTo("Error: " + file
                + ": more than 2 rows are not readings (--max-bad 2), stopped at line 26; the skipped rows are in " + badFile
                + "; first: " + file + ":6: column 'temperature': 'n/a' is not a number");
        assertThat(tooMany.err()).contains("replay: done: 22 records (22 acked, 0 failed)").doesNotContain("\tat ");
        assertThat(Files.readAllLines(badFile)).hasSize(4);
        assertThat(kafka.readAll("replay.maxbad", READ_TIMEOUT)).hasSize(22);
    }
}
