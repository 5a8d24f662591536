package streamlab.process;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
 * records to write: window results, alerts, late readings. Dead letters never come here (see {@link Pipeline}).
 * <p>
 * Watermark: Spark's, the newest event time of the earlier batches minus {@code --watermark}, the same
 * for every sensor in a batch and recorded in the offset log. Windows are closed at the <em>closing
 * watermark</em>: Spark's, or, when it is further, the newest event time that this batch brought in the
 * partitions of this sensor's readings minus {@code --watermark}. The windows those readings close are
 * written in the same batch, rather than in the next one once Spark has moved its watermark: results arrive
 * a micro-batch sooner, and {@code --trigger available-now} writes them without waiting for the final
 * no-data batch. It never closes a window before Spark's next watermark would (a partition's newest is at
 * most the batch's), and a batch re-run after a crash has the same offsets, so the same newest event times.
 * The alert rules see a sensor's readings newer than the closing watermark of its last call, the line a
 * late-row filter draws, and Spark's watermark for what falls due.
 */
final class SensorFunction implements FlatMapGroupsWithStateFunction<String, Row, SensorState, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SensorFunction.class);

    static final String WINDOW = "window";
    static final String ALERT = "alert";
    static final String LATE = "late";

    /** Records to write: kind (one of the constants above), Kafka key and value, and for late readings the headers. */
    static final StructType OUTPUT = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("key", DataTypes.BinaryType, true)
            .add("value", DataTypes.BinaryType, true)
            .add("reason", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, true);

    private final PipelineOptions options;
    private final AlertRules rules;
    private final SensorWindows.WindowSpecMs spec;
    private final boolean streaming;
    private final Counters counters;

    SensorFunction(PipelineOptions options, boolean streaming, Counters counters) {
        this.options = options;
        this.rules = new AlertRules(options.alerts());
        this.spec = SensorWindows.WindowSpecMs.of(options.windows());
        this.streaming = streaming;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows, GroupState<SensorState> state) {
        if (PackedRow.SIDE_KEY.equals(key)) {
            // Watermark markers only: they did their work before the state operator.
            while (rows.hasNext()) rows.next();
            return Collections.emptyIterator();
        }
        // A batch Dataset has no watermark: everything is on time, and every window is final at the end.
        long watermark = streaming ? state.getCurrentWatermarkMs() : Long.MIN_VALUE;
        SensorState s = state.exists() ? state.get() : new SensorState(key, watermark);
        if (state.hasTimedOut()) return finish(key, s, state, watermark, rules.timeout(s.alerts, watermark, state.getCurrentProcessingTimeMs()),
                Long.MIN_VALUE).iterator();
        return new Merge(key, rows, s, state, watermark);
    }

    /**
     * The records of a call with readings, as they come: late readings while the packs are merged (a row at a
     * time, however many), then the windows and alerts, once every reading of the batch is in. Spark consumes
     * the iterator before it saves the state, so the state is updated at its end.
     */
    private final class Merge implements Iterator<Row> {
        private final String sensor;
        private final Iterator<Row> rows;
        private final SensorState s;
        private final GroupState<SensorState> state;
        private final long watermark;
        /** Where lateness is decided: see {@link #merge}. */
        private final long closedAt;
        private final List<Reading> forRules = new ArrayList<>();
        private ReadingPack.Cursor cursor;
        private long newest = Long.MIN_VALUE;
        private long late;
        private Row next;
        private Iterator<Row> results;

        Merge(String sensor, Iterator<Row> rows, SensorState s, GroupState<SensorState> state, long watermark) {
            this.sensor = sensor;
            this.rows = rows;
            this.s = s;
            this.state = state;
            this.watermark = watermark;
            this.closedAt = s.closedAt;
        }

        @Override
        public boolean hasNext() {
            if (next != null) return true;
            if (results == null) {
                next = merge();
                if (next != null) return true;
                results = finish(sensor, s, state, watermark,
                        rules.apply(s.alerts, forRules, watermark, state.getCurrentProcessingTimeMs()), newest).iterator();
            }
            if (!results.hasNext()) return false;
            next = results.next();
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            Row r = next;
            next = null;
            return r;
        }

        /**
         * Merges readings into the windows until one is late and written out (returned), or the packs are done
         * (null). A reading is late when its window has been written already: it ends at or before the closing
         * watermark of the sensor's last call (for a sensor seen for the first time, this batch's watermark). So
         * a reading is never late for the batch that closes its window: all of a sensor's readings in a batch
         * are merged before any window closes. Spark's own windowed aggregation draws the line at the previous
         * batch's watermark and writes a window one batch later, so a straggler that arrives in the batch after
         * the one whose readings passed its window's end is merged there and late here.
         */
        private Row merge() {
            while (true) {
                while (cursor != null && cursor.next()) {
                    ReadingPack.Cursor c = cursor;
                    boolean isLate = s.windows.add(spec, closedAt, c.ts, c.seq, c.temperature);
                    if (c.ts > closedAt) forRules.add(new Reading(sensor, c.ts, c.seq, c.temperature));
                    if (isLate) {
                        late++;
                        if (options.lateTopic() != null) return lateRecord(sensor, c, closedAt);
                    }
                }
                cursor = null;
                if (!rows.hasNext()) break;
                Row r = rows.next();
                if (!PackedRow.isPack(r)) continue;
                newest = Math.max(newest, PackedRow.newest(r));
                cursor = new ReadingPack.Cursor(PackedRow.readings(r));
            }
            if (counters != null && late > 0) {
                counters.late.add(late);
                if (options.lateTopic() != null) counters.lateWritten.add(late);
            }
            return null;
        }
    }

    /** The windows this call closes and the alerts, as records; saves the state. */
    private List<Row> finish(String key, SensorState s, GroupState<SensorState> state, long watermark, List<Alert> alerts, long newest) {
        long now = state.getCurrentProcessingTimeMs();
        long closeAt = streaming ? closingWatermark(watermark, newest) : Long.MAX_VALUE;
        s.closedAt = Math.max(s.closedAt, closeAt);
        List<WindowResult> results = s.windows.emit(key, closeAt, options.emitMode() == EmitMode.UPDATE, now);
        List<Row> out = new ArrayList<>(results.size() + alerts.size());
        for (WindowResult r : results) {
            out.add(RowFactory.create(WINDOW, r.key().getBytes(StandardCharsets.UTF_8), WindowResultCodec.encode(r, options.reportFormat()),
                    null, null));
        }
        byte[] sensorKey = key.getBytes(StandardCharsets.UTF_8);
        for (Alert a : alerts) out.add(RowFactory.create(ALERT, sensorKey, AlertCodec.encode(a, options.reportFormat()), null, null));
        if (counters != null) {
            counters.windows.add(results.size());
            counters.alerts.add(alerts.size());
        }
        save(key, s, state, watermark);
        return out;
    }

    /** Where windows close in this call: see the class comment. */
    private long closingWatermark(long watermark, long newest) {
        if (newest == Long.MIN_VALUE) return watermark;
        long delay = options.windows().watermark().toMillis();
        return Math.max(watermark, Math.max(newest, Long.MIN_VALUE + delay) - delay);
    }

    private Row lateRecord(String sensor, ReadingPack.Cursor c, long watermark) {
        long oldestEnd = c.ts - Math.floorMod(c.ts - spec.window(), spec.slide()) + spec.slide();
        String reason = "late: its window ended at " + oldestEnd + ", watermark " + watermark
                + " (--watermark " + options.windows().watermark().toMillis() + " ms)";
        String source = DeadLetters.source(options.topic(), c.partition, c.offset);
        byte[] k = c.key != null ? c.key : sensor.getBytes(StandardCharsets.UTF_8);
        return RowFactory.create(LATE, k, c.value, reason, source);
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
        if (options.alerts().idleTimeoutMs() != null) {
            state.setTimeoutDuration(Math.min(options.alerts().idleTimeoutMs(), Pipeline.IDLE_CHECK_MS));
            return;
        }
        // Spark calls back once the watermark is past the timestamp: a window is due when it reaches its end.
        long windowDue = s.windows.nextEnd() == Long.MAX_VALUE ? Long.MAX_VALUE : s.windows.nextEnd() - 1;
        long t = Math.min(windowDue, rules.nextTimeout(s.alerts));
        // Spark refuses a timeout behind the watermark; whatever was due has been handled above.
        if (t != Long.MAX_VALUE) state.setTimeoutTimestamp(Math.max(Math.max(t, watermark), 1));
    }
}
