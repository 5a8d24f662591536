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
            temperature = decimal(numberStart);
        } else {
            // A JSON integer: Jackson reads a long and widens it, so "-0" is 0.0, not -0.0.
            temperature = whole;
        }
        if (p != b.length - 1 || b[p] != '}') return null;
        return new Reading(new String(b, sensorStart, sensorEnd - sensorStart, StandardCharsets.US_ASCII), ts, seq, temperature);
    }

    /** 10^0 to 10^22: the powers of ten a double holds exactly. */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** Digits below 10^15 < 2^53 make an integer a double holds exactly. */
    private static final int EXACT_DIGITS = 15;

    /**
     * The JSON float at START..p as Jackson reads it (USE_FAST_DOUBLE_PARSER off): Double.parseDouble of its text,
     * the double nearest to it. A plain decimal of at most 15 digits, f of them after the point, is m / 10^f with m
     * and 10^f both exact doubles (f at most 22), and the division, rounded once, gives that same nearest double
     * (Clinger's fast path; the JDK takes it too, after making a string and a digit buffer of the text). Anything
     * else (an exponent, more digits) goes to Double.parseDouble.
     */
    private double decimal(int start) {
        boolean negative = b[start] == '-';
        long m = 0;
        int digits = 0;
        int fraction = -1;
        for (int i = negative ? start + 1 : start; i < p; i++) {
            byte c = b[i];
            if (c == '.') {
                fraction = 0;
            } else if (c >= '0' && c <= '9') {
                m = m * 10 + (c - '0');
                digits++;
                if (fraction >= 0) fraction++;
            } else {
                fraction = -1; // an exponent
                break;
            }
        }
        if (fraction < 0 || digits > EXACT_DIGITS || fraction >= POW10.length) {
            return Double.parseDouble(new String(b, start, p - start, StandardCharsets.US_ASCII));
        }
        double v = m / POW10[fraction];
        return negative ? -v : v;
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
