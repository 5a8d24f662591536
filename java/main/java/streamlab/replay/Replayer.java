package streamlab.replay;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import streamlab.codec.Reading;

/**
 * The replay loop without Kafka: reads the file pass after pass, shifts later passes forward
 * ({@link LoopShift}), waits until each reading is due ({@link EventTimePacer}) and hands it to a
 * sink. Stops at the end of the last pass, when {@code stop} says so, or with the source's
 * {@link BadRowException}.
 */
public final class Replayer {
    /** Opens the file afresh for each pass. */
    @FunctionalInterface
    public interface Opener {
        CsvReadingSource open();
    }

    /**
     * @param passes   passes started (the last may have been cut short)
     * @param readings readings handed to the sink
     * @param badRows  rows skipped in the first pass (later passes skip the same rows)
     * @param stopped  true when a stop request ended the replay early
     */
    public record Result(long passes, long readings, BadRows badRows, boolean stopped) {}

    private final Opener opener;
    private final EventTimePacer pacer;
    private final Consumer<Reading> sink;
    private final long maxPasses;
    private final BooleanSupplier stop;
    private final LoopShift shift = new LoopShift();

    // Read by the progress thread.
    private volatile CsvReadingSource current;
    private volatile long pass;
    private volatile long lastEventMillis = Long.MIN_VALUE;

    /** @param maxPasses 1 for a plain replay, {@code Long.MAX_VALUE} to loop until stopped */
    public Replayer(Opener opener, EventTimePacer pacer, Consumer<Reading> sink, long maxPasses, BooleanSupplier stop) {
        this.opener = opener;
        this.pacer = pacer;
        this.sink = sink;
        this.maxPasses = maxPasses;
        this.stop = stop;
    }

    public Result run() {
        long readings = 0;
        long passes = 0;
        BadRows badRows = new BadRows();
        boolean stopped = false;
        for (long p = 0; p < maxPasses && !stopped; p++) {
            pass = p;
            passes++;
            long inPass = 0;
            try (CsvReadingSource source = opener.open()) {
                current = source;
                Reading r;
                while ((r = source.next()) != null) {
                    if (p == 0) shift.observe(r);
                    Reading out = shift.shift(r, p);
                    if (stop.getAsBoolean() || !pacer.awaitDue(out.ts())) {
                        stopped = true;
                        break;
                    }
                    // Set before sending: the first send can block for seconds on topic metadata.
                    lastEventMillis = out.ts();
                    sink.accept(out);
                    readings++;
                    inPass++;
                }
                if (p == 0) badRows = source.badRows();
            }
            // A file without a single good row would otherwise loop forever doing nothing.
            if (inPass == 0) break;
        }
        return new Result(passes, readings, badRows, stopped);
    }

    /** The loop shift learnt from the first pass. */
    public LoopShift loopShift() {
        return shift;
    }

    /** "pass 2, 43% of file, event time 2024-03-01T12:00:00Z", for the progress line. */
    public String position() {
        StringBuilder sb = new StringBuilder();
        if (maxPasses > 1) sb.append("pass ").append(pass + 1).append(", ");
        CsvReadingSource s = current;
        if (s != null && !Double.isNaN(s.fractionRead())) {
            sb.append(Math.round(s.fractionRead() * 100)).append("% of file, ");
        }
        long ts = lastEventMillis;
        sb.append("event time ").append(ts == Long.MIN_VALUE ? "-" : Instant.ofEpochMilli(ts).toString());
        return sb.toString();
    }
}
