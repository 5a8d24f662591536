package streamlab.produce;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;

/**
 * Everything {@code produce} sends, in send order: the simulated readings with the faults injected.
 * Deterministic for given options and seed; the wiring only paces and sends it.
 */
final class EmissionStream {
    private final SensorSimulator sim;
    private final FaultInjector faults;
    private final long limit;
    private final boolean clean;
    private final ArrayDeque<Emission> out = new ArrayDeque<>();
    private long accepted;
    private long tick;
    private boolean finished;

    /**
     * @param limit stop after this many readings (each valid reading once, as {@code --record}
     *              writes them); {@code Long.MAX_VALUE} for no limit
     */
    EmissionStream(int sensors, long intervalMs, long startMs, long seed, FaultPlan plan, ReadingCodec codec,
                   TruthSink truth, long limit) {
        // One stream per concern, so a fault rate never changes the signal and vice versa.
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom signal = root.split();
        SplittableRandom point = root.split();
        SplittableRandom episodes = root.split();
        this.sim = new SensorSimulator(sensors, intervalMs, startMs, signal);
        this.faults = new FaultInjector(plan, sim, startMs, codec, truth, point, episodes);
        this.limit = limit;
        this.clean = !plan.any();
        this.tick = startMs;
    }

    /** The next record to send, or null once the limit is reached and everything held was sent. */
    Emission next() {
        if (clean) {
            // no faults: nothing is held, dropped or added, so skip the queue at full speed
            if (finished || accepted >= limit) return null;
            accepted++;
            Reading r = sim.next();
            tick = r.ts();
            return new Emission(Emission.Kind.READING, r, null, r.ts());
        }
        while (out.isEmpty()) {
            if (finished || accepted >= limit) {
                finish();
                return out.poll();
            }
            int index = sim.nextSensorIndex();
            Reading clean = sim.next();
            if (clean.ts() != tick) {
                faults.endTick(tick, out);
                tick = clean.ts();
            }
            if (faults.accept(index, clean, out)) accepted++;
        }
        return out.poll();
    }

    /**
     * Ends the run early (Ctrl-C, duration): late readings still held are queued to go out now and
     * running episodes are reported. Later calls to {@link #next()} return what is left, then null.
     */
    void finish() {
        if (finished) return;
        finished = true;
        faults.finish(out, sim);
    }

    /** Event time of the tick being generated. */
    long eventTime() {
        return tick;
    }
}
