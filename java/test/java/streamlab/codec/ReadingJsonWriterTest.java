package streamlab.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written JSON must be byte for byte what Jackson writes, or be left to Jackson. */
class ReadingJsonWriterTest {
    static String jackson(Reading r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonReadingCodec.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(Reading.SENSOR, r.sensor());
            g.writeNumberField(Reading.TS, r.ts());
            g.writeNumberField(Reading.SEQ, r.seq());
            g.writeNumberField(Reading.TEMPERATURE, r.temperature());
            g.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void same(Reading r) throws IOException {
        assertThat(new String(JsonReadingCodec.INSTANCE.encode(r), StandardCharsets.UTF_8)).isEqualTo(jackson(r));
    }

    @Test
    void everyTwoDecimalTemperatureFromMinus1000To1000() throws IOException {
        for (long c = -100_000; c <= 100_000; c++) same(new Reading("sensor-01", 1_714_521_600_000L, c & 0xffff, c / 100.0));
    }

    @Test
    void otherNumbersAndExtremes() throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double t = switch (i % 4) {
                case 0 -> rng.nextDouble(-1e9, 1e9);
                case 1 -> Math.round(rng.nextDouble(-2e9, 2e9)) / 100.0;
                case 2 -> rng.nextGaussian() * 1e-3;
                default -> Double.longBitsToDouble(rng.nextLong() & 0x7fefffffffffffffL) * (rng.nextBoolean() ? 1 : -1);
            };
            same(new Reading("s" + i, rng.nextLong(), rng.nextLong(Long.MAX_VALUE), t));
        }
        for (double t : new double[] {0.0, -0.0, 0.01, -0.01, 0.001, 9_999_999.99, 1e7, -1e7, Double.MAX_VALUE, Double.MIN_VALUE}) {
            same(new Reading("x", Long.MIN_VALUE, 0, t));
            same(new Reading("x", Long.MAX_VALUE, Long.MAX_VALUE, t));
        }
    }

    @Test
    void sensorIdsThatNeedEscapingAreLeftToJackson() throws IOException {
        for (String s : new String[] {"a\"b", "back\\slash", "tab\t", "température", "日本", "\u007f", "emoji\uD83D\uDE00"}) {
            assertThat(ReadingJsonWriter.write(new Reading(s, 1, 2, 3.5))).as(s).isNull();
            same(new Reading(s, 1, 2, 3.5));
            assertThat(JsonReadingCodec.INSTANCE.decode(JsonReadingCodec.INSTANCE.encode(new Reading(s, 1, 2, 3.5))).sensor()).isEqualTo(s);
        }
    }
}
