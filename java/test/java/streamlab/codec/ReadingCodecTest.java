package streamlab.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ReadingCodecTest {
    private static final double[] EXTREMES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.MIN_NORMAL, 1e-300, -273.15, 21.5, 0.1 + 0.2, Math.PI};
    private static final String[] IDS = {"s", "sensor-01", "Küche/Ofen", "温度計-7", "🌡️ probe", "a\"b\\c\n", "x".repeat(300)};

    static Reading random(Random rnd) {
        String sensor = rnd.nextInt(4) == 0 ? IDS[rnd.nextInt(IDS.length)] : randomString(rnd);
        long ts = rnd.nextInt(5) == 0 ? (rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE) : rnd.nextLong();
        long seq = rnd.nextInt(5) == 0 ? Long.MAX_VALUE : Math.abs(rnd.nextLong() % 1_000_000_000L);
        double t = switch (rnd.nextInt(3)) {
            case 0 -> EXTREMES[rnd.nextInt(EXTREMES.length)];
            case 1 -> Double.longBitsToDouble(rnd.nextLong());
            default -> rnd.nextGaussian() * 20;
        };
        if (!Double.isFinite(t)) t = 1.0;
        return new Reading(sensor, ts, seq, t);
    }

    private static String randomString(Random rnd) {
        int n = 1 + rnd.nextInt(20);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = rnd.nextInt(3) == 0 ? rnd.nextInt(0x2FFFF) : 0x20 + rnd.nextInt(0x5F);
            } while (!Character.isDefined(cp) || (cp >= 0xD800 && cp <= 0xDFFF));
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void roundTripsRandomReadingsExactly(Format format) {
        ReadingCodec codec = ReadingCodec.of(format);
        Random rnd = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Reading r = random(rnd);
            byte[] bytes = codec.encode(r);
            Reading back = codec.decode(bytes);
            assertThat(back).as("reading %d: %s", i, r).isEqualTo(r);
            assertThat(Double.doubleToRawLongBits(back.temperature())).isEqualTo(Double.doubleToRawLongBits(r.temperature()));
            assertThat(Format.detect(bytes)).isEqualTo(format);
            assertThat(ReadingCodec.decodeAny(bytes)).isEqualTo(r);
        }
    }

    @Test
    void jsonHasExactlyTheDocumentedFieldsAndMsgpackIsCompact() {
        Reading r = new Reading("sensor-01", 1_700_000_000_000L, 42, 21.37);
        String json = new String(JsonReadingCodec.INSTANCE.encode(r), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"sensor\":\"sensor-01\",\"ts\":1700000000000,\"seq\":42,\"temperature\":21.37}");
        byte[] mp = MsgpackReadingCodec.INSTANCE.encode(r);
        assertThat(mp[0] & 0xff).as("fixarray of 4").isEqualTo(0x94);
        assertThat(mp.length).isLessThan(json.length() / 2);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyTruncationIsATypedError(Format format) {
        ReadingCodec codec = ReadingCodec.of(format);
        byte[] full = codec.encode(new Reading("sensor-07", 1_700_000_000_123L, 7, -3.25));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> codec.decode(cut)).as("prefix of %d bytes", len).isInstanceOf(DecodeException.class)
                    .hasMessageNotContaining("null");
        }
    }

    @Test
    void randomGarbageNeverYieldsAHalfFilledReading() {
        Random rnd = new Random(7);
        int decoded = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] junk = new byte[rnd.nextInt(60)];
            rnd.nextBytes(junk);
            try {
                Reading r = ReadingCodec.decodeAny(junk);
                assertThat(r.sensor()).isNotEmpty();
                assertThat(Double.isFinite(r.temperature())).isTrue();
                decoded++;
            } catch (DecodeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(decoded).isLessThan(50);
    }

    @Test
    void jsonReasonsNameTheProblem() {
        assertReason("{\"sensor\":\"a\",\"ts\":1,\"seq\":0}", "missing field 'temperature'");
        assertReason("{\"sensor\":\"a\",\"ts\":\"yesterday\",\"seq\":0,\"temperature\":1}", "field 'ts' is not an integer");
        assertReason("{\"sensor\":\"\",\"ts\":1,\"seq\":0,\"temperature\":1}", "empty sensor id");
        assertReason("{\"sensor\":\"a\",\"ts\":1,\"seq\":0,\"temperature\":1e999}", "temperature is not finite");
        assertReason("{\"sensor\":\"a\",\"ts\":1,\"seq\":0,\"temperature\":NaN}", "invalid JSON");
        assertReason("[1,2,3]", "not an object");
        assertReason("{\"sensor\":\"a\",\"ts\":99999999999999999999,\"seq\":0,\"temperature\":1}", "out of range");
        assertReason("{\"sensor\":\"a\",\"ts\":1,\"seq\":0,\"temperature\":1} x", "trailing bytes");
    }

    @Test
    void bytesThatStartNoJsonValueNameTheirFirstByte() {
        byte[] msgpack = MsgpackReadingCodec.INSTANCE.encode(new Reading("s-1", 1, 0, 20.5));
        assertThatThrownBy(() -> JsonReadingCodec.INSTANCE.decode(msgpack)).isInstanceOf(DecodeException.class)
                .hasMessage("invalid JSON: no JSON value starts with byte 0x94");
        assertThatThrownBy(() -> JsonReadingCodec.INSTANCE.decode(new byte[] {' ', '\n', 0x07})).hasMessage("invalid JSON: no JSON value starts with byte 0x07");
        assertThatThrownBy(() -> JsonReadingCodec.INSTANCE.decode(new byte[] {(byte) 0xff})).hasMessage("invalid JSON: no JSON value starts with byte 0xff");
    }

    @Test
    void unknownJsonFieldsAreTolerated() {
        Reading r = JsonReadingCodec.INSTANCE.decode(
                "{\"sensor\":\"a\",\"unit\":\"C\",\"ts\":1,\"seq\":0,\"temperature\":2,\"meta\":{\"x\":[1]}}".getBytes(StandardCharsets.UTF_8));
        assertThat(r).isEqualTo(new Reading("a", 1, 0, 2.0));
    }

    @Test
    void msgpackReasonsNameTheProblem() throws Exception {
        try (var p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packString("a").packLong(1).packLong(2);
            assertThatThrownBy(() -> MsgpackReadingCodec.INSTANCE.decode(p.toByteArray()))
                    .isInstanceOf(DecodeException.class).hasMessageContaining("3 fields, expected 4");
        }
        try (var p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packLong(5).packLong(1).packLong(2).packDouble(1.0);
            assertThatThrownBy(() -> MsgpackReadingCodec.INSTANCE.decode(p.toByteArray()))
                    .isInstanceOf(DecodeException.class).hasMessageContaining("field 'sensor' is not a string");
        }
        try (var p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packString("a").packLong(1).packLong(2).packDouble(Double.NaN);
            assertThatThrownBy(() -> MsgpackReadingCodec.INSTANCE.decode(p.toByteArray()))
                    .isInstanceOf(DecodeException.class).hasMessageContaining("not finite");
        }
    }

    private static void assertReason(String json, String reason) {
        assertThatThrownBy(() -> JsonReadingCodec.INSTANCE.decode(json.getBytes(StandardCharsets.UTF_8)))
                .as(json).isInstanceOf(DecodeException.class).hasMessageContaining(reason);
    }
}
