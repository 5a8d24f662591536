package streamlab.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertCodecTest {
    private static final Alert OPEN = new Alert("s-01", Alert.THRESHOLD_HIGH, 1_700_000_000_000L, null, 35.25,
            "temperature > 30.0", 1_700_000_005_000L);
    private static final Alert CLOSED = new Alert("s-02", Alert.SILENCE, 1_700_000_000_000L, 1_700_000_060_000L,
            Double.NaN, "no reading for 30s", 1_700_000_061_000L);

    @Test
    void roundTripsInBothFormats() {
        for (Format f : Format.values()) {
            for (Alert a : new Alert[] {OPEN, CLOSED}) {
                byte[] bytes = AlertCodec.encode(a, f);
                assertThat(Format.detect(bytes)).as("%s detected", f).isEqualTo(f);
                assertThat(AlertCodec.decode(bytes)).as("%s %s", f, a.kind()).isEqualTo(a);
            }
        }
    }

    @Test
    void jsonUsesTheDocumentedNamesAndNullForAnOpenEnd() {
        String json = new String(AlertCodec.encodeJson(OPEN), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"sensor\":\"s-01\",\"kind\":\"threshold-high\",\"start\":1700000000000,"
                + "\"end\":null,\"value\":35.25,\"rule\":\"temperature > 30.0\",\"emitted_at\":1700000005000}");
        assertThat(OPEN.open()).isTrue();
        assertThat(CLOSED.open()).isFalse();
    }

    @Test
    void acceptsFieldsInAnyOrderIntegerValuesAndUnknownFields() {
        String json = "{\"rule\":\"r\",\"value\":31,\"emitted_at\":5,\"extra\":[1,2],\"end\":9,\"start\":2,"
                + "\"kind\":\"spike\",\"sensor\":\"x\"}";
        assertThat(AlertCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Alert("x", "spike", 2, 9L, 31.0, "r", 5));
    }

    @Test
    void rejectsIncompleteOrWrongRecordsWithTheFieldName() {
        assertThatThrownBy(() -> AlertCodec.decode("{\"sensor\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessage("missing field 'kind'");
        assertThatThrownBy(() -> AlertCodec.decode(("{\"sensor\":\"x\",\"kind\":\"spike\",\"start\":\"soon\"}")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(DecodeException.class).hasMessageContaining("'start'");
        WindowResult w = new WindowResult("s", 0, 60_000, 1, 1, 1, 1, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> AlertCodec.decode(WindowResultCodec.encodeMsgpack(w)))
                .isInstanceOf(DecodeException.class).hasMessage("missing field 'kind'");
        assertThatThrownBy(() -> AlertCodec.decode(new byte[] {(byte) 0x93, 1}))
                .isInstanceOf(DecodeException.class).hasMessage("msgpack alert is not a map");
        Alert backwards = new Alert("x", "spike", 10, 5L, 1, "r", 0);
        assertThatThrownBy(() -> AlertCodec.decode(AlertCodec.encodeJson(backwards)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("before it starts");
    }
}
