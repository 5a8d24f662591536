package streamlab.process;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import streamlab.codec.Format;
import streamlab.codec.MsgpackReadingCodec;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.testkit.LocalSpark;

/** Every kind of bad record gets its reason and its original bytes, and good windows do not notice. */
class ReadingDecoderTest {
    static final long T0 = 1_700_000_000_000L;
    static SparkSession spark;

    @BeforeAll
    static void up() {
        spark = LocalSpark.start("ReadingDecoderTest");
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
    }

    record Bad(String what, byte[] value, String reason) {}

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String json(String sensor, Object ts, Object seq, Object temperature) {
        return "{\"sensor\":" + sensor + ",\"ts\":" + ts + ",\"seq\":" + seq + ",\"temperature\":" + temperature + "}";
    }

    static byte[] msgpack(Object... fields) throws Exception {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(fields.length);
            for (Object f : fields) {
                if (f instanceof String s) p.packString(s);
                else if (f instanceof Long l) p.packLong(l);
                else p.packDouble((Double) f);
            }
            return p.toByteArray();
        }
    }

    static List<Bad> badJson() {
        long future = System.currentTimeMillis() + 3_600_000;
        return List.of(
                new Bad("not JSON", utf8("{hello"), "invalid JSON"),
                new Bad("truncated", utf8("{\"sensor\":\"a\",\"ts\":" + T0), "truncated JSON"),
                new Bad("missing temperature", utf8("{\"sensor\":\"a\",\"ts\":" + T0 + ",\"seq\":1}"), "missing field 'temperature'"),
                new Bad("missing sensor", utf8("{\"ts\":" + T0 + ",\"seq\":1,\"temperature\":1.5}"), "missing field 'sensor'"),
                new Bad("ts a string", utf8(json("\"a\"", "\"x\"", 1, 1.5)), "field 'ts' is not an integer (VALUE_STRING)"),
                new Bad("seq a float", utf8(json("\"a\"", T0, 1.5, 1.5)), "field 'seq' is not an integer (VALUE_NUMBER_FLOAT)"),
                new Bad("temperature a word", utf8(json("\"a\"", T0, 1, "\"warm\"")), "field 'temperature' is not a number (VALUE_STRING)"),
                new Bad("empty sensor", utf8(json("\"\"", T0, 1, 1.5)), "empty sensor id"),
                new Bad("negative seq", utf8(json("\"a\"", T0, -1, 1.5)), "negative seq: -1"),
                new Bad("infinite temperature", utf8(json("\"a\"", T0, 1, "1e999")), "temperature is not finite: Infinity"),
                new Bad("NaN temperature", utf8(json("\"a\"", T0, 1, "NaN")), "invalid JSON"),
                new Bad("an array", utf8("[1,2]"), "JSON record is not an object"),
                new Bad("far future", utf8(json("\"a\"", future, 1, 1.5)), "event time is "),
                new Bad("year 10000", utf8(json("\"a\"", 253_402_300_800_000L, 1, 1.5)), "ts out of range"),
                new Bad("empty", new byte[0], "empty record"),
                new Bad("tombstone", null, "empty record"));
    }

    static List<Bad> badMsgpack() throws Exception {
        byte[] good = MsgpackReadingCodec.INSTANCE.encode(new Reading("a", T0, 1, 1.5));
        return List.of(
                new Bad("truncated after the sensor", Arrays.copyOf(good, 3), "truncated msgpack"),
                new Bad("three fields", msgpack("a", T0, 1L), "msgpack array has 3 fields, expected 4"),
                new Bad("NaN temperature", msgpack("a", T0, 1L, Double.NaN), "temperature is not finite: NaN"),
                new Bad("empty sensor", msgpack("", T0, 1L, 1.5), "empty sensor id"),
                new Bad("ts a string", msgpack("a", "soon", 1L, 1.5), "field 'ts' is not an integer (STRING)"),
                new Bad("a fixint", new byte[] {0x05}, "msgpack record is not an array"),
                new Bad("far future", msgpack("a", System.currentTimeMillis() + 600_000, 1L, 1.5), "event time is "));
    }

    /** The records the decoder rejects, with the Kafka columns and the reason. */
    static List<Row> rejects(List<byte[]> values, InputFormat format) {
        return ReadingDecoder.classify(SparkTests.kafkaRows(spark, values), format, Duration.ofMinutes(5))
                .filter(col(ReadingDecoder.REASON).isNotNull()).collectAsList();
    }

    /** Interleaves bad records into good ones; checks reasons, bytes and that windows equal the good-only ones. */
    static void check(InputFormat format, Format goodFormat, List<Bad> bad) {
        List<Reading> good = TestReadings.generate(1, 3, 60, T0, 2_000);
        List<byte[]> goodBytes = TestReadings.encode(good, goodFormat);
        List<byte[]> values = new ArrayList<>();
        Map<Long, Bad> badAt = new HashMap<>();
        for (int i = 0, b = 0; i < goodBytes.size(); i++) {
            values.add(goodBytes.get(i));
            if (i % 7 == 3 && b < bad.size()) {
                badAt.put((long) values.size(), bad.get(b++));
                values.add(bad.get(b - 1).value());
            }
        }
        assertThat(badAt).hasSize(bad.size());

        Map<Long, Row> rejects = new TreeMap<>();
        for (Row r : rejects(values, format)) rejects.put(r.getLong(r.fieldIndex("offset")), r);
        assertThat(rejects.keySet()).containsExactlyInAnyOrderElementsOf(badAt.keySet());
        badAt.forEach((offset, b) -> {
            Row r = rejects.get(offset);
            assertThat(r.getString(r.fieldIndex(ReadingDecoder.REASON))).as(b.what()).startsWith(b.reason());
            assertThat((byte[]) r.getAs("value")).as(b.what() + " value").isEqualTo(b.value());
            assertThat((byte[]) r.getAs("key")).as(b.what() + " key").isEqualTo(("k" + offset).getBytes());
        });
        Map<String, WindowResult> windows = PipelineTest.run(spark, values, format,
                new WindowSpec(Duration.ofMinutes(1), null, Duration.ofSeconds(30)));
        ExpectedWindows.assertMatches(windows, ExpectedWindows.of(good, 60_000, 60_000));
    }

    @Test
    void theMsgpackPathOfThePipelineRejectsTheSameRecordsWithTheSameReasons() throws Exception {
        // --format msgpack decodes in the job's packer, not in this decoder: both must agree record for record.
        List<Bad> bad = new ArrayList<>(badMsgpack());
        long now = System.currentTimeMillis();
        bad.add(new Bad("far future", msgpack("s", now + 3_600_000L, 1L, 20.0), "event time is "));
        bad.add(new Bad("year 10000", msgpack("s", 253_402_300_800_000L, 1L, 20.0), "ts out of range"));
        bad.add(new Bad("empty", new byte[0], "empty record"));
        List<byte[]> values = new ArrayList<>(TestReadings.encode(TestReadings.generate(4, 2, 20, 1_700_000_000_000L, 1_000), Format.MSGPACK));
        for (Bad b : bad) values.add(b.value());

        Map<Long, String> viaDecoder = new TreeMap<>();
        for (Row r : rejects(values, InputFormat.MSGPACK)) {
            viaDecoder.put(r.getLong(r.fieldIndex("offset")), r.getString(r.fieldIndex(ReadingDecoder.REASON)));
        }
        Map<Long, String> viaPipeline = new TreeMap<>();
        for (Row r : Pipeline.build(SparkTests.kafkaRows(spark, values), PipelineTest.options(InputFormat.MSGPACK,
                new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO), Format.JSON), null).collectAsList()) {
            if (!r.getString(0).equals("dlq")) continue;
            List<Row> headers = r.getList(3);
            String source = new String((byte[]) headers.get(1).get(1), StandardCharsets.UTF_8);
            viaPipeline.put(Long.parseLong(source.substring(source.indexOf('@') + 1)), new String((byte[]) headers.get(0).get(1),
                    StandardCharsets.UTF_8));
        }

        assertThat(viaDecoder).hasSize(bad.size());
        assertThat(viaPipeline.keySet()).isEqualTo(viaDecoder.keySet());
        viaDecoder.forEach((offset, reason) -> {
            if (reason.startsWith("event time is ")) {
                // ms ahead of each path's own clock: only the text around the figure is the same
                assertThat(viaPipeline.get(offset)).startsWith("event time is ").endsWith("(more than --max-future 5m)");
            } else {
                assertThat(viaPipeline.get(offset)).as("offset %d", offset).isEqualTo(reason);
            }
        });
    }

    @Test
    void theJacksonParserRejectsEveryBadJsonRecordWithTheCodecsReason() {
        List<Bad> bad = new ArrayList<>(badJson());
        List<byte[]> values = new ArrayList<>(TestReadings.encode(TestReadings.generate(6, 2, 20, 1_700_000_000_000L, 1_000), Format.JSON));
        int first = values.size();
        for (Bad b : bad) values.add(b.value());

        Map<Long, String> reasons = new TreeMap<>();
        for (Row r : Pipeline.build(SparkTests.kafkaRows(spark, values), PipelineTest.options(InputFormat.JSON, JsonParser.JACKSON,
                new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO), Format.JSON), null).collectAsList()) {
            if (!r.getString(0).equals("dlq")) continue;
            List<Row> headers = r.getList(3);
            String source = new String((byte[]) headers.get(1).get(1), StandardCharsets.UTF_8);
            reasons.put(Long.parseLong(source.substring(source.indexOf('@') + 1)),
                    new String((byte[]) headers.get(0).get(1), StandardCharsets.UTF_8));
        }

        assertThat(reasons).hasSize(bad.size());
        for (int i = 0; i < bad.size(); i++) {
            assertThat(reasons.get((long) first + i)).as(bad.get(i).what()).startsWith(bad.get(i).reason());
        }
    }

    @Test
    void malformedJsonGoesToRejectsWithTheCodecsReason() {
        check(InputFormat.JSON, Format.JSON, badJson());
    }

    @Test
    void malformedMsgpackGoesToRejectsWithTheCodecsReason() throws Exception {
        check(InputFormat.MSGPACK, Format.MSGPACK, badMsgpack());
    }

    @Test
    void autoRejectsBadRecordsOfBothFormats() throws Exception {
        List<Bad> bad = new ArrayList<>();
        // auto takes only '{' (after white space) for JSON: a JSON array is tried, and rejected, as msgpack
        for (Bad b : badJson()) {
            bad.add(b.what().equals("an array") ? new Bad(b.what(), b.value(), "msgpack record is not an array") : b);
        }
        bad.addAll(badMsgpack());
        check(InputFormat.AUTO, Format.MSGPACK, bad);
    }

    @Test
    void farFutureReasonSaysHowFarAheadAndNamesTheOption() {
        long ahead = 3_600_000;
        List<byte[]> values = List.of(utf8(json("\"a\"", System.currentTimeMillis() + ahead, 1, 1.5)));
        Row r = rejects(values, InputFormat.JSON).get(0);
        String reason = r.getAs(ReadingDecoder.REASON);
        assertThat(reason).endsWith(" ms ahead of the wall clock (more than --max-future 5m)");
        long ms = Long.parseLong(reason.substring("event time is ".length(), reason.indexOf(" ms")));
        assertThat(ms).isBetween(ahead - 120_000, ahead);
    }

    @Test
    void deadLettersCarryReasonAndSourceAsHeaders() {
        List<byte[]> values = List.of(utf8(json("\"\"", T0, 1, 1.5)));
        List<Row> dlq = Pipeline.build(SparkTests.kafkaRows(spark, values), PipelineTest.options(InputFormat.AUTO,
                new WindowSpec(Duration.ofMinutes(1), null, Duration.ZERO), Format.JSON), null).collectAsList();
        assertThat(dlq).hasSize(1);
        Row r = dlq.get(0);
        assertThat(r.getString(r.fieldIndex("topic"))).isEqualTo("dlq");
        assertThat((byte[]) r.getAs("key")).isEqualTo("k0".getBytes());
        assertThat((byte[]) r.getAs("value")).isEqualTo(values.get(0));
        List<Row> headers = r.getList(r.fieldIndex("headers"));
        assertThat(headers).hasSize(2);
        assertThat(headers.get(0).getString(0)).isEqualTo(DeadLetters.REASON_HEADER);
        assertThat(new String((byte[]) headers.get(0).get(1), StandardCharsets.UTF_8)).isEqualTo("empty sensor id");
        assertThat(headers.get(1).getString(0)).isEqualTo(DeadLetters.SOURCE_HEADER);
        assertThat(new String((byte[]) headers.get(1).get(1), StandardCharsets.UTF_8)).isEqualTo("in-0@0");
    }
}
