package streamlab.exercise;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import streamlab.common.ProgressLine;

/**
 * One stderr line per micro-batch of an exercise job, from Spark's own progress: what came in, where the
 * watermark is, how many rows the state holds, what went out, and how many rows the watermark dropped as late
 * (the figure exercise 3 is about).
 */
final class ExerciseProgress extends StreamingQueryListener {
    private final PrintStream err;
    private final String name;
    private final String outputs;
    private final AtomicLong in = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastBatch = new AtomicLong(-1);

    ExerciseProgress(PrintStream err, String name, Exercise.Shape shape) {
        this.err = err;
        this.name = name;
        this.outputs = switch (shape) {
            case PARSE -> "records out";
            case WINDOWS -> "windows out";
            case ALERTS -> "alerts out";
        };
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        long state = 0;
        long late = 0;
        for (StateOperatorProgress op : p.stateOperators()) {
            state += op.numRowsTotal();
            late += op.numRowsDroppedByWatermark();
        }
        in.addAndGet(p.numInputRows());
        written.addAndGet(Math.max(0, p.sink().numOutputRows()));
        dropped.addAndGet(late);
        String watermark = p.eventTime().get("watermark");
        err.printf("%s: batch %d: %s records in %.1f s, watermark %s, state %s rows, %s %s, dropped as late %s%n", name,
                p.batchId(), ProgressLine.count(p.numInputRows()), p.batchDuration() / 1000.0,
                watermark == null || watermark.startsWith("1970-01-01T00:00:00") ? "none yet" : watermark,
                ProgressLine.count(state), outputs, ProgressLine.count(written.get()), ProgressLine.count(dropped.get()));
        lastBatch.accumulateAndGet(p.batchId(), Math::max);
    }

    String summary() {
        return ProgressLine.count(in.get()) + " records in, " + ProgressLine.count(written.get()) + " " + outputs
                + ", " + ProgressLine.count(dropped.get()) + " dropped as late (watermark)";
    }

    long written() {
        return written.get();
    }

    void awaitBatch(long batchId, long timeoutMillis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (lastBatch.get() < batchId && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
