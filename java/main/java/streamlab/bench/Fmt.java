package streamlab.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How the bench writes its figures: thousands grouped in tables, fixed decimals, "-" for what was not measured. */
final class Fmt {
    private Fmt() {}

    /** 1234567 as "1,234,567"; null as "-". */
    static String group(Long n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    /** A decimal with {@code scale} places, "-" for null. */
    static String fixed(BigDecimal d) {
        return d == null ? "-" : d.toPlainString();
    }

    /** {@code v} rounded half up to {@code scale} places; null for null, NaN or infinite values. */
    static BigDecimal dec(Double v, int scale) {
        if (v == null || v.isNaN() || v.isInfinite()) return null;
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
    }

    /** n / seconds, rounded to whole units a second; null when either is missing or seconds is 0. */
    static Long rate(long n, BigDecimal seconds) {
        if (seconds == null || seconds.signum() == 0) return null;
        return Math.round(n / seconds.doubleValue());
    }

    /** a / b with two places; null when either is missing or b is 0. */
    static BigDecimal ratio(Number a, Number b) {
        if (a == null || b == null || b.doubleValue() == 0) return null;
        return dec(a.doubleValue() / b.doubleValue(), 2);
    }

    /** Right-aligned in a column of {@code width}. */
    static String right(String s, int width) {
        return String.format(Locale.ROOT, "%" + width + "s", s);
    }

    /** Left-aligned in a column of {@code width}. */
    static String left(String s, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", s);
    }

    static String str(Object o) {
        if (o == null) return "-";
        if (o instanceof BigDecimal d) return d.toPlainString();
        return o.toString();
    }
}
