package streamlab.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's size in characters. Java cannot ask the terminal itself, so we ask {@code stty}
 * about {@code /dev/tty} (the controlling terminal even when stdout is redirected), then fall back to
 * the COLUMNS and LINES variables, then to 100x30.
 */
public record TerminalSize(int columns, int rows) {
    public static final TerminalSize DEFAULT = new TerminalSize(100, 30);

    public static TerminalSize detect() {
        TerminalSize s = fromStty();
        if (s != null) return s;
        return fromEnv(System.getenv("COLUMNS"), System.getenv("LINES"));
    }

    static TerminalSize fromEnv(String columns, String lines) {
        int c = positive(columns, DEFAULT.columns);
        int r = positive(lines, DEFAULT.rows);
        return new TerminalSize(c, r);
    }

    /** {@code stty size} prints "rows columns". */
    static TerminalSize parseStty(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) return null;
        int r = positive(parts[0], -1);
        int c = positive(parts[1], -1);
        return r > 0 && c > 0 ? new TerminalSize(c, r) : null;
    }

    private static TerminalSize fromStty() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size </dev/tty")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(1, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                return p.exitValue() == 0 ? parseStty(new String(in.readAllBytes(), StandardCharsets.US_ASCII)) : null;
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int positive(String s, int fallback) {
        if (s == null) return fallback;
        try {
            int v = Integer.parseInt(s.trim());
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
