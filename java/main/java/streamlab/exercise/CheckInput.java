package streamlab.exercise;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import streamlab.codec.JsonReadingCodec;
import streamlab.codec.MsgpackReadingCodec;
import streamlab.codec.Reading;

/**
 * The seeded input of {@code exercise check}: what a real stream does to a windowed job, small enough to
 * read in a table. Three sensors, one reading every 5 s for 8 minutes of event time from
 * 2024-01-01T00:00:00Z, and a fourth for one minute, in arrival order:
 * <ul>
 *   <li>out of order: within each 30 s of event time the readings arrive shuffled (later than the watermark
 *       allows? never: they must all count);</li>
 *   <li>late: two readings of 00:02:10 arrive after the readings of 00:06:00-00:06:30, and one of 00:04:10
 *       after those of 00:07:00-00:07:30, minutes of event time (many micro-batches) after the watermark (30 s
 *       by default) closed their windows: a job with the watermark it was given drops them, whatever the batch
 *       boundaries;</li>
 *   <li>silences (exercise 5): sensor-3 sends nothing from 00:03:00 to 00:05:55 and then resumes; sensor-4 sends
 *       only in the first minute and never again, so its silence can only be raised by an event-time timeout,
 *       never by a reading that ends the gap;</li>
 *   <li>records that are not valid readings: not JSON, an empty sensor id, a negative seq, a temperature that
 *       is not a number, and one reading a day ahead of the wall clock;</li>
 *   <li>one valid reading in msgpack (the kit reads both formats).</li>
 * </ul>
 */
public final class CheckInput {
    public static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final int SENSORS = 3;
    static final long STEP_MS = 5_000;
    static final long SPAN_MS = 8 * 60_000;

    /** A Kafka record: key, value, and the partition it goes to (readings by sensor). */
    public record Record(byte[] key, byte[] value, int partition) {}

    private CheckInput() {}

    public static List<Record> generate(long seed) {
        Random random = new Random(seed);
        List<Reading> inOrder = new ArrayList<>();
        long[] seq = new long[SENSORS + 1];
        for (long t = 0; t < SPAN_MS; t += STEP_MS) {
            for (int s = 1; s <= SENSORS; s++) {
                if (s == 3 && t >= 180_000 && t < 360_000) continue; // the silence
                double temp = Math.round((18 + 3 * s + random.nextGaussian() * 0.4) * 100) / 100.0;
                inOrder.add(new Reading("sensor-" + s, START + t, seq[s]++, temp));
            }
        }
        // sensor-4: one minute, then silent to the end; its own random numbers leave the others' readings as they were.
        Random quiet = new Random(seed + 4);
        for (long t = 0; t < 60_000; t += STEP_MS) {
            inOrder.add(new Reading("sensor-4", START + t, t / STEP_MS, Math.round((30 + quiet.nextGaussian() * 0.4) * 100) / 100.0));
        }
        inOrder.sort(java.util.Comparator.comparingLong(Reading::ts));
        List<Reading> late = new ArrayList<>();
        List<Reading> arrival = new ArrayList<>();
        for (Reading r : inOrder) {
            long t = r.ts() - START;
            // Not sensor-3, whose silence exercise 5 is about.
            if ((t == 130_000 && !r.sensor().equals("sensor-3")) || (t == 250_000 && r.sensor().equals("sensor-1"))) late.add(r);
        }
        // Shuffle within each 30 s block of event time: out of order, never beyond the watermark.
        List<Reading> block = new ArrayList<>();
        long blockStart = 0;
        for (Reading r : inOrder) {
            if (late.contains(r)) continue;
            long t = r.ts() - START;
            if (t >= blockStart + 30_000) {
                flush(block, arrival, random);
                blockStart = t - t % 30_000;
                insertLate(late, arrival, blockStart);
            }
            block.add(r);
        }
        flush(block, arrival, random);

        List<Record> out = new ArrayList<>();
        Reading msgpackOne = arrival.get(arrival.size() / 2);
        for (Reading r : arrival) {
            byte[] v = r == msgpackOne ? MsgpackReadingCodec.INSTANCE.encode(r) : JsonReadingCodec.INSTANCE.encode(r);
            out.add(record(r.sensor(), v));
            if (out.size() == 40) out.add(record("sensor-1", "not json at all"));
            if (out.size() == 90) out.add(record("", "{\"sensor\":\"\",\"ts\":" + (START + 60_000) + ",\"seq\":7,\"temperature\":20.5}"));
            if (out.size() == 140) out.add(record("sensor-2", "{\"sensor\":\"sensor-2\",\"ts\":" + (START + 90_000) + ",\"seq\":-1,\"temperature\":20.5}"));
            if (out.size() == 190) out.add(record("sensor-1", "{\"sensor\":\"sensor-1\",\"ts\":" + (START + 100_000) + ",\"seq\":3,\"temperature\":\"warm\"}"));
        }
        long dayAhead = System.currentTimeMillis() + 86_400_000L;
        out.add(record("sensor-2", "{\"sensor\":\"sensor-2\",\"ts\":" + dayAhead + ",\"seq\":999,\"temperature\":21.0}"));
        return out;
    }

    /** The readings that arrive once the watermark has passed their window go in after this block starts. */
    private static void insertLate(List<Reading> late, List<Reading> arrival, long blockStart) {
        for (Reading r : late) {
            long t = r.ts() - START;
            long after = t == 130_000 ? 360_000 : 420_000;
            if (blockStart == after + 30_000) arrival.add(r);
        }
    }

    private static void flush(List<Reading> block, List<Reading> arrival, Random random) {
        Collections.shuffle(block, random);
        arrival.addAll(block);
        block.clear();
    }

    private static Record record(String sensor, byte[] value) {
        return new Record(sensor.getBytes(StandardCharsets.UTF_8), value, Math.floorMod(sensor.hashCode(), 2));
    }

    private static Record record(String sensor, String value) {
        return record(sensor, value.getBytes(StandardCharsets.UTF_8));
    }
}
