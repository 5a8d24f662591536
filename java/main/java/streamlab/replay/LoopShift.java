package streamlab.replay;

import java.util.HashMap;
import java.util.Map;
import streamlab.codec.Reading;

/**
 * Makes pass N of a {@code --loop} replay look like new data: event times move forward by N times
 * the file's period (its span plus one reading interval, so the first reading of a pass does not
 * share a timestamp with the last of the previous one), and each sensor's seq continues where the
 * previous pass ended. Learns the file from pass 0, which every later pass repeats.
 */
public final class LoopShift {
    /** Interval used when no sensor has two readings at different times. */
    static final long DEFAULT_INTERVAL_MILLIS = 1000;

    private static final class SensorStats {
        long lastTs;
        long maxSeq = -1;
    }

    private final Map<String, SensorStats> sensors = new HashMap<>();
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;
    private long interval = Long.MAX_VALUE;

    /** Records one reading of pass 0. */
    public void observe(Reading r) {
        minTs = Math.min(minTs, r.ts());
        maxTs = Math.max(maxTs, r.ts());
        SensorStats s = sensors.get(r.sensor());
        if (s == null) {
            s = new SensorStats();
            sensors.put(r.sensor(), s);
        } else {
            long gap = r.ts() - s.lastTs;
            if (gap > 0) interval = Math.min(interval, gap);
        }
        s.lastTs = r.ts();
        s.maxSeq = Math.max(s.maxSeq, r.seq());
    }

    /** The smallest positive gap between consecutive readings of one sensor. */
    public long intervalMillis() {
        return interval == Long.MAX_VALUE ? DEFAULT_INTERVAL_MILLIS : interval;
    }

    /** How far each pass moves event time: span of the file plus one interval. */
    public long periodMillis() {
        return maxTs < minTs ? 0 : maxTs - minTs + intervalMillis();
    }

    /** The reading as pass {@code pass} (0 = the file as is) replays it. */
    public Reading shift(Reading r, long pass) {
        if (pass == 0) return r;
        SensorStats s = sensors.get(r.sensor());
        long seqStep = s == null ? 0 : s.maxSeq + 1;
        return new Reading(r.sensor(), r.ts() + pass * periodMillis(), r.seq() + pass * seqStep, r.temperature());
    }
}
