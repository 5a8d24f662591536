package streamlab.bench;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of measurements: the value at rank {@code floor(n * p)} (at least the
 * first) of the sorted values, so p50 and p99 are always values that were measured, never interpolated.
 */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(double[] values) {
        sorted = values.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The value at rank {@code max(1, floor(n * p))}; NaN without values. */
    public double at(double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = Math.max(1, (int) Math.floor(sorted.length * p));
        return sorted[rank - 1];
    }

    /** The middle value, the lower one of the two middle values for an even count; NaN without values. */
    public double median() {
        if (sorted.length == 0) return Double.NaN;
        return sorted[(sorted.length + 1) / 2 - 1];
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
