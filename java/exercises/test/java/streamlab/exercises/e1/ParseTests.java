package streamlab.exercises.e1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static streamlab.exercises.testing.StreamScenario.json;
import static streamlab.exercises.testing.StreamScenario.reading;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import streamlab.codec.MsgpackReadingCodec;
import streamlab.codec.Reading;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.ParseQuery;
import streamlab.exercises.testing.ExerciseResults;
import streamlab.exercises.testing.StreamScenario;
import streamlab.exercises.testing.Step;

/**
 * What exercise 1's query must do, with literal expectations: which records (by offset) are valid readings and
 * with which fields, which get a reason. {@link ParseExerciseTest} runs these on your class; the kit's suite runs
 * them on the reference solution too. The wording of a reason is yours: the tests only check that there is one.
 */
@ExtendWith(ExerciseResults.class)
public abstract class ParseTests {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    /** 2024-01-01T00:01:00Z, in the records written by hand below. */
    private static final long T = 1_704_067_260_000L;

    /** The query under test. */
    protected abstract ParseQuery job();

    @Test
    void jsonReadingsAreParsedWithTheirFields() {
        try (StreamScenario s = StreamScenario.records(job(), ExerciseSettings.DEFAULTS)) {
            s.addRecords(json(reading("sensor-1", "00:00:10", 0, 20.5)), json(reading("sensor-2", "00:00:12", 3, -4.25)),
                    // A whole number is a temperature too.
                    "{\"sensor\":\"sensor-3\",\"ts\":" + T + ",\"seq\":1,\"temperature\":19}");
            Step step = s.process();
            assertEquals(List.of(), refused(step), "offsets of the records with a reason");
            assertEquals(List.of(
                    "0 | sensor-1 | 00:00:10 | 0 | 20.5",
                    "1 | sensor-2 | 00:00:12 | 3 | -4.25",
                    "2 | sensor-3 | 00:01:00 | 1 | 19.0"), accepted(step), "offset | sensor | ts | seq | temperature");
        }
    }

    @Test
    void recordsThatAreNotValidReadingsGetAReasonAndKeepTheirBytes() {
        try (StreamScenario s = StreamScenario.records(job(), ExerciseSettings.DEFAULTS)) {
            s.addRecords(
                    "not json at all",                                                          // 0
                    "{\"sensor\":\"\",\"ts\":" + T + ",\"seq\":1,\"temperature\":20.0}",         // 1 empty sensor
                    "{\"sensor\":\"sensor-1\",\"seq\":2,\"temperature\":20.0}",                  // 2 no ts
                    "{\"sensor\":\"sensor-1\",\"ts\":" + T + ",\"seq\":-1,\"temperature\":20.0}", // 3 negative seq
                    "{\"sensor\":\"sensor-1\",\"ts\":" + T + ",\"seq\":4,\"temperature\":\"warm\"}", // 4 not a number
                    "{\"sensor\":\"sensor-1\",\"ts\":" + T + ",\"seq\":5,\"temperature\":NaN}",   // 5 not finite
                    "{\"sensor\":\"sensor-1\",\"ts\":" + T + ",\"seq\":6,\"temperature\":1e999}", // 6 infinite
                    "{\"sensor\":\"sensor-1\",\"ts\":" + T + ",\"seq\":7,\"temperature\":21.0}",  // 7 valid
                    "");                                                                        // 8 empty record
            s.addRecords(java.util.Collections.singletonList(null));                    // 9 no value at all (a tombstone)
            Step step = s.process();
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L), refused(step), "offsets of the records with a reason");
            assertEquals(List.of("7 | sensor-1 | 00:01:00 | 7 | 21.0"), accepted(step), "offset | sensor | ts | seq | temperature");
            // The dead-letter topic gets the record as it came: key and value untouched.
            Row first = byOffset(step, 0);
            assertEquals("not json at all", new String((byte[]) first.getAs("value"), StandardCharsets.UTF_8), "value of offset 0");
            assertEquals("k0", new String((byte[]) first.getAs("key"), StandardCharsets.UTF_8), "key of offset 0");
        }
    }

    @Test
    void msgpackReadingsAreDecodedWithTheKitsCodec() {
        byte[] good = MsgpackReadingCodec.INSTANCE.encode(reading("sensor-4", "00:02:00", 8, 18.75));
        byte[] negativeSeq = MsgpackReadingCodec.INSTANCE.encode(new Reading("sensor-4", T, -3, 18.0));
        try (StreamScenario s = StreamScenario.records(job(), ExerciseSettings.DEFAULTS)) {
            s.addRecords(List.of(
                    good,                                                                       // 0 msgpack
                    json(reading("sensor-5", "00:02:01", 2, 30.0)).getBytes(StandardCharsets.UTF_8), // 1 JSON
                    Arrays.copyOf(good, good.length - 4),                                       // 2 truncated msgpack
                    negativeSeq));                                                              // 3 msgpack, seq -3
            Step step = s.process();
            assertEquals(List.of(2L, 3L), refused(step), "offsets of the records with a reason");
            assertEquals(List.of(
                    "0 | sensor-4 | 00:02:00 | 8 | 18.75",
                    "1 | sensor-5 | 00:02:01 | 2 | 30.0"), accepted(step), "offset | sensor | ts | seq | temperature");
        }
    }

    @Test
    void readingsTooFarAheadOfTheWallClockGetAReason() {
        ExerciseSettings tenMinutes = new ExerciseSettings(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(10));
        long now = System.currentTimeMillis();
        try (StreamScenario s = StreamScenario.records(job(), tenMinutes)) {
            s.addRecords(
                    json(new Reading("sensor-1", now + 60_000, 0, 20.0)),        // 0: a minute ahead, a clock slightly off
                    json(new Reading("sensor-1", now + 7 * 60_000, 1, 20.0)),    // 1: 7 min, within settings.maxFuture()
                    json(new Reading("sensor-1", now + 20 * 60_000, 2, 20.0)),   // 2: 20 min ahead
                    json(new Reading("sensor-1", now + 86_400_000L, 3, 20.0)),   // 3: a day ahead
                    json(new Reading("sensor-1", now - 86_400_000L, 4, 20.0)));  // 4: a day old: late maybe, but valid
            assertEquals(List.of(2L, 3L), refused(s.process()), "offsets of the records with a reason (max-future 10 minutes)");
        }
    }

    /** Offsets of the rows with a reason, in order; every reason must say something. */
    private static List<Long> refused(Step step) {
        List<Long> offsets = new ArrayList<>();
        for (Row r : step.rows()) {
            String reason = r.getAs("reason");
            if (reason == null) continue;
            assertFalse(reason.isBlank(), "the reason of offset " + r.getAs("offset") + " is blank: say why");
            offsets.add(((Number) r.getAs("offset")).longValue());
        }
        offsets.sort(null);
        return offsets;
    }

    /** The rows without a reason, {@code offset | sensor | ts | seq | temperature}, ts as HH:mm:ss, by offset. */
    private static List<String> accepted(Step step) {
        List<Row> rows = new ArrayList<>(step.rows());
        rows.sort((a, b) -> Long.compare(((Number) a.getAs("offset")).longValue(), ((Number) b.getAs("offset")).longValue()));
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.getAs("reason") != null) continue;
            out.add(((Number) r.getAs("offset")).longValue() + " | " + r.getAs("sensor") + " | "
                    + TIME.format(Instant.ofEpochMilli(((Number) r.getAs("ts")).longValue())) + " | "
                    + ((Number) r.getAs("seq")).longValue() + " | " + ((Number) r.getAs("temperature")).doubleValue());
        }
        return out;
    }

    private static Row byOffset(Step step, long offset) {
        for (Row r : step.rows()) if (((Number) r.getAs("offset")).longValue() == offset) return r;
        throw new AssertionError("no row for offset " + offset + ": return every record, the refused ones too");
    }
}
