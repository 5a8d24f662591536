package streamlab.process.alerts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.Format;
import streamlab.codec.Reading;

/**
 * The alerts of {@code process}: a pure builder from readings ({@code sensor, ts, seq, temperature, event_time},
 * as {@code ReadingDecoder} gives them) to alert rows with the columns of {@link Alert#FIELDS}.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>A query of its own.</b> Spark 3.5 allows no {@code flatMapGroupsWithState} after a streaming
 *       aggregation in one query, so the alerts run as a second query on the same Kafka source, beside the
 *       window query, in the same session, with their own checkpoint subfolder ({@code alerts}). The two
 *       queries keep separate offsets and watermarks (both from the same {@code --watermark}).</li>
 *   <li><b>Keyed by sensor.</b> {@code groupByKey(sensor).flatMapGroupsWithState(..., Append,
 *       EventTimeTimeout)}; the state per sensor is a {@link SensorAlertState} (a few numbers) and all the
 *       logic is {@link AlertRules}, which this class only feeds: the group's readings (Spark gives them
 *       unordered; the rules sort them by ts, seq), the watermark and the batch time.</li>
 *   <li><b>Event time throughout.</b> The timeout of a sensor is set to the event time at which something
 *       becomes due ({@link AlertRules#nextTimeout}: the silence, a pending seq gap, forgetting it), and fires
 *       once the watermark passes it. Rows older than the watermark are dropped by Spark before they reach
 *       the function. Each episode has the identity {@code sensor|kind|start} and is written when it opens
 *       and when it closes, so a replay at 100x ends with the same episodes as one at 1x, and a restart from
 *       the checkpoint (state and offsets committed together) neither loses nor repeats an episode, once
 *       readers upsert by that identity (a batch re-run after a crash may write its alerts twice).</li>
 *   <li><b>The limit of event-time timeouts.</b> The watermark moves only when some sensor sends, so if
 *       every sensor goes quiet, no timeout fires and no silence is raised. {@code --idle-timeout D} switches
 *       the operator to processing-time timeouts: Spark then runs a batch on every trigger even without input,
 *       each sensor's state is visited about once a second, the event-time rules are checked against the
 *       watermark as before, and a sensor that brought no reading for {@code D} of wall time is reported
 *       silent (rule {@code idle>D}). Trade-off: such silences depend on the pace of the input, so a fast
 *       replay or a restart does not reproduce them, and every idle sensor costs a call per batch.</li>
 *   <li><b>Bounded state.</b> A sensor silent (in event time) for more than {@code --forget-after} is dropped
 *       from the state, with a warning in the log; if it comes back it starts afresh (warm-up again), and
 *       its silence episode stays open.</li>
 * </ul>
 */
public final class AlertQuery {
    /** The alert rows, wire names and order of {@link Alert#FIELDS}. */
    public static final StructType SCHEMA = new StructType()
            .add(Alert.SENSOR, DataTypes.StringType, false)
            .add(Alert.KIND, DataTypes.StringType, false)
            .add(Alert.START, DataTypes.LongType, false)
            .add(Alert.END, DataTypes.LongType, true)
            .add(Alert.VALUE, DataTypes.DoubleType, false)
            .add(Alert.RULE, DataTypes.StringType, false)
            .add(Alert.EMITTED_AT, DataTypes.LongType, false);

    static final String EVENT_TIME = "event_time";
    /** Processing-time mode visits each sensor this often at most (plus the trigger interval). */
    static final long IDLE_CHECK_MS = 1_000;

    private AlertQuery() {}

    public static Dataset<Row> build(Dataset<Row> readings, AlertOptions o) {
        Dataset<Row> in = readings
                .select(col(Reading.SENSOR), col(Reading.TS), col(Reading.SEQ), col(Reading.TEMPERATURE), col(EVENT_TIME))
                .withWatermark(EVENT_TIME, o.watermarkMs() + " milliseconds");
        GroupStateTimeout timeout = o.idleTimeoutMs() == null
                ? GroupStateTimeout.EventTimeTimeout() : GroupStateTimeout.ProcessingTimeTimeout();
        return in.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(new StateFunction(new AlertRules(o)), OutputMode.Append(),
                        Encoders.kryo(SensorAlertState.class), Encoders.row(SCHEMA), timeout);
    }

    /** Alert rows as Kafka records: key = sensor, value = {@link AlertCodec} in {@code format}. */
    public static Dataset<Row> encode(Dataset<Row> alerts, Format format) {
        Column fields = struct(colsOf());
        UserDefinedFunction enc = format == Format.JSON ? JSON_UDF : MSGPACK_UDF;
        return alerts.select(col(Alert.SENSOR).as("key"), enc.apply(fields).as("value"));
    }

    private static Column[] colsOf() {
        Column[] c = new Column[Alert.FIELDS.length];
        for (int i = 0; i < c.length; i++) c[i] = col(Alert.FIELDS[i]);
        return c;
    }

    static final UserDefinedFunction JSON_UDF = udf((UDF1<Row, byte[]>) r -> AlertCodec.encodeJson(toAlert(r)), DataTypes.BinaryType);
    static final UserDefinedFunction MSGPACK_UDF = udf((UDF1<Row, byte[]>) r -> AlertCodec.encodeMsgpack(toAlert(r)), DataTypes.BinaryType);

    /** A row with the columns of {@link #SCHEMA}. */
    public static Alert toAlert(Row r) {
        return new Alert(r.getString(0), r.getString(1), r.getLong(2), r.isNullAt(3) ? null : r.getLong(3),
                r.getDouble(4), r.getString(5), r.getLong(6));
    }

    static Row toRow(Alert a) {
        return RowFactory.create(a.sensor(), a.kind(), a.start(), a.end(), a.value(), a.rule(), a.emittedAt());
    }

    /** The glue between Spark's group state and {@link AlertRules}. */
    static final class StateFunction implements FlatMapGroupsWithStateFunction<String, Row, SensorAlertState, Row> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(AlertQuery.class);
        private final AlertRules rules;

        StateFunction(AlertRules rules) {
            this.rules = rules;
        }

        @Override
        public Iterator<Row> call(String sensor, Iterator<Row> rows, GroupState<SensorAlertState> state) {
            SensorAlertState s = state.exists() ? state.get() : new SensorAlertState(sensor);
            long watermark = state.getCurrentWatermarkMs();
            long now = state.getCurrentProcessingTimeMs();
            List<Alert> alerts;
            if (state.hasTimedOut()) {
                alerts = rules.timeout(s, watermark, now);
            } else {
                List<Reading> readings = new ArrayList<>();
                while (rows.hasNext()) {
                    Row r = rows.next();
                    readings.add(new Reading(sensor, r.getLong(1), r.getLong(2), r.getDouble(3)));
                }
                alerts = rules.apply(s, readings, watermark, now);
            }
            if (s.forgotten) {
                state.remove();
                LOG.warn("alerts: forgotten {}: silent since {} (more than --forget-after in event time); state dropped",
                        sensor, Instant.ofEpochMilli(s.lastTs));
            } else {
                state.update(s);
                if (rules.options().idleTimeoutMs() != null) {
                    state.setTimeoutDuration(Math.min(rules.options().idleTimeoutMs(), IDLE_CHECK_MS));
                } else {
                    long t = rules.nextTimeout(s);
                    // Spark refuses a timeout behind the watermark; the rules already handled anything due.
                    if (t != Long.MAX_VALUE) state.setTimeoutTimestamp(Math.max(t, watermark + 1));
                }
            }
            List<Row> out = new ArrayList<>(alerts.size());
            for (Alert a : alerts) out.add(toRow(a));
            return out.iterator();
        }
    }
}
