package streamlab.process.alerts;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import streamlab.codec.Alert;
import streamlab.codec.Reading;
import streamlab.common.Durations;

/**
 * The alert rules of one sensor, in event time, as a pure function of ({@link SensorAlertState}, the readings
 * of one micro-batch, the watermark): no Spark here, so every rule is tested on hand-made input and a restart
 * is just a state object serialized and read back.
 *
 * <h2>Episodes</h2>
 * Every alert is an episode identified by {@code sensor|kind|start} ({@link Alert#key()}). It is written once
 * when it opens ({@code end} null) and once when it closes, with the same identity, so readers upsert and a
 * replay at any speed ends with the same set of closed episodes, whatever the micro-batches were. Point
 * events (a late spike, a seq gap, {@code resumed}) are written closed at once.
 * <ul>
 *   <li>{@code threshold-high}/{@code threshold-low}: consecutive readings beyond {@code --max-temp} /
 *       {@code --min-temp}; value is the reading that opened it, then the extreme one. Rule {@code temperature>30}.</li>
 *   <li>{@code spike}: a reading more than {@code --zscore} standard deviations from the exponentially weighted
 *       mean (after {@link AlertOptions#warmUp()} good readings; the deviation has a floor of
 *       {@link AlertOptions#minStddev()}), or more than {@code --max-jump} from the last good reading. Spikes
 *       update neither the mean/variance nor the jump base, so the reading after a spike is judged against the
 *       sensor's normal level. Consecutive spikes are one episode; after {@value #SPIKE_RUN_LIMIT} in a row the
 *       new level is accepted (a moved sensor, not a spike): the episode closes and the statistics restart.
 *       Rule {@code zscore>4} or {@code jump>10}.</li>
 *   <li>{@code stuck}: the same value for at least {@code --stuck-for} of event time; start is the first reading
 *       of the run, end its last. Repeated values do not feed the variance, so a stuck spell does not collapse
 *       it and make the next normal reading a "spike". Rule {@code unchanged>=1m}.</li>
 *   <li>{@code silence}: no reading for more than {@code --silence-after}; start is the last reading heard, end
 *       the first one after the gap, followed by {@code resumed} (start = end = that reading, value = the gap in
 *       seconds). Raised either by the watermark passing {@code last + silence-after} (timeout) or, when a whole
 *       gap arrives in one batch (fast replay), by the gap between two readings: both give the same episode.
 *       A silence closes the sensor's other open episodes at their last reading, and restarts the statistics
 *       (the level may have moved during the gap). Rule {@code silence>2m}, or {@code idle>5m} when raised by
 *       {@code --idle-timeout}.</li>
 *   <li>{@code seq-gap}: seq numbers jumped; value = how many are missing, start/end = the readings around the
 *       gap. Held back until the watermark passes the reading that revealed it: a missing reading may still
 *       arrive late, and then there is no gap. Later gaps while one is pending join its episode.</li>
 * </ul>
 *
 * <h2>Order</h2>
 * A batch's readings are sorted by (ts, seq) first. A reading older than the newest one already processed (late
 * across micro-batches, but within the watermark, else Spark dropped it) cannot be put back in sequence
 * without buffering, so it is only checked point-wise: it fills the seq gap it belongs to, and it may raise a
 * closed one-reading {@code spike} (against the current statistics) or threshold episode; it never feeds the
 * statistics, the stuck run or the silence clock. A reading with the same ts and a seq already seen is a
 * duplicate and is ignored. A seq lower than the last one with a newer ts is a sensor restart, not a gap.
 */
public final class AlertRules implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int SPIKE_RUN_LIMIT = 5;
    /** Seqs of a pending gap tracked one by one (so a duplicated late reading does not fill twice). */
    private static final int GAP_BITS = 64;

    private static final Comparator<Reading> ORDER = Comparator.comparingLong(Reading::ts).thenComparingLong(Reading::seq);

    private final AlertOptions options;

    public AlertRules(AlertOptions options) {
        this.options = options;
    }

    /**
     * Applies one micro-batch of a sensor's readings (any order), then what the watermark makes due.
     *
     * @param watermark the query's event-time watermark, epoch ms
     * @param now       the micro-batch's processing time, epoch ms: {@code emitted_at}, and the idle clock
     */
    public List<Alert> apply(SensorAlertState s, List<Reading> readings, long watermark, long now) {
        List<Reading> sorted = new ArrayList<>(readings);
        sorted.sort(ORDER);
        List<Alert> out = new ArrayList<>();
        if (!sorted.isEmpty()) s.lastArrivalMs = now;
        for (Reading r : sorted) {
            if (s.sensor == null) s.sensor = r.sensor();
            if (!s.started || r.ts() > s.lastTs || (r.ts() == s.lastTs && r.seq() > s.lastSeq)) {
                inOrder(s, r, now, out);
            } else {
                late(s, r, now, out);
            }
        }
        advance(s, watermark, now, out);
        return out;
    }

    /** A call without readings: the watermark moved (or, with {@code --idle-timeout}, processing time passed). */
    public List<Alert> timeout(SensorAlertState s, long watermark, long now) {
        List<Alert> out = new ArrayList<>();
        advance(s, watermark, now, out);
        if (options.idleTimeoutMs() != null && s.started && !s.silenceOpen && !s.forgotten
                && now - s.lastArrivalMs >= options.idleTimeoutMs()) {
            openSilence(s, "idle>" + Durations.format(Duration.ofMillis(options.idleTimeoutMs())), now, out);
        }
        return out;
    }

    /**
     * The event time after which (once the watermark is past it) {@link #timeout} has something to do, or
     * {@link Long#MAX_VALUE} for nothing.
     */
    public long nextTimeout(SensorAlertState s) {
        long t = Long.MAX_VALUE;
        if (s.gapPending) t = Math.min(t, s.gapRevealTs);
        if (s.started) t = Math.min(t, s.lastTs + (s.silenceOpen ? options.forgetAfterMs() : options.silenceAfterMs()));
        return t;
    }

    private void inOrder(SensorAlertState s, Reading r, long now, List<Alert> out) {
        long ts = r.ts();
        double v = r.temperature();
        boolean continuous = s.started;
        if (s.started) {
            long gap = ts - s.lastTs;
            if (s.silenceOpen || gap > options.silenceAfterMs()) {
                if (!s.silenceOpen) openSilence(s, silenceRule(), now, out);
                out.add(alert(s, Alert.SILENCE, s.lastTs, ts, Double.NaN, s.silenceRule, now));
                out.add(alert(s, Alert.RESUMED, ts, ts, gap / 1000.0, s.silenceRule, now));
                s.silenceOpen = false;
                continuous = false;
            }
            if (r.seq() > s.lastSeq + 1) registerGap(s, s.lastSeq + 1, r.seq() - 1, s.lastTs, ts);
        }
        if (!continuous) {
            s.n = 0;
            s.hasRef = false;
        }
        thresholds(s, ts, v, now, out);
        boolean repeated = continuous && v == s.runValue;
        if (!spike(s, ts, v, now, out)) {
            // A repeated value says nothing about the spread; counting it would let a stuck spell shrink the variance.
            if (!repeated) update(s, v);
            s.hasRef = true;
            s.refValue = v;
        }
        stuck(s, ts, v, repeated, now, out);
        s.started = true;
        s.lastTs = ts;
        s.lastSeq = r.seq();
    }

    private void late(SensorAlertState s, Reading r, long now, List<Alert> out) {
        boolean fills = false;
        if (s.gapPending && r.seq() >= s.gapFromSeq && r.seq() <= s.gapToSeq) {
            long i = r.seq() - s.gapFromSeq;
            if (i >= GAP_BITS) {
                fills = true;
            } else if ((s.gapFilled & (1L << i)) == 0) {
                s.gapFilled |= 1L << i;
                fills = true;
            }
            if (fills && --s.gapMissing <= 0) s.gapPending = false;
        }
        if (!fills && r.seq() <= s.lastSeq) return; // a duplicate
        if (r.seq() > s.lastSeq) s.lastSeq = r.seq(); // an older ts with a newer seq: a clock step, not a gap
        long ts = r.ts();
        double v = r.temperature();
        if (options.maxTemp() != null && v > options.maxTemp() && !(s.highOpen && ts >= s.highStart)) {
            out.add(alert(s, Alert.THRESHOLD_HIGH, ts, ts, v, "temperature>" + num(options.maxTemp()), now));
        }
        if (options.minTemp() != null && v < options.minTemp() && !(s.lowOpen && ts >= s.lowStart)) {
            out.add(alert(s, Alert.THRESHOLD_LOW, ts, ts, v, "temperature<" + num(options.minTemp()), now));
        }
        String why = spikeRule(s, v);
        if (why != null && !(s.spikeOpen && ts >= s.spikeStart)) out.add(alert(s, Alert.SPIKE, ts, ts, v, why, now));
    }

    private void advance(SensorAlertState s, long watermark, long now, List<Alert> out) {
        if (s.gapPending && watermark > s.gapRevealTs) {
            out.add(alert(s, Alert.SEQ_GAP, s.gapStartTs, s.gapRevealTs, s.gapMissing,
                    "seq " + (s.gapFromSeq - 1) + "->" + (s.gapToSeq + 1), now));
            s.gapPending = false;
        }
        if (!s.started) return;
        if (!s.silenceOpen && watermark > s.lastTs + options.silenceAfterMs()) openSilence(s, silenceRule(), now, out);
        if (watermark > s.lastTs + options.forgetAfterMs()) s.forgotten = true;
    }

    private void thresholds(SensorAlertState s, long ts, double v, long now, List<Alert> out) {
        if (options.maxTemp() != null && v > options.maxTemp()) {
            if (!s.highOpen) {
                s.highOpen = true;
                s.highStart = ts;
                s.highPeak = v;
                out.add(alert(s, Alert.THRESHOLD_HIGH, ts, null, v, "temperature>" + num(options.maxTemp()), now));
            }
            s.highLastTs = ts;
            s.highPeak = Math.max(s.highPeak, v);
        } else if (s.highOpen) {
            closeHigh(s, now, out);
        }
        if (options.minTemp() != null && v < options.minTemp()) {
            if (!s.lowOpen) {
                s.lowOpen = true;
                s.lowStart = ts;
                s.lowPeak = v;
                out.add(alert(s, Alert.THRESHOLD_LOW, ts, null, v, "temperature<" + num(options.minTemp()), now));
            }
            s.lowLastTs = ts;
            s.lowPeak = Math.min(s.lowPeak, v);
        } else if (s.lowOpen) {
            closeLow(s, now, out);
        }
    }

    /** Returns true if {@code v} is a spike (and then leaves the statistics alone). */
    private boolean spike(SensorAlertState s, long ts, double v, long now, List<Alert> out) {
        String why = spikeRule(s, v);
        if (why == null) {
            if (s.spikeOpen) closeSpike(s, now, out);
            return false;
        }
        if (!s.spikeOpen) {
            s.spikeOpen = true;
            s.spikeStart = ts;
            s.spikeCount = 0;
            s.spikePeak = v;
            s.spikeRule = why;
            out.add(alert(s, Alert.SPIKE, ts, null, v, why, now));
        }
        s.spikeLastTs = ts;
        s.spikeCount++;
        if (Math.abs(v - s.mean) > Math.abs(s.spikePeak - s.mean)) s.spikePeak = v;
        if (s.spikeCount < SPIKE_RUN_LIMIT) return true;
        // So many "spikes" in a row are a new level: accept it and learn the sensor again from here.
        closeSpike(s, now, out);
        s.n = 0;
        s.hasRef = false;
        return false;
    }

    private String spikeRule(SensorAlertState s, double v) {
        if (s.n >= options.warmUp()) {
            double sd = Math.max(Math.sqrt(s.var), options.minStddev());
            if (Math.abs(v - s.mean) > options.zscore() * sd) return "zscore>" + num(options.zscore());
        }
        if (s.hasRef && Math.abs(v - s.refValue) > options.maxJump()) return "jump>" + num(options.maxJump());
        return null;
    }

    /** Exponentially weighted mean and variance; the first readings weigh 1/n, so the warm-up sees a plain average. */
    private void update(SensorAlertState s, double v) {
        s.n++;
        if (s.n == 1) {
            s.mean = v;
            s.var = 0;
            return;
        }
        double a = Math.max(options.alpha(), 1.0 / s.n);
        double d = v - s.mean;
        s.mean += a * d;
        s.var = (1 - a) * (s.var + a * d * d);
    }

    private void stuck(SensorAlertState s, long ts, double v, boolean repeated, long now, List<Alert> out) {
        if (repeated) {
            s.runLastTs = ts;
            if (!s.stuckOpen && ts - s.runStart >= options.stuckForMs()) {
                s.stuckOpen = true;
                out.add(alert(s, Alert.STUCK, s.runStart, null, v, stuckRule(), now));
            }
            return;
        }
        if (s.stuckOpen) closeStuck(s, now, out);
        s.runValue = v;
        s.runStart = ts;
        s.runLastTs = ts;
    }

    private void registerGap(SensorAlertState s, long from, long to, long startTs, long revealTs) {
        if (!s.gapPending) {
            s.gapPending = true;
            s.gapFromSeq = from;
            s.gapStartTs = startTs;
            s.gapMissing = 0;
            s.gapFilled = 0;
        } else {
            // The seqs received between the two gaps are not missing.
            for (long q = s.gapToSeq + 1; q < from && q - s.gapFromSeq < GAP_BITS; q++) s.gapFilled |= 1L << (q - s.gapFromSeq);
        }
        s.gapToSeq = to;
        s.gapRevealTs = revealTs;
        s.gapMissing += to - from + 1;
    }

    /** Opens a silence at the last reading, closing the sensor's other episodes there. */
    private void openSilence(SensorAlertState s, String rule, long now, List<Alert> out) {
        if (s.stuckOpen) closeStuck(s, now, out);
        if (s.spikeOpen) closeSpike(s, now, out);
        if (s.highOpen) closeHigh(s, now, out);
        if (s.lowOpen) closeLow(s, now, out);
        s.silenceOpen = true;
        s.silenceRule = rule;
        out.add(alert(s, Alert.SILENCE, s.lastTs, null, Double.NaN, rule, now));
    }

    private void closeStuck(SensorAlertState s, long now, List<Alert> out) {
        s.stuckOpen = false;
        out.add(alert(s, Alert.STUCK, s.runStart, s.runLastTs, s.runValue, stuckRule(), now));
    }

    private void closeSpike(SensorAlertState s, long now, List<Alert> out) {
        s.spikeOpen = false;
        out.add(alert(s, Alert.SPIKE, s.spikeStart, s.spikeLastTs, s.spikePeak, s.spikeRule, now));
    }

    private void closeHigh(SensorAlertState s, long now, List<Alert> out) {
        s.highOpen = false;
        out.add(alert(s, Alert.THRESHOLD_HIGH, s.highStart, s.highLastTs, s.highPeak, "temperature>" + num(options.maxTemp()), now));
    }

    private void closeLow(SensorAlertState s, long now, List<Alert> out) {
        s.lowOpen = false;
        out.add(alert(s, Alert.THRESHOLD_LOW, s.lowStart, s.lowLastTs, s.lowPeak, "temperature<" + num(options.minTemp()), now));
    }

    private String silenceRule() {
        return "silence>" + Durations.format(Duration.ofMillis(options.silenceAfterMs()));
    }

    private String stuckRule() {
        return "unchanged>=" + Durations.format(Duration.ofMillis(options.stuckForMs()));
    }

    private static Alert alert(SensorAlertState s, String kind, long start, Long end, double value, String rule, long now) {
        return new Alert(s.sensor, kind, start, end, value, rule, now);
    }

    /** 4 rather than 4.0, 2.5 as is: rules read like the options that were typed. */
    static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
