package streamlab.flink;

import org.apache.flink.api.common.functions.AggregateFunction;

/** The incremental aggregate of a window: one small accumulator per sensor and window, updated per reading. */
final class WindowStats implements AggregateFunction<Reading, WindowStats.Acc, WindowStats.Acc> {
    /** count, min, max and the sum for the average (a POJO, so Flink serializes it field by field). */
    public static class Acc {
        public long count;
        public double min = Double.POSITIVE_INFINITY;
        public double max = Double.NEGATIVE_INFINITY;
        public double sum;

        public Acc() {}
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    @Override
    public Acc add(Reading r, Acc a) {
        a.count++;
        a.min = Math.min(a.min, r.temperature);
        a.max = Math.max(a.max, r.temperature);
        a.sum += r.temperature;
        return a;
    }

    @Override
    public Acc getResult(Acc a) {
        return a;
    }

    @Override
    public Acc merge(Acc a, Acc b) {
        a.count += b.count;
        a.min = Math.min(a.min, b.min);
        a.max = Math.max(a.max, b.max);
        a.sum += b.sum;
        return a;
    }
}
