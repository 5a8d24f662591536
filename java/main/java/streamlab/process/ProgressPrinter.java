package streamlab.process;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import streamlab.cli.ProgressLine;

/**
 * One stderr line per micro-batch: Spark's figures for the batch (rows, rates, duration, watermark,
 * state rows) and the job's running totals ({@link Counters}).
 */
final class ProgressPrinter extends StreamingQueryListener {
    static final String QUERY = "process";

    private final PrintStream err;
    private final long startNanos;
    private final Counters counters;
    private final AtomicBoolean firstResults = new AtomicBoolean();
    private final AtomicLong lastBatch = new AtomicLong(-1);

    ProgressPrinter(PrintStream err, long startNanos, Counters counters) {
        this.err = err;
        this.startNanos = startNanos;
        this.counters = counters;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        StringBuilder line = new StringBuilder(String.format("process: batch %d: %s rows (%s/s in, %s/s processed) in %.1f s",
                p.batchId(), ProgressLine.count(p.numInputRows()), rate(p.inputRowsPerSecond()),
                rate(p.processedRowsPerSecond()), p.batchDuration() / 1000.0));
        String watermark = p.eventTime().get("watermark");
        if (watermark != null) {
            line.append(", watermark ").append(watermark.startsWith("1970-01-01T00:00:00") ? "none yet" : watermark);
        }
        long state = 0;
        for (StateOperatorProgress op : p.stateOperators()) state += op.numRowsTotal();
        line.append(", state ").append(ProgressLine.count(state)).append(" rows");
        long windows = counters.windows();
        line.append(", readings ").append(ProgressLine.count(counters.readings()))
                .append(", windows out ").append(ProgressLine.count(windows))
                .append(", alerts out ").append(ProgressLine.count(counters.alerts()))
                .append(", dead letters ").append(ProgressLine.count(counters.deadLetters()))
                .append(", late ").append(ProgressLine.count(counters.late()));
        err.println(line);
        if (windows > 0 && firstResults.compareAndSet(false, true)) {
            err.printf("process: first window results written %.1f s after start%n", (System.nanoTime() - startNanos) / 1e9);
        }
        lastBatch.accumulateAndGet(p.batchId(), Math::max);
    }

    /** The totals are complete once the listener has seen the query's last batch (events arrive asynchronously). */
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

    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? ProgressLine.count(Math.round(perSecond)) : "-";
    }
}
