package streamlab.produce;

import java.util.Iterator;
import java.util.SplittableRandom;
import streamlab.codec.Reading;

/**
 * The clean signal: an endless, deterministic sequence of readings in event-time order. Every
 * sensor reads once per tick ({@code interval} of event time from {@code startMs}); within a tick the
 * sensors take turns in id order. Nothing here looks at the wall clock, so the readings depend only
 * on the sensor count, interval, start and seed, never on how fast they are sent.
 */
final class SensorSimulator implements Iterator<Reading> {
    private final SensorProfile[] sensors;
    private final long startMs;
    private final long intervalMs;
    private final SplittableRandom rng;
    private long tick;
    private int next;

    SensorSimulator(int sensorCount, long intervalMs, long startMs, SplittableRandom rng) {
        if (sensorCount < 1) throw new IllegalArgumentException("sensorCount < 1");
        if (intervalMs < 1) throw new IllegalArgumentException("intervalMs < 1");
        this.sensors = new SensorProfile[sensorCount];
        this.startMs = startMs;
        this.intervalMs = intervalMs;
        this.rng = rng;
        for (int i = 0; i < sensorCount; i++) sensors[i] = new SensorProfile(sensorId(i, sensorCount), rng, intervalMs);
    }

    /** {@code sensor-01 .. sensor-10}: zero-padded to the width of the count, so ids sort as numbers do. */
    static String sensorId(int index, int count) {
        String n = Integer.toString(index + 1);
        int width = Integer.toString(count).length();
        return "sensor-" + "0".repeat(width - n.length()) + n;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    /** The index (0-based, id order) of the sensor the next call to {@link #next()} reads. */
    int nextSensorIndex() {
        return next;
    }

    int sensorCount() {
        return sensors.length;
    }

    String id(int index) {
        return sensors[index].id;
    }

    @Override
    public Reading next() {
        SensorProfile s = sensors[next];
        long ts = startMs + tick * intervalMs;
        Reading r = new Reading(s.id, ts, tick, s.next(ts, rng));
        if (++next == sensors.length) {
            next = 0;
            tick++;
        }
        return r;
    }
}
