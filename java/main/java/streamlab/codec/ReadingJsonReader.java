package streamlab.codec;

import java.nio.charset.StandardCharsets;

/**
 * The reading {@link ReadingJsonWriter} writes, read back byte by byte, for {@link JsonReadingCodec#decode}:
 * in {@code process}, Jackson's parser set-up, field-name lookup and number parsing took a third of the map
 * tasks' time (JFR). Recognizes only that exact form ({@code {"sensor":"s-01","ts":1,"seq":0,"temperature":21.5}}:
 * these four fields in this order, no white space, no escapes, no leading zeros, at most 18 digits in an
 * integer part) and returns null for anything else, which Jackson then reads. So a record this reader accepts
 * gives the reading Jackson would give, and every other record gets Jackson's reading or reason.
 */
final class ReadingJsonReader {
    private static final byte[] SENSOR = "{\"sensor\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TS = "\",\"ts\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEMPERATURE = ",\"temperature\":".getBytes(StandardCharsets.US_ASCII);
    /** More digits may not fit a long: Jackson has the last word on those. */
    private static final int MAX_DIGITS = 18;

    private final byte[] b;
    private int p;

    private ReadingJsonReader(byte[] b) {
        this.b = b;
    }

    /** The reading in BYTES, not yet validated; null when BYTES are not exactly in the writer's form. */
    static Reading read(byte[] bytes) {
        return new ReadingJsonReader(bytes).reading();
    }

    private Reading reading() {
        if (!skip(SENSOR)) return null;
        int sensorStart = p;
        while (p < b.length && b[p] != '"') {
            int c = b[p] & 0xff;
            if (c < 0x20 || c > 0x7e || c == '\\') return null;
            p++;
        }
        int sensorEnd = p;
        if (!skip(TS)) return null;
        long ts = integer();
        if (ts == NONE || !skip(SEQ)) return null;
        long seq = integer();
        if (seq == NONE || !skip(TEMPERATURE)) return null;
        int numberStart = p;
        long whole = integer();
        if (whole == NONE) return null;
        double temperature;
        if (p < b.length && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
            if (!fractionAndExponent()) return null;
            // What Jackson does with a JSON float (USE_FAST_DOUBLE_PARSER off): Double.parseDouble of its text.
            temperature = Double.parseDouble(new String(b, numberStart, p - numberStart, StandardCharsets.US_ASCII));
        } else {
            // A JSON integer: Jackson reads a long and widens it, so "-0" is 0.0, not -0.0.
            temperature = whole;
        }
        if (p != b.length - 1 || b[p] != '}') return null;
        return new Reading(new String(b, sensorStart, sensorEnd - sensorStart, StandardCharsets.US_ASCII), ts, seq, temperature);
    }

    private static final long NONE = Long.MIN_VALUE;

    /** A JSON integer ({@code -?(0|[1-9][0-9]*)}) of at most {@value #MAX_DIGITS} digits; {@link #NONE} otherwise. */
    private long integer() {
        boolean negative = p < b.length && b[p] == '-';
        if (negative) p++;
        int start = p;
        long v = 0;
        while (p < b.length && b[p] >= '0' && b[p] <= '9') {
            v = v * 10 + (b[p] - '0');
            p++;
        }
        int digits = p - start;
        if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && b[start] == '0')) return NONE;
        return negative ? -v : v;
    }

    /** {@code (\.[0-9]+)?([eE][+-]?[0-9]+)?}, at least one of the two, as JSON allows after an integer part. */
    private boolean fractionAndExponent() {
        if (b[p] == '.') {
            p++;
            if (!digits()) return false;
        }
        if (p < b.length && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < b.length && (b[p] == '+' || b[p] == '-')) p++;
            return digits();
        }
        return true;
    }

    private boolean digits() {
        int start = p;
        while (p < b.length && b[p] >= '0' && b[p] <= '9') p++;
        return p > start;
    }

    private boolean skip(byte[] s) {
        if (b.length - p < s.length) return false;
        for (int i = 0; i < s.length; i++) {
            if (b[p + i] != s[i]) return false;
        }
        p += s.length;
        return true;
    }
}
