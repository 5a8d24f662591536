package streamlab.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Turns the text of a time column into epoch milliseconds. One instance per {@code --time-format}:
 * {@code auto}, {@code iso}, {@code epoch-s}, {@code epoch-ms} or a {@link DateTimeFormatter} pattern.
 * {@code auto} lets the first value decide between the three forms files use most (see {@link #of}). Times
 * without an offset or zone are local times in {@code zone}; in a DST gap they move forward by the
 * gap's length, and in a DST overlap they take the earlier offset (java.time's rules).
 */
public abstract class TimeParser {
    public static final String AUTO = "auto";
    public static final String ISO = "iso";
    public static final String EPOCH_S = "epoch-s";
    public static final String EPOCH_MS = "epoch-ms";

    /**
     * ISO-8601 date 'T' time, with an optional offset ({@code Z}, {@code +01}, {@code +0100},
     * {@code +01:00}) and an optional {@code [Region/City]}. Lenient offset parsing is what accepts
     * all three offset spellings that real files use.
     */
    private static final DateTimeFormatter ISO_FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().parseLenient().appendOffset("+HH", "Z").parseStrict().optionalEnd()
            .optionalStart().appendLiteral('[').parseCaseSensitive().appendZoneRegionId().appendLiteral(']').optionalEnd()
            .toFormatter(Locale.ROOT);

    private final String description;

    private TimeParser(String description) {
        this.description = description;
    }

    /** Epoch seconds this large would be after the year 5000: a number from here on is milliseconds (from 1973). */
    static final BigDecimal MILLIS_FROM = BigDecimal.valueOf(100_000_000_000L);
    /** Milliseconds this large would be after the year 5000 too (microseconds, nanoseconds): not guessed. */
    static final BigDecimal TOO_LARGE = BigDecimal.valueOf(100_000_000_000_000L);
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?\\d+(\\.\\d*)?");

    /**
     * The parser for a {@code --time-format} value; throws IllegalArgumentException for a pattern
     * java.time rejects. {@code auto}: the first value decides, for the rest of the file (and every
     * pass over it): ISO-8601 (with or without offset, 'T' or space), else a number, epoch seconds
     * below 10^11 and epoch milliseconds from there (10^11 s is the year 5138, 10^11 ms is 1973).
     */
    public static TimeParser of(String format, ZoneId zone) {
        return switch (format) {
            case AUTO -> new Auto(zone);
            case ISO -> new Iso(zone);
            case EPOCH_S -> new Epoch(1000, "epoch seconds");
            case EPOCH_MS -> new Epoch(1, "epoch milliseconds");
            default -> new Pattern(format, zone);
        };
    }

    /** Epoch milliseconds UTC; throws {@link TimeFormatException} with the reason the text is not a time. */
    public abstract long parseMillis(String text);

    /** What the parser expects, for messages: "an ISO-8601 time". */
    public String description() {
        return description;
    }

    /** For {@code auto}, once decided: what the first value was read as ("epoch milliseconds"); else null. */
    public String chosen() {
        return null;
    }

    /** For {@code auto}, once decided: the value that decided it; else null. */
    public String sample() {
        return null;
    }

    /**
     * The first value fits none of the forms {@code auto} knows. Not a bad row to skip: every other row is
     * written the same way, so the fix is a {@code --time-format} on the command line.
     */
    public static final class UndetectedFormatException extends RuntimeException {
        UndetectedFormatException(String message) {
            super(message, null, false, false);
        }
    }

    /** A value in the time column that this format cannot read. */
    public static final class TimeFormatException extends RuntimeException {
        TimeFormatException(String message) {
            super(message, null, false, false);
        }
    }

    TimeFormatException notATime(String text) {
        return new TimeFormatException("'" + text + "' is not " + description + " (see --time-format)");
    }

    static long toMillis(TemporalAccessor t, ZoneId zone) {
        if (t.isSupported(ChronoField.INSTANT_SECONDS)) return Instant.from(t).toEpochMilli();
        LocalDate date = t.query(TemporalQueries.localDate());
        if (date == null) throw new DateTimeException("no date");
        LocalTime time = t.query(TemporalQueries.localTime());
        ZonedDateTime z = ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time, zone);
        return z.toInstant().toEpochMilli();
    }

    private static final class Iso extends TimeParser {
        private final ZoneId zone;

        Iso(ZoneId zone) {
            super("an ISO-8601 time");
            this.zone = zone;
        }

        @Override
        public long parseMillis(String text) {
            // "2024-03-01 12:00:00" (SQL style) is as common in public datasets as the 'T' form.
            String s = text.length() > 10 && text.charAt(10) == ' '
                    ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            try {
                return toMillis(ISO_FORMAT.parse(s), zone);
            } catch (DateTimeException e) {
                throw notATime(text);
            }
        }
    }

    private static final class Auto extends TimeParser {
        private final ZoneId zone;
        private TimeParser chosen;
        private String sample;

        Auto(ZoneId zone) {
            super("a time");
            this.zone = zone;
        }

        @Override
        public long parseMillis(String text) {
            if (chosen == null) {
                chosen = detect(text);
                sample = text;
            }
            return chosen.parseMillis(text);
        }

        private TimeParser detect(String text) {
            if (NUMBER.matcher(text).matches()) {
                BigDecimal v = new BigDecimal(text).abs();
                if (v.compareTo(TOO_LARGE) >= 0) {
                    throw new UndetectedFormatException("'" + text + "' is too large for epoch seconds or milliseconds"
                            + " (microseconds?); --time-format auto reads ISO-8601, epoch-s and epoch-ms");
                }
                return v.compareTo(MILLIS_FROM) >= 0 ? of(EPOCH_MS, zone) : of(EPOCH_S, zone);
            }
            TimeParser iso = of(ISO, zone);
            try {
                iso.parseMillis(text);
                return iso;
            } catch (TimeFormatException e) {
                throw new UndetectedFormatException("'" + text + "' is not an ISO-8601 time (2024-03-01T12:00:00Z,"
                        + " with or without offset, 'T' or space), epoch seconds or epoch milliseconds, the forms"
                        + " --time-format auto recognises; give its pattern, e.g. --time-format 'dd/MM/yyyy HH:mm'");
            }
        }

        @Override
        public String description() {
            return chosen == null ? super.description() : chosen.description();
        }

        @Override
        public String chosen() {
            return chosen == null ? null : chosen.description();
        }

        @Override
        public String sample() {
            return sample;
        }
    }

    private static final class Epoch extends TimeParser {
        private final long unitMillis;

        Epoch(long unitMillis, String what) {
            super(what);
            this.unitMillis = unitMillis;
        }

        @Override
        public long parseMillis(String text) {
            try {
                if (isDigits(text)) return Math.multiplyExact(Long.parseLong(text), unitMillis);
                // Fractions ("1700000000.25" seconds): exact decimal arithmetic, rounded to the millisecond.
                return new BigDecimal(text).multiply(BigDecimal.valueOf(unitMillis))
                        .setScale(0, RoundingMode.HALF_UP).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw notATime(text);
            }
        }

        private static boolean isDigits(String s) {
            int n = s.length();
            if (n == 0 || n > 18) return false;
            int i = s.charAt(0) == '-' ? 1 : 0;
            if (i == n) return false;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') return false;
            }
            return true;
        }
    }

    private static final class Pattern extends TimeParser {
        private final DateTimeFormatter formatter;
        private final ZoneId zone;

        Pattern(String pattern, ZoneId zone) {
            super("a time like '" + pattern + "'");
            this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            this.zone = zone;
        }

        @Override
        public long parseMillis(String text) {
            try {
                return toMillis(formatter.parse(text), zone);
            } catch (DateTimeException e) {
                throw notATime(text);
            }
        }
    }
}
