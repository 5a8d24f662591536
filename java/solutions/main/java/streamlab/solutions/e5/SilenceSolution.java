package streamlab.solutions.e5;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import streamlab.common.Durations;
import streamlab.exercise.AlertsQuery;
import streamlab.exercise.ExerciseSettings;

/**
 * Exercise 5, a reference solution: arbitrary state per key with an event-time timeout, the shape of Spark's
 * {@code JavaStructuredSessionization} example. Compare it with {@code streamlab.process.alerts.AlertRules},
 * where the same silence rule lives beside the kit's other rules.
 */
public class SilenceSolution implements AlertsQuery {
    /** The alert records, the columns the kit writes to the alerts topic. */
    static final StructType ALERTS = new StructType()
            .add("sensor", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("start", DataTypes.TimestampType)
            .add("end", DataTypes.TimestampType)
            .add("value", DataTypes.DoubleType)
            .add("rule", DataTypes.StringType);

    @Override
    public Dataset<Row> alerts(Dataset<Row> readings, ExerciseSettings settings) {
        return readings
                // The watermark is the clock of event-time timeouts, and drops readings too late to matter.
                .withWatermark("event_time", settings.watermarkDelay())
                .groupByKey((MapFunction<Row, String>) r -> r.getAs("sensor"), Encoders.STRING())
                // Append: a record, once written, is never changed by Spark; a closed episode is a new record.
                .flatMapGroupsWithState(new Silences(settings.silenceAfter().toMillis(), "silence>" + Durations.format(settings.silenceAfter())),
                        OutputMode.Append(), Encoders.bean(SensorSilence.class), Encoders.row(ALERTS),
                        GroupStateTimeout.EventTimeTimeout());
    }

    /** What the job remembers of one sensor between micro-batches: kept in the state store, checkpointed. */
    public static class SensorSilence implements Serializable {
        private long lastTs;
        private boolean silent;

        public SensorSilence() {}

        SensorSilence(long lastTs) {
            this.lastTs = lastTs;
        }

        /** The newest reading heard, epoch ms. */
        public long getLastTs() {
            return lastTs;
        }

        public void setLastTs(long lastTs) {
            this.lastTs = lastTs;
        }

        /** A silence is open: written with end = null, not closed yet. */
        public boolean isSilent() {
            return silent;
        }

        public void setSilent(boolean silent) {
            this.silent = silent;
        }
    }

    /** Called per sensor with its readings of a micro-batch, or with none when its timeout fired. */
    static class Silences implements FlatMapGroupsWithStateFunction<String, Row, SensorSilence, Row> {
        private final long silenceMs;
        private final String rule;

        Silences(long silenceMs, String rule) {
            this.silenceMs = silenceMs;
            this.rule = rule;
        }

        @Override
        public Iterator<Row> call(String sensor, Iterator<Row> readings, GroupState<SensorSilence> state) {
            List<Row> out = new ArrayList<>();
            if (state.hasTimedOut()) {
                // The watermark passed lastTs + silenceAfter and no reading came: the silence opens, end unknown.
                // No new timeout: the next reading closes it.
                SensorSilence s = state.get();
                s.setSilent(true);
                state.update(s);
                out.add(alert(sensor, s.getLastTs(), null));
                return out.iterator();
            }
            // A micro-batch holds a sensor's readings in any order: take them by event time.
            List<Long> times = new ArrayList<>();
            readings.forEachRemaining(r -> times.add(r.<Long>getAs("ts")));
            times.sort(null);
            SensorSilence s = state.exists() ? state.get() : new SensorSilence(times.get(0));
            for (long ts : times) {
                if (ts <= s.getLastTs()) continue; // older than what was heard: it cannot end a silence
                // The first reading after the gap closes the silence: open already, or the whole gap came in one batch.
                if (s.isSilent() || ts - s.getLastTs() > silenceMs) out.add(alert(sensor, s.getLastTs(), ts));
                s.setLastTs(ts);
                s.setSilent(false);
            }
            state.update(s);
            // Spark calls back (hasTimedOut) once the watermark is past this event time without a reading.
            state.setTimeoutTimestamp(s.getLastTs() + silenceMs);
            return out.iterator();
        }

        private Row alert(String sensor, long start, Long end) {
            return RowFactory.create(sensor, "silence", new Timestamp(start), end == null ? null : new Timestamp(end), null, rule);
        }
    }
}
