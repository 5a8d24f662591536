package streamlab.process;

import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import streamlab.cli.ProgressLine;

/**
 * One stderr line per micro-batch and query, and the running totals for the final summary. Totals come
 * from the queries' own metrics (observed counts, the state operator's rows dropped by watermark), so
 * they are what Spark committed, not what we guess.
 */
final class ProgressPrinter extends StreamingQueryListener {
    static final String READINGS = "readings";
    static final String WINDOWS = "windows";
    static final String DLQ = "dlq";
    static final String LATE = "late";
    static final String ALERTS = "alerts";

    private final PrintStream err;
    private final long startNanos;
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong windowsOut = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong alertsOut = new AtomicLong();
    private final AtomicLong droppedByWatermark = new AtomicLong();
    private volatile java.util.function.LongSupplier lateWritten = () -> 0;
    private final AtomicBoolean firstResults = new AtomicBoolean();
    private final Map<UUID, Long> lastBatch = new ConcurrentHashMap<>();

    ProgressPrinter(PrintStream err, long startNanos) {
        this.err = err;
        this.startNanos = startNanos;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        StringBuilder line = new StringBuilder(String.format("process: %s batch %d: %s rows (%s/s in, %s/s processed) in %.1f s",
                p.name(), p.batchId(), ProgressLine.count(p.numInputRows()), rate(p.inputRowsPerSecond()),
                rate(p.processedRowsPerSecond()), p.batchDuration() / 1000.0));
        String watermark = p.eventTime().get("watermark");
        if (watermark != null) {
            line.append(", watermark ").append(watermark.startsWith("1970-01-01T00:00:00") ? "none yet" : watermark);
        }
        long state = 0;
        long dropped = 0;
        for (StateOperatorProgress op : p.stateOperators()) {
            state += op.numRowsTotal();
            dropped += op.numRowsDroppedByWatermark();
        }
        if (p.stateOperators().length > 0) {
            line.append(", state ").append(ProgressLine.count(state)).append(" rows");
        }
        boolean isWindows = WINDOWS.equals(p.name());
        long readingsNow = observed(p, READINGS);
        if (readingsNow >= 0) line.append(", readings ").append(ProgressLine.count(readings.addAndGet(readingsNow)));
        // Observed metrics are only reported for batches with new data, but windows are also emitted by the
        // no-data batch that advances the watermark: count what the sink wrote.
        long written = p.sink() == null ? -1 : p.sink().numOutputRows();
        long windowsNow = isWindows ? Math.max(0, written >= 0 ? written : observed(p, WINDOWS)) : 0;
        if (isWindows) {
            line.append(", windows out ").append(ProgressLine.count(windowsOut.addAndGet(windowsNow)));
            line.append(", late ").append(ProgressLine.count(droppedByWatermark.addAndGet(dropped)));
        }
        if (DLQ.equals(p.name())) {
            long dlqNow = Math.max(0, written >= 0 ? written : observed(p, DLQ));
            line.append(", dead letters ").append(ProgressLine.count(deadLetters.addAndGet(dlqNow)));
        }
        if (ALERTS.equals(p.name())) {
            // Alerts are also emitted by the no-data batches that fire timeouts: count what the sink wrote.
            long alertsNow = Math.max(0, written >= 0 ? written : observed(p, ALERTS));
            line.append(", alerts out ").append(ProgressLine.count(alertsOut.addAndGet(alertsNow)));
        }
        if (LATE.equals(p.name())) {
            line.append(", late readings written ").append(ProgressLine.count(lateWritten.getAsLong()));
        }
        err.println(line);
        if (windowsNow > 0 && firstResults.compareAndSet(false, true)) {
            err.printf("process: first window results written %.1f s after start%n", (System.nanoTime() - startNanos) / 1e9);
        }
        lastBatch.merge(p.id(), p.batchId(), Math::max);
    }

    /** The totals are complete once the listener has seen the query's last batch (events arrive asynchronously). */
    void awaitBatch(UUID query, long batchId, long timeoutMillis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (lastBatch.getOrDefault(query, -1L) < batchId && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    long readings() {
        return readings.get();
    }

    long windowsOut() {
        return windowsOut.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    long alertsOut() {
        return alertsOut.get();
    }

    long droppedByWatermark() {
        return droppedByWatermark.get();
    }

    long lateWritten() {
        return lateWritten.getAsLong();
    }

    void lateCounter(java.util.function.LongSupplier written) {
        lateWritten = written;
    }

    private static long observed(StreamingQueryProgress p, String name) {
        Row r = p.observedMetrics() == null ? null : p.observedMetrics().get(name);
        return r == null ? -1 : r.getLong(0);
    }

    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? ProgressLine.count(Math.round(perSecond)) : "-";
    }
}
