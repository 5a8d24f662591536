package streamlab.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code {"sensor":"s-01","ts":1700000000000,"seq":0,"temperature":21.5}}; streaming Jackson, no object mapping. */
public final class JsonReadingCodec implements ReadingCodec {
    public static final JsonReadingCodec INSTANCE = new JsonReadingCodec();
    static final JsonFactory FACTORY = new JsonFactory();

    private JsonReadingCodec() {}

    @Override
    public Format format() {
        return Format.JSON;
    }

    @Override
    public byte[] encode(Reading r) {
        if (!Double.isFinite(r.temperature())) {
            throw new IllegalArgumentException("JSON cannot carry a non-finite temperature: " + r.temperature());
        }
        byte[] fast = ReadingJsonWriter.write(r);
        if (fast != null) return fast;
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(Reading.SENSOR, r.sensor());
            g.writeNumberField(Reading.TS, r.ts());
            g.writeNumberField(Reading.SEQ, r.seq());
            g.writeNumberField(Reading.TEMPERATURE, r.temperature());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public Reading decode(byte[] bytes) {
        Reading canonical = ReadingJsonReader.read(bytes);
        return canonical != null ? canonical.validate() : decodeWithJackson(bytes);
    }

    /** Any JSON object, with a reason for what is not a reading: what {@link #decode} does beyond the writer's own form. */
    Reading decodeWithJackson(byte[] bytes) {
        String sensor = null;
        Long ts = null;
        Long seq = null;
        Double temperature = null;
        String notJson = refusedAtFirstByte(bytes);
        if (notJson != null) throw new DecodeException(notJson);
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new DecodeException("JSON record is not an object");
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case Reading.SENSOR -> sensor = expectString(p, v, field);
                    case Reading.TS -> ts = expectLong(p, v, field);
                    case Reading.SEQ -> seq = expectLong(p, v, field);
                    case Reading.TEMPERATURE -> temperature = expectDouble(p, v, field);
                    default -> p.skipChildren(); // unknown fields are tolerated for forward compatibility
                }
            }
            if (t != JsonToken.END_OBJECT) throw new DecodeException("JSON record is not a flat object");
            if (hasTrailingContent(p)) throw new DecodeException("trailing bytes after JSON object");
        } catch (JsonEOFException e) {
            throw new DecodeException("truncated JSON");
        } catch (IOException e) {
            throw new DecodeException("invalid JSON: " + firstLine(e.getMessage()));
        }
        if (sensor == null) throw new DecodeException("missing field 'sensor'");
        if (ts == null) throw new DecodeException("missing field 'ts'");
        if (seq == null) throw new DecodeException("missing field 'seq'");
        if (temperature == null) throw new DecodeException("missing field 'temperature'");
        return new Reading(sensor, ts, seq, temperature).validate();
    }

    /**
     * Why bytes are no JSON at all, from their first byte that is not white space, or null when they may be: the
     * reason {@link #decode} gives them. Spares a parser exception (its stack trace costs more than the rest of a
     * record's processing) for whatever is not JSON: a flood of msgpack or of random bytes into a JSON job. The
     * packer asks first, so that such a flood throws nothing at all: an exception caught a few compiled frames up
     * cost a third of the map tasks' time.
     */
    @Override
    public String refusedAtFirstByte(byte[] bytes) {
        for (byte b : bytes) {
            switch (b) {
                case ' ', '\t', '\r', '\n':
                    continue;
                case '{', '[', '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n':
                    return null;
                default:
                    // Not String.format: this is the reason of every record in a flood of bad ones.
                    return NOT_JSON_START[b & 0xff];
            }
        }
        return null;
    }

    private static final String[] NOT_JSON_START = new String[256];

    static {
        for (int b = 0; b < 256; b++) {
            NOT_JSON_START[b] = "invalid JSON: no JSON value starts with byte 0x" + Character.forDigit(b >> 4, 16) + Character.forDigit(b & 0xf, 16);
        }
    }

    private static boolean hasTrailingContent(JsonParser p) {
        try {
            return p.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }

    private static String expectString(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.VALUE_STRING) throw wrongType(field, "a string", v);
        return p.getText();
    }

    private static long expectLong(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT) throw wrongType(field, "an integer", v);
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new DecodeException("field '" + field + "' is out of range");
        }
        return p.getLongValue();
    }

    private static double expectDouble(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) throw wrongType(field, "a number", v);
        return p.getDoubleValue();
    }

    private static DecodeException wrongType(String field, String expected, JsonToken actual) {
        return new DecodeException("field '" + field + "' is not " + expected + " (" + actual + ")");
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
