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
 * {@link Alert} as a JSON object or a msgpack map with the names of {@link Alert#FIELDS}. {@code end}
 * is null while the episode lasts; a value that is not a number (a silence has no reading) travels
 * as null too, because JSON has no NaN.
 */
public final class AlertCodec {
    private AlertCodec() {}

    public static byte[] encode(Alert a, Format format) {
        return format == Format.JSON ? encodeJson(a) : encodeMsgpack(a);
    }

    /** Decodes either format, chosen by the first byte as for readings. */
    public static Alert decode(byte[] bytes) {
        return Format.detect(bytes) == Format.JSON ? decodeJson(bytes) : decodeMsgpack(bytes);
    }

    public static byte[] encodeJson(Alert a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(192);
        try (JsonGenerator g = JsonReadingCodec.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(Alert.SENSOR, a.sensor());
            g.writeStringField(Alert.KIND, a.kind());
            g.writeNumberField(Alert.START, a.start());
            if (a.end() == null) g.writeNullField(Alert.END); else g.writeNumberField(Alert.END, a.end());
            if (Double.isFinite(a.value())) g.writeNumberField(Alert.VALUE, a.value()); else g.writeNullField(Alert.VALUE);
            g.writeStringField(Alert.RULE, a.rule());
            g.writeNumberField(Alert.EMITTED_AT, a.emittedAt());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encodeMsgpack(Alert a) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(Alert.FIELDS.length);
            p.packString(Alert.SENSOR).packString(a.sensor());
            p.packString(Alert.KIND).packString(a.kind());
            p.packString(Alert.START).packLong(a.start());
            p.packString(Alert.END);
            if (a.end() == null) p.packNil(); else p.packLong(a.end());
            p.packString(Alert.VALUE);
            if (Double.isFinite(a.value())) p.packDouble(a.value()); else p.packNil();
            p.packString(Alert.RULE).packString(a.rule());
            p.packString(Alert.EMITTED_AT).packLong(a.emittedAt());
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Alert decodeJson(byte[] bytes) {
        Fields f = new Fields();
        try (JsonParser p = JsonReadingCodec.FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new DecodeException("JSON alert is not an object");
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (v) {
                    case VALUE_STRING -> f.string(name, p.getText());
                    case VALUE_NUMBER_INT -> {
                        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            throw new DecodeException("field '" + name + "' is out of range");
                        }
                        f.integer(name, p.getLongValue());
                    }
                    case VALUE_NUMBER_FLOAT -> f.floating(name, p.getDoubleValue());
                    case VALUE_NULL -> f.nil(name);
                    default -> {
                        f.other(name, v.toString());
                        p.skipChildren();
                    }
                }
            }
            if (t != JsonToken.END_OBJECT) throw new DecodeException("JSON alert is not a flat object");
            if (p.nextToken() != null) throw new DecodeException("trailing bytes after JSON object");
        } catch (JsonEOFException e) {
            throw new DecodeException("truncated JSON");
        } catch (IOException e) {
            throw new DecodeException("invalid JSON: " + JsonReadingCodec.firstLine(e.getMessage()));
        }
        return f.build();
    }

    public static Alert decodeMsgpack(byte[] bytes) {
        Fields f = new Fields();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            if (!u.hasNext()) throw new DecodeException("empty record");
            if (u.getNextFormat().getValueType() != ValueType.MAP) throw new DecodeException("msgpack alert is not a map");
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                if (u.getNextFormat().getValueType() != ValueType.STRING) {
                    throw new DecodeException("msgpack alert has a non-string key");
                }
                String name = u.unpackString();
                ValueType type = u.getNextFormat().getValueType();
                switch (type) {
                    case STRING -> f.string(name, u.unpackString());
                    case INTEGER -> f.integer(name, u.unpackLong());
                    case FLOAT -> f.floating(name, u.unpackDouble());
                    case NIL -> {
                        u.unpackNil();
                        f.nil(name);
                    }
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

    /** Collects fields in any order; unknown names are skipped so newer writers do not break older readers. */
    private static final class Fields {
        private String sensor;
        private String kind;
        private String rule;
        private Long start;
        private Long end;
        private boolean endSeen;
        private Double value;
        private boolean valueSeen;
        private Long emittedAt;

        void string(String name, String v) {
            switch (name) {
                case Alert.SENSOR -> sensor = v;
                case Alert.KIND -> kind = v;
                case Alert.RULE -> rule = v;
                default -> other(name, "a string");
            }
        }

        void integer(String name, long v) {
            switch (name) {
                case Alert.START -> start = v;
                case Alert.END -> {
                    end = v;
                    endSeen = true;
                }
                case Alert.EMITTED_AT -> emittedAt = v;
                case Alert.VALUE -> {
                    value = (double) v;
                    valueSeen = true;
                }
                default -> other(name, "an integer");
            }
        }

        void floating(String name, double v) {
            if (Alert.VALUE.equals(name)) {
                value = v;
                valueSeen = true;
            } else {
                other(name, "a float");
            }
        }

        void nil(String name) {
            switch (name) {
                case Alert.END -> endSeen = true;
                case Alert.VALUE -> valueSeen = true;
                default -> other(name, "null");
            }
        }

        void other(String name, String what) {
            for (String known : Alert.FIELDS) {
                if (known.equals(name)) throw new DecodeException("field '" + name + "' has the wrong type (" + what + ")");
            }
        }

        Alert build() {
            if (sensor == null) throw missing(Alert.SENSOR);
            if (kind == null) throw missing(Alert.KIND);
            if (start == null) throw missing(Alert.START);
            if (!endSeen) throw missing(Alert.END);
            if (!valueSeen) throw missing(Alert.VALUE);
            if (rule == null) throw missing(Alert.RULE);
            if (emittedAt == null) throw missing(Alert.EMITTED_AT);
            return new Alert(sensor, kind, start, end, value == null ? Double.NaN : value, rule, emittedAt).validate();
        }

        private static DecodeException missing(String field) {
            return new DecodeException("missing field '" + field + "'");
        }
    }
}
