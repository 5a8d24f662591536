package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.process.ExpectedWindows;

/**
 * The drills' oracle for windows: the readings {@code produce --record} wrote (sensor,ts,seq,temperature, each
 * valid reading once) and the tumbling-window aggregates computed from them here, in plain Java and the obvious
 * way (windows aligned to the epoch, two-pass population stddev), never with the job's code.
 */
final class Recorded {
    private Recorded() {}

    /** The readings of a {@code --record} CSV, in file order. */
    static List<Reading> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).as("header of " + csv).isNotEmpty().first().isEqualTo("sensor,ts,seq,temperature");
        List<Reading> out = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).as(csv + ": " + line).hasSize(4);
            out.add(new Reading(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3])));
        }
        return out;
    }

    /**
     * The tumbling windows of {@code windowMs} that a final watermark of max(ts) - {@code watermarkMs} has closed
     * (the job emits a window in append mode once the watermark reaches its end). emitted_at is 0.
     */
    static Map<String, WindowResult> closedWindows(List<Reading> readings, long windowMs, long watermarkMs) {
        long watermark = readings.stream().mapToLong(Reading::ts).max().orElseThrow() - watermarkMs;
        Map<String, WindowResult> out = new TreeMap<>(ExpectedWindows.of(readings, windowMs, windowMs));
        out.values().removeIf(w -> w.windowEnd() > watermark);
        return out;
    }

    /**
     * Checks a report topic against the expected windows: every expected window is there, nothing else is, and
     * every record of a window (the sink is at-least-once: a batch replayed after a crash writes again) carries
     * the expected values: count, min, max, times and gaps exact, avg and stddev within 1e-9 relative. Returns
     * how many records were rewrites of a window already written.
     */
    static int assertExactlyOnceAfterDedup(List<ConsumerRecord<String, byte[]>> records, Map<String, WindowResult> expected) {
        Map<String, Integer> writes = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : records) {
            WindowResult a = WindowResultCodec.decode(rec.value());
            assertThat(rec.key()).as("Kafka key of %s", a).isEqualTo(a.key());
            WindowResult e = expected.get(a.key());
            assertThat(e).as("window %s is not one the final watermark closed (or not in the recorded input): %s", a.key(), a)
                    .isNotNull();
            assertMatches(a, e, writes.merge(a.key(), 1, Integer::sum));
        }
        assertThat(writes.keySet()).as("windows in the report (missing ones are lost)").containsExactlyElementsOf(expected.keySet());
        return records.size() - writes.size();
    }

    private static void assertMatches(WindowResult a, WindowResult e, int write) {
        String what = a.key() + " (write " + write + ") ";
        assertThat(a.windowEnd()).as(what + "window_end").isEqualTo(e.windowEnd());
        assertThat(a.count()).as(what + "count").isEqualTo(e.count());
        assertThat(a.min()).as(what + "min").isEqualTo(e.min());
        assertThat(a.max()).as(what + "max").isEqualTo(e.max());
        assertThat(a.avg()).as(what + "avg").isCloseTo(e.avg(), within(1e-9 * Math.max(1, Math.abs(e.avg()))));
        assertThat(a.stddev()).as(what + "stddev").isCloseTo(e.stddev(), within(1e-9 * Math.max(1, Math.abs(e.stddev()))));
        assertThat(a.firstTs()).as(what + "first_ts").isEqualTo(e.firstTs());
        assertThat(a.lastTs()).as(what + "last_ts").isEqualTo(e.lastTs());
        assertThat(a.seqGaps()).as(what + "seq_gaps").isEqualTo(e.seqGaps());
    }
}
