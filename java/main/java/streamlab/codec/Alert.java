package streamlab.codec;

import java.util.List;

/**
 * One alert episode of one sensor, as the alert query writes it to the alerts topic (key
 * {@code sensor}). An episode is written when it opens ({@code end == null}) and again when it
 * closes, with the same sensor, kind and start: readers upsert by {@link #key()}. Encoded as a JSON
 * object or a msgpack map with the field names below; {@link AlertCodec} reads and writes both.
 *
 * @param sensor    sensor id, never empty
 * @param kind      one of {@link #KINDS}; unknown kinds are kept, so a newer job does not break older readers
 * @param start     when the episode began, epoch ms UTC
 * @param end       when it ended, epoch ms UTC, or null while it lasts
 * @param value     the reading (or measure) that triggered it, e.g. the temperature over the threshold
 * @param rule      the rule in words, e.g. {@code temperature > 30.0}
 * @param emittedAt wall-clock time of the micro-batch that emitted it, epoch ms
 */
public record Alert(String sensor, String kind, long start, Long end, double value, String rule, long emittedAt) {
    public static final String SENSOR = "sensor";
    public static final String KIND = "kind";
    public static final String START = "start";
    public static final String END = "end";
    public static final String VALUE = "value";
    public static final String RULE = "rule";
    public static final String EMITTED_AT = "emitted_at";

    /** The field names in wire order. */
    public static final String[] FIELDS = {SENSOR, KIND, START, END, VALUE, RULE, EMITTED_AT};

    public static final String THRESHOLD_HIGH = "threshold-high";
    public static final String THRESHOLD_LOW = "threshold-low";
    public static final String SPIKE = "spike";
    public static final String STUCK = "stuck";
    public static final String SILENCE = "silence";
    public static final String RESUMED = "resumed";
    public static final String SEQ_GAP = "seq-gap";
    public static final List<String> KINDS = List.of(THRESHOLD_HIGH, THRESHOLD_LOW, SPIKE, STUCK, SILENCE, RESUMED, SEQ_GAP);

    /** True while the episode lasts. */
    public boolean open() {
        return end == null;
    }

    /** Identity of an episode: its open and closed versions share it. */
    public String key() {
        return sensor + "|" + kind + "|" + start;
    }

    /** Throws {@link DecodeException} naming the first field that makes this alert unusable. */
    public Alert validate() {
        if (sensor == null || sensor.isEmpty()) throw new DecodeException("empty sensor id");
        if (kind == null || kind.isEmpty()) throw new DecodeException("empty alert kind");
        if (rule == null) throw new DecodeException("missing field 'rule'");
        if (end != null && end < start) throw new DecodeException("alert ends (" + end + ") before it starts (" + start + ")");
        return this;
    }
}
