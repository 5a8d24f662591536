package streamlab.process;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.process.alerts.AlertRules;
import streamlab.process.alerts.SensorAlertState;

/**
 * The reduce side of the job, once per sensor and micro-batch (and when the watermark makes something
 * due): merges the sensor's readings into its windows, runs the alert rules on them, and returns the
 * records to write: window results, alerts, late readings; for the side key, dead letters.
 * <p>
 * Watermark: Spark's, the newest event time of the earlier batches minus {@code --watermark}, the same
 * for every sensor in a batch and recorded in the offset log, so a batch re-run after a crash decides
 * every reading as the first run did. The alert rules see a sensor's readings newer than the watermark,
 * as Spark's own late-row filter would hand them.
 */
final class SensorFunction implements FlatMapGroupsWithStateFunction<String, Row, SensorState, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SensorFunction.class);

    static final String WINDOW = "window";
    static final String ALERT = "alert";
    static final String DLQ = "dlq";
    static final String LATE = "late";

    /** Records to write: kind (one of the constants above), Kafka key and value, and for dlq/late the headers. */
    static final StructType OUTPUT = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("key", DataTypes.BinaryType, true)
            .add("value", DataTypes.BinaryType, true)
            .add("reason", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, true);

    private final PipelineOptions o;
    private final AlertRules rules;
    private final SensorWindows.WindowSpecMs spec;
    private final boolean streaming;
    private final Counters counters;

    SensorFunction(PipelineOptions o, boolean streaming, Counters counters) {
        this.o = o;
        this.rules = new AlertRules(o.alerts());
        this.spec = SensorWindows.WindowSpecMs.of(o.windows());
        this.streaming = streaming;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows, GroupState<SensorState> state) {
        List<Row> out = new ArrayList<>();
        if (Packer.SIDE_KEY.equals(key)) {
            deadLetters(rows, out);
            return out.iterator();
        }
        // A batch Dataset has no watermark: everything is on time, and every window is final at the end.
        long watermark = streaming ? state.getCurrentWatermarkMs() : Long.MIN_VALUE;
        SensorState s = state.exists() ? state.get() : new SensorState(key, watermark);
        long now = state.getCurrentProcessingTimeMs();
        List<Alert> alerts;
        if (state.hasTimedOut()) {
            alerts = rules.timeout(s.alerts, watermark, now);
        } else {
            alerts = rules.apply(s.alerts, readings(key, rows, s, out), watermark, now);
        }
        long closeAt = streaming ? watermark : Long.MAX_VALUE;
        s.closedAt = Math.max(s.closedAt, closeAt);
        List<WindowResult> results = s.windows.emit(key, closeAt, o.emitMode() == EmitMode.UPDATE, now);
        for (WindowResult r : results) {
            out.add(RowFactory.create(WINDOW, r.key().getBytes(StandardCharsets.UTF_8), WindowResultCodec.encode(r, o.reportFormat()),
                    null, null));
        }
        byte[] sensorKey = key.getBytes(StandardCharsets.UTF_8);
        for (Alert a : alerts) out.add(RowFactory.create(ALERT, sensorKey, AlertCodec.encode(a, o.reportFormat()), null, null));
        if (counters != null) {
            counters.windows.add(results.size());
            counters.alerts.add(alerts.size());
        }
        save(key, s, state, watermark);
        return out.iterator();
    }

    /**
     * Merges the packs into the windows; returns the readings for the alert rules. A reading is late when its
     * window has been written already: it ends at or before the watermark of the sensor's last call (for a
     * sensor seen for the first time, this batch's watermark). A window that ends at or before this batch's
     * watermark but was still open takes the reading and is written right after, as in Spark's own windowed
     * aggregation, which draws the line at the previous batch's watermark. The two differ only for a window
     * the sensor never had open that ends between the watermark of its last call and the previous batch's:
     * Spark drops such stragglers, this function writes their window.
     */
    private List<Reading> readings(String sensor, Iterator<Row> rows, SensorState s, List<Row> out) {
        long watermark = s.closedAt;
        List<Reading> forRules = new ArrayList<>();
        long late = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (r.isNullAt(2)) continue;
            ReadingPack.Cursor c = new ReadingPack.Cursor((byte[]) r.get(2));
            while (c.next()) {
                if (s.windows.add(spec, watermark, c.ts, c.seq, c.temperature)) {
                    late++;
                    if (o.lateTopic() != null) out.add(lateRecord(sensor, c, watermark));
                }
                if (c.ts > watermark) forRules.add(new Reading(sensor, c.ts, c.seq, c.temperature));
            }
        }
        if (counters != null && late > 0) {
            counters.late.add(late);
            if (o.lateTopic() != null) counters.lateWritten.add(late);
        }
        return forRules;
    }

    private Row lateRecord(String sensor, ReadingPack.Cursor c, long watermark) {
        long oldestEnd = c.ts - Math.floorMod(c.ts - spec.window(), spec.slide()) + spec.slide();
        String reason = "late: its window ended at " + oldestEnd + ", watermark " + watermark
                + " (--watermark " + o.windows().watermark().toMillis() + " ms)";
        String source = DeadLetters.source(o.topic(), c.partition, c.offset);
        byte[] k = c.key != null ? c.key : sensor.getBytes(StandardCharsets.UTF_8);
        return RowFactory.create(LATE, k, c.value, reason, source);
    }

    private void deadLetters(Iterator<Row> rows, List<Row> out) {
        long n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (r.isNullAt(5)) continue; // a watermark marker
            out.add(RowFactory.create(DLQ, r.get(3), r.get(4), r.getString(5), r.getString(6)));
            n++;
        }
        if (counters != null) counters.deadLetters.add(n);
    }

    private void save(String sensor, SensorState s, GroupState<SensorState> state, long watermark) {
        if (s.alerts.forgotten) {
            LOG.warn("alerts: forgotten {}: silent since {} (more than --forget-after in event time); state dropped",
                    sensor, Instant.ofEpochMilli(s.alerts.lastTs));
            if (s.windows.open.isEmpty()) {
                state.remove();
                return;
            }
            s.alerts = new SensorAlertState(sensor);
        }
        state.update(s);
        if (!streaming) return;
        if (o.alerts().idleTimeoutMs() != null) {
            state.setTimeoutDuration(Math.min(o.alerts().idleTimeoutMs(), Pipeline.IDLE_CHECK_MS));
            return;
        }
        // Spark calls back once the watermark is past the timestamp: a window is due when it reaches its end.
        long windowDue = s.windows.nextEnd() == Long.MAX_VALUE ? Long.MAX_VALUE : s.windows.nextEnd() - 1;
        long t = Math.min(windowDue, rules.nextTimeout(s.alerts));
        // Spark refuses a timeout behind the watermark; whatever was due has been handled above.
        if (t != Long.MAX_VALUE) state.setTimeoutTimestamp(Math.max(Math.max(t, watermark), 1));
    }
}
