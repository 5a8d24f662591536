package streamlab.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import streamlab.codec.Alert;
import streamlab.codec.WindowResult;

/**
 * {@code --output jsonl}: one JSON object per record, whatever its wire format: {@code type}
 * ({@code window} or {@code alert}), the record's own fields with their wire names, then where it
 * came from ({@code topic}, {@code partition}, {@code offset}), so {@code jq} can pick any of them.
 */
public final class JsonlFormatter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonlFormatter() {}

    /** The JSON line for a window or alert; null for a skipped record (those go to stderr, keeping stdout pure JSON). */
    public static String format(Item item) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (item instanceof Item.WindowItem w) {
                g.writeStringField("type", "window");
                window(g, w.window());
            } else if (item instanceof Item.AlertItem a) {
                g.writeStringField("type", "alert");
                alert(g, a.alert());
            } else {
                return null;
            }
            g.writeStringField("topic", item.source().topic());
            g.writeNumberField("partition", item.source().partition());
            g.writeNumberField("offset", item.source().offset());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void window(JsonGenerator g, WindowResult w) throws IOException {
        g.writeStringField(WindowResult.SENSOR, w.sensor());
        g.writeNumberField(WindowResult.WINDOW_START, w.windowStart());
        g.writeNumberField(WindowResult.WINDOW_END, w.windowEnd());
        g.writeNumberField(WindowResult.COUNT, w.count());
        number(g, WindowResult.MIN, w.min());
        number(g, WindowResult.MAX, w.max());
        number(g, WindowResult.AVG, w.avg());
        number(g, WindowResult.STDDEV, w.stddev());
        g.writeNumberField(WindowResult.FIRST_TS, w.firstTs());
        g.writeNumberField(WindowResult.LAST_TS, w.lastTs());
        g.writeNumberField(WindowResult.SEQ_GAPS, w.seqGaps());
        g.writeNumberField(WindowResult.EMITTED_AT, w.emittedAt());
    }

    private static void alert(JsonGenerator g, Alert a) throws IOException {
        g.writeStringField(Alert.SENSOR, a.sensor());
        g.writeStringField(Alert.KIND, a.kind());
        g.writeNumberField(Alert.START, a.start());
        if (a.end() == null) g.writeNullField(Alert.END); else g.writeNumberField(Alert.END, a.end());
        number(g, Alert.VALUE, a.value());
        g.writeStringField(Alert.RULE, a.rule());
        g.writeNumberField(Alert.EMITTED_AT, a.emittedAt());
    }

    /** JSON has no NaN or infinity; a msgpack input may, so those become null rather than invalid JSON. */
    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) g.writeNumberField(name, v); else g.writeNullField(name);
    }
}
