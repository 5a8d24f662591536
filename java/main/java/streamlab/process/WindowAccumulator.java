package streamlab.process;

import java.io.Serializable;
import streamlab.codec.WindowResult;

/**
 * The running aggregate of one sensor over one window, a handful of numbers whatever the count. The
 * formulas are Spark's own: {@code avg} is sum / count (so a sum that overflows a double gives a non-finite
 * average, written as null, as {@code avg()} would), and the population variance uses the update of
 * Spark's {@code CentralMomentAgg}, which stays accurate where sum-of-squares would cancel.
 */
final class WindowAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    long start;
    long end;
    long count;
    double sum;
    double mean;
    double m2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long firstTs = Long.MAX_VALUE;
    long lastTs = Long.MIN_VALUE;
    long minSeq = Long.MAX_VALUE;
    long maxSeq = Long.MIN_VALUE;
    /** Changed since it was last written (update mode writes only what changed). */
    boolean dirty;

    WindowAccumulator() {}

    WindowAccumulator(long start, long end) {
        this.start = start;
        this.end = end;
    }

    void add(long ts, long seq, double temperature) {
        count++;
        sum += temperature;
        double delta = temperature - mean;
        double deltaN = delta / count;
        mean += deltaN;
        m2 += delta * (delta - deltaN);
        if (temperature < min) min = temperature;
        if (temperature > max) max = temperature;
        if (ts < firstTs) firstTs = ts;
        if (ts > lastTs) lastTs = ts;
        if (seq < minSeq) minSeq = seq;
        if (seq > maxSeq) maxSeq = seq;
        dirty = true;
    }

    WindowResult result(String sensor, long emittedAt) {
        double stddev = Math.sqrt(m2 / count);
        long gaps = Math.max(0, maxSeq - minSeq + 1 - count);
        return new WindowResult(sensor, start, end, count, min, max, sum / count, stddev, firstTs, lastTs, gaps, emittedAt);
    }
}
