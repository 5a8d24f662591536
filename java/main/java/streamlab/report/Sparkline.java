package streamlab.report;

import java.util.List;

/** A row of block characters (▁▂▃▄▅▆▇█) showing the shape of a series, scaled to its own min and max. */
public final class Sparkline {
    static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {}

    /**
     * The last {@code width} values, one character each. A flat series is drawn at mid height so it
     * reads as "steady", not as "low"; a missing (NaN) value is a space.
     */
    public static String of(List<Double> values, int width) {
        if (width <= 0 || values.isEmpty()) return "";
        List<Double> tail = values.subList(Math.max(0, values.size() - width), values.size());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : tail) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        StringBuilder sb = new StringBuilder(tail.size());
        for (double v : tail) {
            if (!Double.isFinite(v)) {
                sb.append(' ');
            } else if (max == min) {
                sb.append(BARS[3]);
            } else {
                sb.append(BARS[(int) Math.round((v - min) / (max - min) * (BARS.length - 1))]);
            }
        }
        return sb.toString();
    }
}
