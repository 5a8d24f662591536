package streamlab.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written reader must give what Jackson gives for every record it accepts, and leave the rest to Jackson. */
class ReadingJsonReaderTest {
    private static final JsonReadingCodec CODEC = JsonReadingCodec.INSTANCE;

    /** A reading, or the reason it was refused: what a record becomes, compared between the two paths. */
    private static String outcome(byte[] bytes, boolean withJackson) {
        try {
            Reading r = withJackson ? CODEC.decodeWithJackson(bytes) : CODEC.decode(bytes);
            // Double.toString tells -0.0 from 0.0 and shows every bit a wrong rounding would change.
            return r.sensor() + "|" + r.ts() + "|" + r.seq() + "|" + Double.toString(r.temperature());
        } catch (DecodeException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static void sameAsJackson(byte[] bytes) {
        assertThat(outcome(bytes, false)).as(new String(bytes, StandardCharsets.ISO_8859_1)).isEqualTo(outcome(bytes, true));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatTheWriterWritesAsJacksonDoes() {
        SplittableRandom rng = new SplittableRandom(7);
        int read = 0;
        for (int i = 0; i < 50_000; i++) {
            double t = switch (i % 4) {
                case 0 -> Math.round(rng.nextDouble(-1000, 1000) * 100) / 100.0;
                case 1 -> rng.nextDouble(-1e9, 1e9);
                case 2 -> Double.longBitsToDouble(rng.nextLong()) % 1e300;
                default -> rng.nextInt(-50, 50);
            };
            if (!Double.isFinite(t)) continue;
            long ts = i % 7 == 0 ? rng.nextLong() : rng.nextLong(0, 4_000_000_000_000L);
            Reading r = new Reading("s-" + rng.nextInt(100_000), ts, rng.nextLong(0, 1L << 40), t);
            byte[] bytes = CODEC.encode(r);
            sameAsJackson(bytes);
            assertThat(CODEC.decode(bytes)).isEqualTo(r);
            if (ReadingJsonReader.read(bytes) != null) read++;
        }
        // Most readings take the fast path; 19-digit timestamps (a random long) are left to Jackson.
        assertThat(read).isGreaterThan(35_000);
    }

    @Test
    void mutatedRecordsGetTheSameReadingOrReasonAsWithJackson() {
        SplittableRandom rng = new SplittableRandom(11);
        byte[] alphabet = ascii("{}\":,.-+eE0123456789 \\tsqa\u007f");
        for (int i = 0; i < 50_000; i++) {
            byte[] b = CODEC.encode(new Reading("s-" + rng.nextInt(1000), rng.nextLong(0, 2_000_000_000_000L), rng.nextInt(1000),
                    Math.round(rng.nextDouble(-50, 50) * 100) / 100.0));
            b = ByteEdits.edited(b, rng, () -> alphabet[rng.nextInt(alphabet.length)]);
            sameAsJackson(b);
        }
    }

    @Test
    void leavesEverythingButTheWritersFormToJackson() {
        String[] others = {
            "{\"sensor\": \"s-1\",\"ts\":1,\"seq\":0,\"temperature\":21.5}",
            "{\"ts\":1,\"sensor\":\"s-1\",\"seq\":0,\"temperature\":21.5}",
            "{\"sensor\":\"s\\u002d1\",\"ts\":1,\"seq\":0,\"temperature\":21.5}",
            "{\"sensor\":\"s-1\",\"ts\":01,\"seq\":0,\"temperature\":21.5}",
            "{\"sensor\":\"s-1\",\"ts\":1234567890123456789,\"seq\":0,\"temperature\":21.5}",
            "{\"sensor\":\"s-1\",\"ts\":1,\"seq\":0,\"temperature\":21.5} ",
            "{\"sensor\":\"s-1\",\"ts\":1,\"seq\":0,\"temperature\":21.}",
            "{\"sensor\":\"s-1\",\"ts\":1,\"seq\":0,\"temperature\":21.5,\"unit\":\"C\"}",
            "{\"sensor\":\"s-1\",\"ts\":1.0,\"seq\":0,\"temperature\":21.5}",
            "{\"sensor\":\"s-\u00e9\",\"ts\":1,\"seq\":0,\"temperature\":21.5}",
        };
        for (String s : others) {
            assertThat(ReadingJsonReader.read(ascii(s))).as(s).isNull();
            sameAsJackson(ascii(s));
        }
        // Accepted by Jackson all the same: the white space, the order, the escape, the long number and the extra field.
        assertThat(CODEC.decode(ascii(others[0]))).isEqualTo(new Reading("s-1", 1, 0, 21.5));
        assertThat(CODEC.decode(ascii(others[4])).ts()).isEqualTo(1234567890123456789L);
    }

    @Test
    void numbersAsJacksonReadsThem() {
        String form = "{\"sensor\":\"s-1\",\"ts\":%s,\"seq\":%s,\"temperature\":%s}";
        String[][] cases = {{"0", "0", "-0"}, {"-0", "0", "-0.0"}, {"1", "2", "2e1"}, {"1", "2", "-1.5E-3"}, {"1", "2", "1e400"},
            {"1", "-1", "20"}, {"999999999999999999", "0", "0.1"}, {"1", "2", "21.500000000000001"}};
        for (String[] c : cases) {
            byte[] b = ascii(String.format(form, (Object[]) c));
            assertThat(ReadingJsonReader.read(b)).as(c[2]).isNotNull();
            sameAsJackson(b);
        }
        // 0.0, not -0.0: the sign bit is clear.
        assertThat(Double.doubleToRawLongBits(CODEC.decode(ascii(String.format(form, "0", "0", "-0"))).temperature())).isZero();
    }

    @Test
    void decimalsReadByDivisionAreBitForBitWhatJacksonReads() {
        // Every length of the fast path and just past it (15 digits, 22 after the point), negatives, zeros, halfway
        // cases in the last digit, and the writer's own doubles.
        SplittableRandom rng = new SplittableRandom(13);
        String form = "{\"sensor\":\"s-1\",\"ts\":1,\"seq\":2,\"temperature\":%s}";
        int checked = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = switch (i % 4) {
                case 0 -> {
                    int digits = 1 + rng.nextInt(18);
                    int fraction = rng.nextInt(Math.min(digits, 24) + 1);
                    StringBuilder d = new StringBuilder();
                    for (int k = 0; k < digits; k++) d.append((char) ('0' + rng.nextInt(10)));
                    String whole = d.substring(0, digits - fraction).replaceFirst("^0+(?=.)", "");
                    yield whole.isEmpty() ? "0." + d.substring(digits - fraction) + (fraction == 0 ? "0" : "")
                            : fraction == 0 ? whole + ".0" : whole + "." + d.substring(digits - fraction);
                }
                case 1 -> "0." + "0".repeat(rng.nextInt(22)) + (1 + rng.nextInt(9)) + "5";
                case 2 -> Double.toString(rng.nextDouble(-100, 100));
                default -> Double.toString(Math.round(rng.nextDouble(-1e6, 1e6) * 100) / 100.0);
            };
            if (text.contains("E")) continue;
            if (rng.nextBoolean() && !text.startsWith("-")) text = "-" + text;
            byte[] b = ascii(String.format(form, text));
            Reading r = ReadingJsonReader.read(b);
            assertThat(r).as(text).isNotNull();
            assertThat(Double.doubleToRawLongBits(r.temperature())).as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
            checked++;
        }
        assertThat(checked).isGreaterThan(190_000);
        assertThat(Double.doubleToRawLongBits(ReadingJsonReader.read(ascii(String.format(form, "-0.0"))).temperature()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void aRecordRefusedAtItsFirstByteGetsTheReasonDecodeGives() {
        assertThat(ByteEdits.refusedAtFirstByte(CODEC::refusedAtFirstByte, b -> outcome(b, false))).isGreaterThan(200 * 50);
    }
}
