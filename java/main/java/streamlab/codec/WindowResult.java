package streamlab.codec;

/**
 * The aggregate of one sensor over one event-time window, as {@code process} writes it to the
 * report topic (key {@code sensor|window_start}). Encoded as a JSON object or a msgpack map with
 * the field names below; {@link WindowResultCodec} reads and writes both.
 *
 * @param sensor      sensor id
 * @param windowStart window start, epoch ms UTC, inclusive
 * @param windowEnd   window end, epoch ms UTC, exclusive
 * @param count       readings in the window
 * @param min         lowest temperature
 * @param max         highest temperature
 * @param avg         mean temperature
 * @param stddev      population standard deviation of the temperature (0 for a single reading)
 * @param firstTs     earliest event time in the window, epoch ms
 * @param lastTs      latest event time in the window, epoch ms
 * @param seqGaps     readings missing inside the window: max(0, max(seq) - min(seq) + 1 - count)
 * @param emittedAt   wall-clock time of the micro-batch that emitted this result, epoch ms
 */
public record WindowResult(String sensor, long windowStart, long windowEnd, long count, double min, double max,
                           double avg, double stddev, long firstTs, long lastTs, long seqGaps, long emittedAt) {
    public static final String SENSOR = "sensor";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String COUNT = "count";
    public static final String MIN = "min";
    public static final String MAX = "max";
    public static final String AVG = "avg";
    public static final String STDDEV = "stddev";
    public static final String FIRST_TS = "first_ts";
    public static final String LAST_TS = "last_ts";
    public static final String SEQ_GAPS = "seq_gaps";
    public static final String EMITTED_AT = "emitted_at";

    /** The field names in wire order. */
    public static final String[] FIELDS = {SENSOR, WINDOW_START, WINDOW_END, COUNT, MIN, MAX, AVG, STDDEV,
            FIRST_TS, LAST_TS, SEQ_GAPS, EMITTED_AT};

    /** The Kafka key of a result: one per sensor and window, so compaction and consumers can de-duplicate. */
    public static String key(String sensor, long windowStart) {
        return sensor + "|" + windowStart;
    }

    public String key() {
        return key(sensor, windowStart);
    }
}
