package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.process.alerts.AlertOptions;
import streamlab.testkit.LocalSpark;

/**
 * The job's transformation on batch Datasets, through the same builder the stream uses ({@link Pipeline}):
 * the window arithmetic of the report, the records it writes and where. In a batch every window is final
 * at the end, so all of them come out.
 */
class PipelineTest {
    static final long T0 = 1_700_000_000_000L; // not a window boundary of 1 min: 1_700_000_000_000 % 60_000 = 20_000
    static SparkSession spark;

    @BeforeAll
    static void up() {
        spark = LocalSpark.start("PipelineTest");
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
    }

    static Map<String, WindowResult> run(List<byte[]> values, InputFormat format, WindowSpec spec) {
        return run(spark, values, format, spec);
    }

    static Map<String, WindowResult> run(SparkSession session, List<byte[]> values, InputFormat format, WindowSpec spec) {
        return windows(Pipeline.build(SparkTests.kafkaRows(session, values), options(format, spec, Format.JSON), null).collectAsList());
    }

    static PipelineOptions options(InputFormat format, WindowSpec spec, Format report) {
        return options(format, JsonParser.FROM_JSON, spec, report);
    }

    static PipelineOptions options(InputFormat format, JsonParser parser, WindowSpec spec, Format report) {
        return new PipelineOptions(format, parser, report, spec, EmitMode.APPEND, Duration.ofMinutes(5),
                AlertOptions.defaults(spec.window(), spec.watermark()), "in", "report", "alerts", "dlq", null);
    }

    /** The Kafka records the job would write: topic, key, value, headers. */
    static List<Row> records(List<byte[]> values, InputFormat format, WindowSpec spec, Format report) {
        return Pipeline.build(SparkTests.kafkaRows(spark, values), options(format, spec, report), null).collectAsList();
    }

    static Map<String, WindowResult> windows(List<Row> records) {
        Map<String, WindowResult> out = new TreeMap<>();
        for (Row r : records) {
            if (!r.getString(0).equals("report")) continue;
            WindowResult w = WindowResultCodec.decode((byte[]) r.get(2));
            assertThat(new String((byte[]) r.get(1), StandardCharsets.UTF_8)).isEqualTo(w.key());
            assertThat(out.put(w.key(), w)).as("window %s twice", w.key()).isNull();
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void tumblingWindowsMatchAnIndependentComputation(Format format) {
        List<Reading> readings = TestReadings.generate(7, 5, 400, T0, 1_000);
        WindowSpec spec = new WindowSpec(Duration.ofMinutes(1), null, Duration.ofSeconds(30));

        Map<String, WindowResult> actual = run(TestReadings.encode(readings, format), InputFormat.valueOf(format.name()), spec);

        Map<String, WindowResult> expected = ExpectedWindows.of(readings, 60_000, 60_000);
        assertThat(expected).hasSizeGreaterThan(5 * 6);
        assertThat(expected.values()).anyMatch(w -> w.seqGaps() > 0);
        ExpectedWindows.assertMatches(actual, expected);
    }

    @ParameterizedTest
    @EnumSource(InputFormat.class)
    void theJacksonParserGivesTheSameWindows(InputFormat format) {
        List<Reading> readings = TestReadings.generate(8, 4, 300, T0, 1_000);
        List<byte[]> values = new ArrayList<>();
        List<byte[]> json = TestReadings.encode(readings, Format.JSON);
        List<byte[]> msgpack = TestReadings.encode(readings, Format.MSGPACK);
        for (int i = 0; i < readings.size(); i++) {
            values.add(format == InputFormat.MSGPACK || (format == InputFormat.AUTO && i % 2 == 0) ? msgpack.get(i) : json.get(i));
        }
        WindowSpec spec = new WindowSpec(Duration.ofMinutes(1), null, Duration.ofSeconds(30));

        Map<String, WindowResult> actual = windows(Pipeline.build(SparkTests.kafkaRows(spark, values),
                options(format, JsonParser.JACKSON, spec, Format.JSON), null).collectAsList());

        ExpectedWindows.assertMatches(actual, ExpectedWindows.of(readings, 60_000, 60_000));
    }

    @Test
    void theSensorKeysEncoderIsTheOneSparkGivesForStrings() {
        // The same encoder, so the same state schema: checkpoints written before keep working.
        assertThat(Pipeline.SENSOR_ID).isEqualTo(org.apache.spark.sql.Encoders.STRING());
        assertThat(Pipeline.SENSOR_ID.schema()).isEqualTo(org.apache.spark.sql.Encoders.STRING().schema());
    }

    @Test
    void autoDecodesAMixOfJsonAndMsgpackReadings() {
        List<Reading> readings = TestReadings.generate(11, 3, 300, T0, 700);
        List<byte[]> values = new ArrayList<>();
        List<byte[]> json = TestReadings.encode(readings, Format.JSON);
        List<byte[]> msgpack = TestReadings.encode(readings, Format.MSGPACK);
        for (int i = 0; i < readings.size(); i++) values.add(i % 3 == 0 ? json.get(i) : msgpack.get(i));
        WindowSpec spec = new WindowSpec(Duration.ofSeconds(20), null, Duration.ofSeconds(5));

        Map<String, WindowResult> actual = run(values, InputFormat.AUTO, spec);

        ExpectedWindows.assertMatches(actual, ExpectedWindows.of(readings, 20_000, 20_000));
    }

    @Test
    void slidingWindowsHoldEveryReadingOncePerOverlappingWindow() {
        List<Reading> readings = TestReadings.generate(3, 4, 200, T0, 1_500);
        WindowSpec spec = new WindowSpec(Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofSeconds(30));

        Map<String, WindowResult> actual = run(TestReadings.encode(readings, Format.JSON), InputFormat.JSON, spec);

        Map<String, WindowResult> expected = ExpectedWindows.of(readings, 60_000, 20_000);
        ExpectedWindows.assertMatches(actual, expected);
        long total = actual.values().stream().mapToLong(WindowResult::count).sum();
        assertThat(total).isEqualTo(3L * readings.size());
    }

    @Test
    void stddevIsThePopulationStddevAndZeroForOneReading() {
        List<Reading> readings = List.of(
                new Reading("a", T0, 0, 10.0), new Reading("a", T0 + 1, 1, 14.0), // population: 2, sample: 2.83
                new Reading("b", T0, 5, 21.5));
        Map<String, WindowResult> actual = run(TestReadings.encode(readings, Format.MSGPACK), InputFormat.MSGPACK,
                new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO));

        long start = Math.floorDiv(T0, 60_000L) * 60_000L;
        assertThat(actual.get(WindowResult.key("a", start)).stddev()).isEqualTo(2.0);
        assertThat(actual.get(WindowResult.key("b", start)).stddev()).isEqualTo(0.0);
        assertThat(actual.get(WindowResult.key("b", start)).seqGaps()).isZero();
    }

    @Test
    void seqGapsCountMissingReadingsInsideTheWindowButNeverGoNegative() {
        List<Reading> readings = List.of(
                new Reading("a", T0, 3, 1), new Reading("a", T0 + 1, 7, 1), // 4, 5, 6 missing
                new Reading("d", T0, 2, 1), new Reading("d", T0 + 1, 2, 1), new Reading("d", T0 + 2, 3, 1)); // duplicate
        Map<String, WindowResult> actual = run(TestReadings.encode(readings, Format.JSON), InputFormat.JSON,
                new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO));

        long start = Math.floorDiv(T0, 60_000L) * 60_000L;
        assertThat(actual.get(WindowResult.key("a", start)).seqGaps()).isEqualTo(3);
        assertThat(actual.get(WindowResult.key("d", start)).seqGaps()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void reportRecordsAreKeyedBySensorAndWindowInTheAskedFormat(Format format) {
        List<Reading> readings = TestReadings.generate(5, 3, 100, T0, 2_000);
        long before = System.currentTimeMillis() - 600_000;

        List<Row> records = records(TestReadings.encode(readings, Format.JSON), InputFormat.JSON,
                new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO), format);

        List<Row> report = records.stream().filter(r -> r.getString(0).equals("report")).toList();
        assertThat(report).hasSize(ExpectedWindows.of(readings, 60_000, 60_000).size());
        for (Row r : report) {
            byte[] value = (byte[]) r.get(2);
            assertThat(Format.detect(value)).isEqualTo(format);
            WindowResult w = WindowResultCodec.decode(value);
            assertThat(new String((byte[]) r.get(1), StandardCharsets.UTF_8)).isEqualTo(w.sensor() + "|" + w.windowStart());
            assertThat(w.emittedAt()).isGreaterThan(before);
            assertThat(r.isNullAt(3)).as("no headers on results").isTrue();
        }
        ExpectedWindows.assertMatches(windows(records), ExpectedWindows.of(readings, 60_000, 60_000));
    }

    @Test
    void rejectsGoToTheDeadLetterTopicWithReasonAndSourceHeaders() {
        List<Reading> readings = TestReadings.generate(2, 2, 50, T0, 1_000);
        List<byte[]> values = new ArrayList<>(TestReadings.encode(readings, Format.JSON));
        byte[] bad = "{\"sensor\":\"x\",\"ts\":\"soon\"}".getBytes(StandardCharsets.UTF_8);
        values.add(7, bad);

        List<Row> records = records(values, InputFormat.JSON, new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO), Format.JSON);

        List<Row> dlq = records.stream().filter(r -> r.getString(0).equals("dlq")).toList();
        assertThat(dlq).hasSize(1);
        assertThat((byte[]) dlq.get(0).get(2)).isEqualTo(bad);
        assertThat((byte[]) dlq.get(0).get(1)).isEqualTo("k7".getBytes());
        List<Row> headers = dlq.get(0).getList(3);
        assertThat(headers).extracting(h -> h.getString(0)).containsExactly(DeadLetters.REASON_HEADER, DeadLetters.SOURCE_HEADER);
        assertThat(new String((byte[]) headers.get(0).get(1), StandardCharsets.UTF_8)).isNotBlank();
        assertThat(new String((byte[]) headers.get(1).get(1), StandardCharsets.UTF_8)).isEqualTo("in-0@7");
        ExpectedWindows.assertMatches(windows(records), ExpectedWindows.of(readings, 60_000, 60_000));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aStatisticThatOverflowsADoubleStillDecodes(Format format) {
        // Two readings near the top of the double range: their sum overflows, so avg and stddev are not finite.
        List<Reading> readings = List.of(new Reading("huge", T0, 0, 1e308), new Reading("huge", T0 + 1_000, 1, 1e308),
                new Reading("fine", T0, 0, 20.0));
        Map<String, WindowResult> decoded = new TreeMap<>();
        for (WindowResult w : windows(records(TestReadings.encode(readings, Format.MSGPACK), InputFormat.MSGPACK,
                new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO), format)).values()) {
            decoded.put(w.sensor(), w);
        }
        assertThat(decoded).containsOnlyKeys("huge", "fine");
        assertThat(decoded.get("huge").count()).isEqualTo(2);
        assertThat(decoded.get("huge").max()).isEqualTo(1e308);
        assertThat(Double.isFinite(decoded.get("huge").avg())).isFalse();
        assertThat(decoded.get("fine").avg()).isEqualTo(20.0);
    }
}
