package streamlab.common;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations are written the same way in every option: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write it like 500ms, 30s, 5m, 1h)");
        }
        double amount = Double.parseDouble(m.group(1));
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        double millis = amount * unitMillis;
        if (millis > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** The shortest exact spelling, so that help text and progress show what the user would type. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) return ms / 86_400_000L + "d";
        if (ms != 0 && ms % 3_600_000L == 0) return ms / 3_600_000L + "h";
        if (ms != 0 && ms % 60_000L == 0) return ms / 60_000L + "m";
        if (ms % 1_000L == 0) return ms / 1_000L + "s";
        return ms + "ms";
    }
}
