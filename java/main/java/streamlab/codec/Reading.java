package streamlab.codec;

/**
 * One temperature reading, the record every command shares.
 *
 * @param sensor      sensor id, never empty; also the Kafka key, so a sensor's readings stay ordered
 * @param ts          event time, epoch milliseconds UTC
 * @param seq         per-sensor sequence number from 0, so loss and duplicates can be detected
 * @param temperature degrees Celsius, finite
 */
public record Reading(String sensor, long ts, long seq, double temperature) {
    public static final String SENSOR = "sensor";
    public static final String TS = "ts";
    public static final String SEQ = "seq";
    public static final String TEMPERATURE = "temperature";

    /** Throws {@link DecodeException} naming the first field that makes this reading unusable. */
    public Reading validate() {
        if (sensor == null || sensor.isEmpty()) throw new DecodeException("empty sensor id");
        if (!Double.isFinite(temperature)) throw new DecodeException("temperature is not finite: " + temperature);
        if (seq < 0) throw new DecodeException("negative seq: " + seq);
        return this;
    }
}
