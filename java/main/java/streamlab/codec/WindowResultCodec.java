package streamlab.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * {@link WindowResult} as a JSON object or a msgpack map, both with the field names of
 * {@link WindowResult#FIELDS}. A map, unlike the positional array of a reading, because results are
 * few and read by people and by other tools; the names make them self-describing.
 */
public final class WindowResultCodec {
    private WindowResultCodec() {}

    public static byte[] encode(WindowResult r, Format format) {
        return format == Format.JSON ? encodeJson(r) : encodeMsgpack(r);
    }

    /** Decodes either format, chosen by the first byte as for readings. */
    public static WindowResult decode(byte[] bytes) {
        return Format.detect(bytes) == Format.JSON ? decodeJson(bytes) : decodeMsgpack(bytes);
    }

    public static byte[] encodeJson(WindowResult r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JsonReadingCodec.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(WindowResult.SENSOR, r.sensor());
            g.writeNumberField(WindowResult.WINDOW_START, r.windowStart());
            g.writeNumberField(WindowResult.WINDOW_END, r.windowEnd());
            g.writeNumberField(WindowResult.COUNT, r.count());
            writeStatistic(g, WindowResult.MIN, r.min());
            writeStatistic(g, WindowResult.MAX, r.max());
            writeStatistic(g, WindowResult.AVG, r.avg());
            writeStatistic(g, WindowResult.STDDEV, r.stddev());
            g.writeNumberField(WindowResult.FIRST_TS, r.firstTs());
            g.writeNumberField(WindowResult.LAST_TS, r.lastTs());
            g.writeNumberField(WindowResult.SEQ_GAPS, r.seqGaps());
            g.writeNumberField(WindowResult.EMITTED_AT, r.emittedAt());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encodeMsgpack(WindowResult r) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(WindowResult.FIELDS.length);
            p.packString(WindowResult.SENSOR).packString(r.sensor());
            p.packString(WindowResult.WINDOW_START).packLong(r.windowStart());
            p.packString(WindowResult.WINDOW_END).packLong(r.windowEnd());
            p.packString(WindowResult.COUNT).packLong(r.count());
            p.packString(WindowResult.MIN).packDouble(r.min());
            p.packString(WindowResult.MAX).packDouble(r.max());
            p.packString(WindowResult.AVG).packDouble(r.avg());
            p.packString(WindowResult.STDDEV).packDouble(r.stddev());
            p.packString(WindowResult.FIRST_TS).packLong(r.firstTs());
            p.packString(WindowResult.LAST_TS).packLong(r.lastTs());
            p.packString(WindowResult.SEQ_GAPS).packLong(r.seqGaps());
            p.packString(WindowResult.EMITTED_AT).packLong(r.emittedAt());
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WindowResult decodeJson(byte[] bytes) {
        Fields f = new Fields();
        try (JsonParser p = JsonReadingCodec.FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new DecodeException("JSON window result is not an object");
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING) {
                    f.string(name, p.getText());
                } else if (v == JsonToken.VALUE_NUMBER_INT) {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new DecodeException("field '" + name + "' is out of range");
                    }
                    f.integer(name, p.getLongValue());
                } else if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                    f.floating(name, p.getDoubleValue());
                } else if (v == JsonToken.VALUE_NULL) {
                    f.nullValue(name);
                } else {
                    f.other(name, v.toString());
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) throw new DecodeException("JSON window result is not a flat object");
            if (p.nextToken() != null) throw new DecodeException("trailing bytes after JSON object");
        } catch (JsonEOFException e) {
            throw new DecodeException("truncated JSON");
        } catch (IOException e) {
            throw new DecodeException("invalid JSON: " + JsonReadingCodec.firstLine(e.getMessage()));
        }
        return f.build();
    }

    public static WindowResult decodeMsgpack(byte[] bytes) {
        Fields f = new Fields();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            if (!u.hasNext()) throw new DecodeException("empty record");
            if (u.getNextFormat().getValueType() != ValueType.MAP) {
                throw new DecodeException("msgpack window result is not a map");
            }
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                if (u.getNextFormat().getValueType() != ValueType.STRING) {
                    throw new DecodeException("msgpack window result has a non-string key");
                }
                String name = u.unpackString();
                ValueType type = u.getNextFormat().getValueType();
                switch (type) {
                    case STRING -> f.string(name, u.unpackString());
                    case INTEGER -> f.integer(name, u.unpackLong());
                    case FLOAT -> f.floating(name, u.unpackDouble());
                    default -> {
                        f.other(name, type.toString());
                        u.skipValue();
                    }
                }
            }
            if (u.hasNext()) throw new DecodeException("trailing bytes after msgpack map");
        } catch (MessagePackException e) {
            throw new DecodeException("invalid msgpack: " + e.getMessage());
        } catch (IOException e) {
            throw new DecodeException("truncated msgpack");
        }
        return f.build();
    }

    /** JSON has no NaN or Infinity: a statistic that overflowed a double is written as null. */
    private static void writeStatistic(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }

    /** Collects fields in any order; unknown names are skipped so newer writers do not break older readers. */
    private static final class Fields {
        private String sensor;
        private final Long[] longs = new Long[WindowResult.FIELDS.length];
        private final Double[] doubles = new Double[WindowResult.FIELDS.length];

        void string(String name, String value) {
            if (WindowResult.SENSOR.equals(name)) {
                sensor = value;
            } else {
                other(name, "a string");
            }
        }

        void integer(String name, long value) {
            int i = index(name);
            if (i < 0) return;
            if (isDouble(i)) {
                doubles[i] = (double) value;
            } else if (i == 0) {
                throw new DecodeException("field '" + name + "' is not a string (an integer)");
            } else {
                longs[i] = value;
            }
        }

        void floating(String name, double value) {
            int i = index(name);
            if (i < 0) return;
            if (!isDouble(i)) throw new DecodeException("field '" + name + "' is not an integer (a float)");
            doubles[i] = value;
        }

        /** A statistic that overflowed a double (e.g. readings near ±1e308) travels as null: NaN here. */
        void nullValue(String name) {
            int i = index(name);
            if (i < 0) return;
            if (!isDouble(i)) throw new DecodeException("field '" + name + "' is null");
            doubles[i] = Double.NaN;
        }

        void other(String name, String what) {
            if (index(name) >= 0) throw new DecodeException("field '" + name + "' has the wrong type (" + what + ")");
        }

        WindowResult build() {
            if (sensor == null) throw missing(WindowResult.SENSOR);
            return new WindowResult(sensor, l(1), l(2), l(3), d(4), d(5), d(6), d(7), l(8), l(9), l(10), l(11));
        }

        private long l(int i) {
            if (longs[i] == null) throw missing(WindowResult.FIELDS[i]);
            return longs[i];
        }

        private double d(int i) {
            if (doubles[i] == null) throw missing(WindowResult.FIELDS[i]);
            return doubles[i];
        }

        private static boolean isDouble(int i) {
            return i >= 4 && i <= 7;
        }

        private static int index(String name) {
            for (int i = 0; i < WindowResult.FIELDS.length; i++) {
                if (WindowResult.FIELDS[i].equals(name)) return i;
            }
            return -1;
        }

        private static DecodeException missing(String field) {
            return new DecodeException("missing field '" + field + "'");
        }
    }
}
