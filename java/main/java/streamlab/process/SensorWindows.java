package streamlab.process;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import streamlab.codec.WindowResult;

/**
 * The open windows of one sensor and the rule that closes them, the same as Spark's for a windowed
 * aggregation with a watermark: windows are {@code [k*slide, k*slide + window)}, aligned to the epoch; a
 * window is final once the watermark reaches its end, and a reading for a window that is already final is
 * late: it is not merged (a reading of sliding windows still counts in those of its windows still open).
 * Plain Java, so the tests check it without Spark.
 */
final class SensorWindows implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Open windows, oldest start first. */
    final ArrayList<WindowAccumulator> open = new ArrayList<>();

    /**
     * Adds a reading to every window holding it that the watermark has not closed.
     *
     * @return true if at least one window holding the reading was already closed (the reading is late)
     */
    boolean add(WindowSpecMs spec, long watermark, long ts, long seq, double temperature) {
        boolean late = false;
        // Windows holding ts start at k*slide for k in (ts - window) / slide < k <= ts / slide.
        long last = Math.floorDiv(ts, spec.slide) * spec.slide;
        for (long start = last; start > ts - spec.window; start -= spec.slide) {
            long end = start + spec.window;
            if (end <= watermark) {
                late = true;
                continue;
            }
            window(start, end).add(ts, seq, temperature);
        }
        return late;
    }

    private WindowAccumulator window(long start, long end) {
        int i = open.size() - 1;
        // Readings mostly land in the newest windows: search from the end.
        while (i >= 0 && open.get(i).start > start) i--;
        if (i >= 0 && open.get(i).start == start) return open.get(i);
        WindowAccumulator a = new WindowAccumulator(start, end);
        open.add(i + 1, a);
        return a;
    }

    /**
     * The results to write now, removing the windows the watermark closed. Append mode: closed windows.
     * Update mode: every window changed since the last call, closed or not.
     */
    List<WindowResult> emit(String sensor, long watermark, boolean update, long now) {
        List<WindowResult> out = new ArrayList<>();
        for (int i = 0; i < open.size(); ) {
            WindowAccumulator a = open.get(i);
            boolean closed = a.end <= watermark;
            if (update ? a.dirty : closed) out.add(a.result(sensor, now));
            a.dirty = false;
            if (closed) {
                open.remove(i);
            } else {
                i++;
            }
        }
        return out;
    }

    /** The end of the oldest open window (when the next result falls due), or Long.MAX_VALUE. */
    long nextEnd() {
        long t = Long.MAX_VALUE;
        for (WindowAccumulator a : open) t = Math.min(t, a.end);
        return t;
    }

    /** Window length and slide in milliseconds. */
    record WindowSpecMs(long window, long slide) implements Serializable {
        static WindowSpecMs of(WindowSpec s) {
            return new WindowSpecMs(s.window().toMillis(), s.slideOrWindow().toMillis());
        }
    }
}
