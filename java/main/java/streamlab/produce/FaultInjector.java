package streamlab.produce;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;

/**
 * Turns clean readings into what is sent, injecting the faults of a {@link FaultPlan} and reporting
 * each one to a {@link TruthSink}. Decisions come from the seed and event time only.
 *
 * <p>Choices that keep each fault kind separately detectable: {@code seq} counts the readings a
 * sensor actually sent, so a silence is not also a seq gap; a malformed record is a damaged copy
 * sent in addition to the reading, so it does not lose data either; a duplicate is the same
 * reading sent twice in a row; spikes are not injected into stuck values.
 */
final class FaultInjector {
    private final FaultPlan plan;
    private final ReadingCodec codec;
    private final TruthSink truth;
    private final SplittableRandom rng;
    private final long[] sent;
    private final Episode[] episodes;
    private final PriorityQueue<Held> late = new PriorityQueue<>();
    private long heldCount;

    private record Held(long release, long order, Reading reading, boolean duplicate) implements Comparable<Held> {
        @Override
        public int compareTo(Held o) {
            int c = Long.compare(release, o.release);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /**
     * @param pointRng   decides spikes, late, duplicate and malformed readings
     * @param episodeRng picks the stuck and silent sensors and their spells, apart from {@code pointRng}
     *                   so that changing a rate does not move the episodes
     */
    FaultInjector(FaultPlan plan, SensorSimulator sim, long startMs, ReadingCodec codec, TruthSink truth,
                  SplittableRandom pointRng, SplittableRandom episodeRng) {
        int n = sim.sensorCount();
        if (plan.stuckCount() + plan.silenceCount() > n) {
            throw new IllegalArgumentException("more stuck and silent sensors than sensors");
        }
        this.plan = plan;
        this.codec = codec;
        this.truth = truth;
        this.rng = pointRng;
        this.sent = new long[n];
        this.episodes = new Episode[n];
        int[] order = shuffled(n, episodeRng);
        for (int k = 0; k < plan.stuckCount() + plan.silenceCount(); k++) {
            FaultKind kind = k < plan.stuckCount() ? FaultKind.STUCK : FaultKind.SILENCE;
            episodes[order[k]] = new Episode(kind, startMs, plan.lengthMs(), episodeRng.split());
        }
    }

    private static int[] shuffled(int n, SplittableRandom rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Adds what sensor {@code index} sends for {@code clean} to {@code out}; returns false if it stays silent. */
    boolean accept(int index, Reading clean, ArrayDeque<Emission> out) {
        String sensor = clean.sensor();
        long ts = clean.ts();
        double value = clean.temperature();
        Episode e = episodes[index];
        if (e != null && e.affects(sensor, ts, value, truth)) {
            if (e.kind == FaultKind.SILENCE) return false;
            value = e.stuckValue;
        } else if (plan.spikeRate() > 0 && rng.nextDouble() < plan.spikeRate()) {
            double jump = 15 + rng.nextDouble() * 25;
            value = SensorProfile.round(rng.nextBoolean() ? value + jump : value - jump);
            truth.fault(sensor, FaultKind.SPIKE, ts, ts);
        }
        long seq = sent[index]++;
        Reading r = seq == clean.seq() && value == clean.temperature() ? clean : new Reading(sensor, ts, seq, value);

        boolean duplicate = plan.duplicateRate() > 0 && rng.nextDouble() < plan.duplicateRate();
        if (duplicate) truth.fault(sensor, FaultKind.DUPLICATE, ts, ts);
        if (plan.lateRate() > 0 && rng.nextDouble() < plan.lateRate()) {
            long delay = 1 + (long) (rng.nextDouble() * plan.lateMaxMs());
            late.add(new Held(ts + Math.min(delay, plan.lateMaxMs()), heldCount++, r, duplicate));
            truth.fault(sensor, FaultKind.LATE, ts, ts);
        } else {
            out.add(new Emission(Emission.Kind.READING, r, null, ts));
            if (duplicate) out.add(new Emission(Emission.Kind.DUPLICATE, r, null, ts));
        }
        if (plan.malformedRate() > 0 && rng.nextDouble() < plan.malformedRate()) {
            out.add(new Emission(Emission.Kind.MALFORMED, r, Malformer.corrupt(codec.encode(r), rng), ts));
            truth.fault(sensor, FaultKind.MALFORMED, ts, ts);
        }
        return true;
    }

    /**
     * Called once all sensors have read at tick {@code ts}: sends the late readings that are due,
     * after the tick's own readings, so each arrives behind newer readings of its sensor.
     */
    void endTick(long ts, ArrayDeque<Emission> out) {
        while (!late.isEmpty() && late.peek().release <= ts) release(late.poll(), ts, out);
    }

    /**
     * At the end of a run: queues every held reading at its own release time (a run that reached
     * its count still paces them; a stopped one sends them at once) and reports running episodes.
     */
    void finish(ArrayDeque<Emission> out, SensorSimulator sim) {
        while (!late.isEmpty()) {
            Held h = late.poll();
            release(h, h.release, out);
        }
        for (int i = 0; i < episodes.length; i++) {
            if (episodes[i] != null) episodes[i].finish(sim.id(i), truth);
        }
    }

    private static void release(Held h, long ts, ArrayDeque<Emission> out) {
        out.add(new Emission(Emission.Kind.READING, h.reading, null, ts));
        if (h.duplicate) out.add(new Emission(Emission.Kind.DUPLICATE, h.reading, null, ts));
    }
}
