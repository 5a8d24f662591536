package streamlab.flink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Readings in the kit's record format: a JSON object {@code {"sensor":..,"ts":..,"seq":..,"temperature":..}} or a
 * msgpack array {@code [sensor, ts, seq, temperature]}. Null for a record that does not decode, which the job
 * drops, as the textbook Spark job's {@code from_json} turns it into nulls; none of the kit's validation.
 */
final class ReadingDecoder {
    private static final JsonFactory JSON = new JsonFactory();

    private ReadingDecoder() {}

    static Reading json(byte[] bytes) {
        String sensor = null;
        Long ts = null;
        Long seq = null;
        Double temperature = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "sensor" -> sensor = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "ts" -> ts = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                    case "seq" -> seq = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                    case "temperature" -> temperature = v.isNumeric() ? p.getDoubleValue() : null;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        if (sensor == null || ts == null || seq == null || temperature == null) return null;
        return new Reading(sensor, ts, seq, temperature);
    }

    static Reading msgpack(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            if (u.unpackArrayHeader() != 4) return null;
            return new Reading(u.unpackString(), u.unpackLong(), u.unpackLong(), u.unpackDouble());
        } catch (IOException | RuntimeException e) {
            // msgpack-core reports a wrong type or a short record as an unchecked exception
            return null;
        }
    }
}
