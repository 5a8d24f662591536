package streamlab.produce;

import java.util.SplittableRandom;

/**
 * The stuck or silent spells of one sensor: healthy for 1 to 3 fault lengths, then faulty for one
 * fault length of event time, and again. Driven only by event time, so pacing cannot change it.
 */
final class Episode {
    final FaultKind kind;
    private final long lengthMs;
    private final SplittableRandom rng;
    private long nextStart;
    private long end;
    private boolean active;
    private long firstTs;
    private long lastTs;
    /** For a stuck sensor: the value it keeps sending. */
    double stuckValue;

    Episode(FaultKind kind, long startMs, long lengthMs, SplittableRandom rng) {
        this.kind = kind;
        this.lengthMs = lengthMs;
        this.rng = rng;
        this.nextStart = startMs + gap();
    }

    private long gap() {
        return lengthMs + (long) (rng.nextDouble() * 2 * lengthMs);
    }

    /**
     * Moves to event time {@code ts} and says whether this reading falls in an episode. An episode
     * that ends is reported to {@code truth}; {@code value} is what the sensor would read now.
     */
    boolean affects(String sensor, long ts, double value, TruthSink truth) {
        if (active && ts >= end) {
            close(sensor, truth);
            nextStart = end + gap();
        }
        if (!active && ts >= nextStart) {
            active = true;
            firstTs = ts;
            end = nextStart + lengthMs;
            stuckValue = value;
        }
        if (active) lastTs = ts;
        return active;
    }

    /** Reports an episode still running when the run stops, up to its last reading. */
    void finish(String sensor, TruthSink truth) {
        if (active) close(sensor, truth);
    }

    private void close(String sensor, TruthSink truth) {
        active = false;
        truth.fault(sensor, kind, firstTs, lastTs);
    }
}
