package streamlab.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report computed the obvious way, in plain Java over the input list, independently of Spark:
 * windows aligned to the epoch, two-pass population stddev. emitted_at is 0 (not comparable).
 */
public final class ExpectedWindows {
    private ExpectedWindows() {}

    public static Map<String, WindowResult> of(List<Reading> readings, long windowMs, long slideMs) {
        Map<String, List<Reading>> groups = new TreeMap<>();
        for (Reading r : readings) {
            // every window [start, start + windowMs) with start a multiple of slideMs that holds r.ts
            for (long start = Math.floorDiv(r.ts(), slideMs) * slideMs; start > r.ts() - windowMs; start -= slideMs) {
                groups.computeIfAbsent(WindowResult.key(r.sensor(), start), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, WindowResult> out = new TreeMap<>();
        groups.forEach((key, rs) -> {
            long start = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            long firstTs = Long.MAX_VALUE;
            long lastTs = Long.MIN_VALUE;
            long minSeq = Long.MAX_VALUE;
            long maxSeq = Long.MIN_VALUE;
            for (Reading r : rs) {
                sum += r.temperature();
                min = Math.min(min, r.temperature());
                max = Math.max(max, r.temperature());
                firstTs = Math.min(firstTs, r.ts());
                lastTs = Math.max(lastTs, r.ts());
                minSeq = Math.min(minSeq, r.seq());
                maxSeq = Math.max(maxSeq, r.seq());
            }
            double mean = sum / rs.size();
            double squares = 0;
            for (Reading r : rs) squares += (r.temperature() - mean) * (r.temperature() - mean);
            long gaps = Math.max(0, maxSeq - minSeq + 1 - rs.size());
            out.put(key, new WindowResult(rs.get(0).sensor(), start, start + windowMs, rs.size(), min, max, mean,
                    Math.sqrt(squares / rs.size()), firstTs, lastTs, gaps, 0));
        });
        return out;
    }

    /** Same windows; counts, min, max, times and gaps exact; avg and stddev within 1e-9 relative. */
    static void assertMatches(Map<String, WindowResult> actual, Map<String, WindowResult> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, e) -> {
            WindowResult a = actual.get(key);
            assertThat(a.sensor()).as(key).isEqualTo(e.sensor());
            assertThat(a.windowStart()).as(key).isEqualTo(e.windowStart());
            assertThat(a.windowEnd()).as(key).isEqualTo(e.windowEnd());
            assertThat(a.count()).as(key + " count").isEqualTo(e.count());
            assertThat(a.min()).as(key + " min").isEqualTo(e.min());
            assertThat(a.max()).as(key + " max").isEqualTo(e.max());
            assertThat(a.avg()).as(key + " avg").isCloseTo(e.avg(), within(1e-9 * Math.max(1, Math.abs(e.avg()))));
            assertThat(a.stddev()).as(key + " stddev").isCloseTo(e.stddev(), within(1e-9 * Math.max(1, Math.abs(e.stddev()))));
            assertThat(a.firstTs()).as(key + " first_ts").isEqualTo(e.firstTs());
            assertThat(a.lastTs()).as(key + " last_ts").isEqualTo(e.lastTs());
            assertThat(a.seqGaps()).as(key + " seq_gaps").isEqualTo(e.seqGaps());
        });
    }
}
