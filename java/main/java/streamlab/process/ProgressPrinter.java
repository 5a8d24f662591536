package streamlab.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import streamlab.common.ProgressLine;

/**
 * One stderr line per micro-batch: Spark's figures for the batch (rows, rates, duration, watermark,
 * state rows) and the job's running totals ({@link Counters}). While a backlog remains, a catch-up line
 * after each batch, and every {@value #EVERY_MS} ms while a long batch runs: offsets done (records read, in
 * this run), offsets to go (the source's latest offsets minus those read), records/s and an ETA.
 */
final class ProgressPrinter extends StreamingQueryListener {
    static final String QUERY = "process";
    /** Longest silence while a batch runs. */
    static final long EVERY_MS = 5_000;

    private final PrintStream err;
    private final long startNanos;
    private final Counters counters;
    private final RecordsRead read;
    private final AtomicBoolean firstResults = new AtomicBoolean();
    private final AtomicLong lastBatch = new AtomicLong(-1);
    private volatile long lastLineNanos = System.nanoTime();
    /** When the running batch began (about: when the last one ended). */
    private volatile long batchStartNanos = System.nanoTime();
    /** Offsets the source had beyond the last batch's end, when it ended; -1 before the first batch. */
    private volatile long toGoAtBatch = -1;
    /** Rows of this run's finished batches. */
    private volatile long rowsDone;
    /** When this run read its first record; 0 before. */
    private volatile long firstReadNanos;
    private ProgressLine ticker;

    ProgressPrinter(PrintStream err, long startNanos, Counters counters, RecordsRead read) {
        this.err = err;
        this.startNanos = startNanos;
        this.counters = counters;
        this.read = read;
    }

    /** Starts the line every {@value #EVERY_MS} ms while a batch of the query runs. */
    void startTicker(StreamingQuery query) {
        ticker = new ProgressLine(err, 1_000, () -> tick(query));
    }

    void stopTicker() {
        if (ticker != null) ticker.close();
    }

    private String tick(StreamingQuery query) {
        long now = System.nanoTime();
        if (now - lastLineNanos < EVERY_MS * 1_000_000 || !query.status().isTriggerActive()) return null;
        lastLineNanos = now;
        String head = String.format("process: batch %d running for %.0f s: ", lastBatch.get() + 1, (now - batchStartNanos) / 1e9);
        long inBatch = read.inRunningBatch(query);
        if (inBatch < 0) return head + "records read known at its end";
        if (inBatch > 0 && firstReadNanos == 0) firstReadNanos = now;
        if (rowsDone + inBatch == 0) return head + "no record read yet (planning, first reads)";
        return head + catchUp(rowsDone + inBatch, toGoAtBatch < 0 ? -1 : Math.max(0, toGoAtBatch - inBatch), now);
    }

    /** Offsets done and to go (-1: not known yet), the rate since the first record, and the ETA at that rate. */
    private String catchUp(long done, long toGo, long now) {
        double seconds = firstReadNanos == 0 ? 0 : (now - firstReadNanos) / 1e9;
        double rate = seconds > 0.5 ? done / seconds : 0;
        StringBuilder b = new StringBuilder(ProgressLine.count(done)).append(" offsets done, ");
        b.append(toGo < 0 ? "offsets to go known after the first batch" : ProgressLine.count(toGo) + " to go");
        b.append(", ").append(rate > 0 ? ProgressLine.count(Math.round(rate)) : "-").append(" records/s");
        if (toGo >= 0 && rate > 0) b.append(", ETA ").append(eta(toGo / rate));
        return b.toString();
    }

    private static String eta(double seconds) {
        long s = Math.round(Math.ceil(seconds));
        return s < 60 ? s + " s" : s < 3600 ? String.format("%d min %02d s", s / 60, s % 60) : String.format("%d h %02d min", s / 3600, s / 60 % 60);
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
        long now = System.nanoTime();
        lastLineNanos = now;
        batchStartNanos = now;
        rowsDone += p.numInputRows();
        if (p.numInputRows() > 0 && firstReadNanos == 0) firstReadNanos = now - p.batchDuration() * 1_000_000;
        long toGo = toGo(p);
        if (toGo >= 0) toGoAtBatch = toGo;
        if (toGo > 0 && p.numInputRows() > 0) err.println("process: catching up: " + catchUp(rowsDone, toGo, now));
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

    /** The source's latest offsets minus the batch's end offsets, summed over partitions; -1 if unknown. */
    static long toGo(StreamingQueryProgress p) {
        long toGo = 0;
        for (SourceProgress source : p.sources()) {
            long end = sum(source.endOffset());
            long latest = sum(source.latestOffset());
            if (end < 0 || latest < 0) return -1;
            toGo += Math.max(0, latest - end);
        }
        return p.sources().length == 0 ? -1 : toGo;
    }

    /** The sum of the offsets of a Kafka source's offset JSON ({@code {"topic":{"0":12,"1":40}}}), or -1. */
    static long sum(String offsets) {
        if (offsets == null) return -1;
        try {
            long n = 0;
            for (JsonNode topic : JSON.readTree(offsets)) {
                for (JsonNode offset : topic) {
                    if (!offset.canConvertToLong()) return -1;
                    n += offset.asLong();
                }
            }
            return n;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? ProgressLine.count(Math.round(perSecond)) : "-";
    }
}
