package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
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

/** The window arithmetic of the report, on batch Datasets through the same builders the stream uses. */
class WindowQueryTest {
    static final long T0 = 1_700_000_000_000L; // not a window boundary of 1 min: 1_700_000_000_000 % 60_000 = 20_000
    static SparkSession spark;

    @BeforeAll
    static void up() {
        spark = SparkTests.start();
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
    }

    static Map<String, WindowResult> run(List<byte[]> values, InputFormat format, WindowSpec spec) {
        ReadingDecoder.Decoded d = ReadingDecoder.decode(SparkTests.kafkaRows(spark, values), format, Duration.ofMinutes(5));
        return collect(WindowQuery.build(d.readings(), spec));
    }

    static Map<String, WindowResult> collect(Dataset<Row> results) {
        Map<String, WindowResult> out = new TreeMap<>();
        for (Row r : results.collectAsList()) {
            WindowResult w = ReportEncoder.toResult(r);
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
    void reportRecordsAreKeyedBySensorAndWindowAndDecodeWithTheSharedCodec(Format format) {
        List<Reading> readings = TestReadings.generate(5, 3, 100, T0, 2_000);
        ReadingDecoder.Decoded d = ReadingDecoder.decode(
                SparkTests.kafkaRows(spark, TestReadings.encode(readings, Format.JSON)), InputFormat.JSON, Duration.ofMinutes(5));
        Dataset<Row> results = WindowQuery.build(d.readings(), new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO));
        Map<String, WindowResult> direct = collect(results);

        List<Row> encoded = ReportEncoder.encode(results, format).collectAsList();

        assertThat(encoded).hasSize(direct.size());
        long before = System.currentTimeMillis() - 600_000;
        for (Row r : encoded) {
            byte[] value = r.get(1) instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : (byte[]) r.get(1);
            assertThat(Format.detect(value)).isEqualTo(format);
            WindowResult w = WindowResultCodec.decode(value);
            assertThat(r.getString(0)).isEqualTo(w.sensor() + "|" + w.windowStart());
            WindowResult same = direct.get(w.key());
            assertThat(w).usingRecursiveComparison().ignoringFields("emittedAt").isEqualTo(same);
            assertThat(w.emittedAt()).isGreaterThan(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aStatisticThatOverflowsADoubleStillDecodes(Format format) {
        // Two readings near the top of the double range: their sum overflows, so avg and stddev are not finite.
        List<Reading> readings = List.of(new Reading("huge", T0, 0, 1e308), new Reading("huge", T0 + 1_000, 1, 1e308),
                new Reading("fine", T0, 0, 20.0));
        ReadingDecoder.Decoded d = ReadingDecoder.decode(
                SparkTests.kafkaRows(spark, TestReadings.encode(readings, Format.MSGPACK)), InputFormat.MSGPACK, Duration.ofMinutes(5));
        Dataset<Row> results = WindowQuery.build(d.readings(), new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO));

        Map<String, WindowResult> decoded = new TreeMap<>();
        for (Row r : ReportEncoder.encode(results, format).collectAsList()) {
            byte[] value = r.get(1) instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : (byte[]) r.get(1);
            WindowResult w = WindowResultCodec.decode(value);
            decoded.put(w.sensor(), w);
        }
        assertThat(decoded).containsOnlyKeys("huge", "fine");
        assertThat(decoded.get("huge").count()).isEqualTo(2);
        assertThat(decoded.get("huge").max()).isEqualTo(1e308);
        assertThat(Double.isFinite(decoded.get("huge").avg())).isFalse();
        assertThat(decoded.get("fine").avg()).isEqualTo(20.0);
    }
}
