package streamlab.flink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One closed window of one sensor, as the job writes it: key {@code sensor|window_start_ms}, a JSON value. */
public class WindowResult {
    private static final JsonFactory JSON = new JsonFactory();

    public String sensor;
    public long windowStart;
    public long windowEnd;
    public long count;
    public double min;
    public double max;
    public double avg;

    public WindowResult() {}

    byte[] key() {
        return (sensor + "|" + windowStart).getBytes(StandardCharsets.UTF_8);
    }

    /** The fields and names of the textbook Spark job's {@code to_json} output. */
    byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("sensor", sensor);
            g.writeNumberField("window_start", windowStart);
            g.writeNumberField("window_end", windowEnd);
            g.writeNumberField("count", count);
            g.writeNumberField("min", min);
            g.writeNumberField("max", max);
            g.writeNumberField("avg", avg);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
