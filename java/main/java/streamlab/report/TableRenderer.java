package streamlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import streamlab.codec.Alert;
import streamlab.codec.WindowResult;

/**
 * Draws a {@link DashboardState} as the lines of one screen of the given size: a header with
 * totals, one row per sensor (most urgent first) with a sparkline of its recent window averages,
 * and a panel of the newest alerts. Pure: the same state and size give the same text, so tests pin
 * it exactly with colours off.
 */
public final class TableRenderer {
    /** What the renderer cannot know from the state: where the records come from and how fast. */
    /** {@code missing}: the topics read that the cluster does not have (yet), named on the screen. */
    public record Header(String topics, String group, double recordsPerSecond, Long lag, List<String> missing) {
        public Header(String topics, String group, double recordsPerSecond, Long lag) {
            this(topics, group, recordsPerSecond, lag, List.of());
        }
    }

    static final int MAX_SPARK = 40;
    private static final int WINDOW_W = 17;
    private static final int COUNT_W = 6;
    private static final int NUM_W = 7;
    private static final int STATE_W = 8;
    private static final int KIND_W = 14;
    private static final int END_W = 14;
    private static final int MIN_ALERT_ROWS = 3;
    private static final int MAX_ALERT_ROWS = 10;

    private TableRenderer() {}

    public static List<String> render(DashboardState s, Header h, int width, int height, boolean color) {
        return render(s, h, width, height, color, MAX_SPARK);
    }

    /** {@code maxSpark}: the most window averages a sparkline shows (--trend); the width may allow fewer. */
    public static List<String> render(DashboardState s, Header h, int width, int height, boolean color, int maxSpark) {
        List<StyledLine> lines = new ArrayList<>();
        lines.add(headerLine(s, h));
        lines.add(sourceLine(s, h));
        if (s.lastSkipped() != null) {
            lines.add(new StyledLine().add("last skipped: " + s.lastSkipped().source() + ": " + s.lastSkipped().reason(),
                    Ansi.YELLOW));
        }
        lines.add(new StyledLine());

        List<String> names = s.sensorNames();
        int nameW = 6;
        for (String n : names) nameW = Math.max(nameW, Math.min(16, n.length()));
        int fixed = nameW + 1 + WINDOW_W + 1 + COUNT_W + 3 * (1 + NUM_W) + 2 + 1 + STATE_W;
        // on a narrow terminal the window times go first: the header names the newest window anyway
        int windowW = width >= fixed ? WINDOW_W : 0;
        if (windowW == 0) fixed -= WINDOW_W + 1;
        int sparkW = Math.max(0, Math.min(Math.min(MAX_SPARK, maxSpark), width - fixed));

        List<Alert> allAlerts = s.newestAlerts(MAX_ALERT_ROWS);
        // rows left for the sensor table (its header included) and the alert panel (title and a blank line)
        int room = height - lines.size() - 1 - 2;
        int alertRows = Math.max(1, Math.min(allAlerts.size(), MIN_ALERT_ROWS));
        List<DashboardState.SensorView> sensors = s.sensors(sparkW);
        int sensorRows = Math.max(0, Math.min(sensors.size(), room - alertRows));
        boolean hidden = sensorRows < sensors.size();
        if (hidden) sensorRows = Math.max(0, sensorRows - 1);
        alertRows = Math.max(alertRows, Math.min(allAlerts.size(), room - sensorRows - (hidden ? 1 : 0)));

        lines.add(new StyledLine().add(pad("SENSOR", nameW) + " " + (windowW == 0 ? "" : pad("WINDOW (UTC)", WINDOW_W) + " ")
                + lpad("COUNT", COUNT_W) + " " + lpad("MIN", NUM_W) + " " + lpad("AVG", NUM_W) + " "
                + lpad("MAX", NUM_W) + "  " + (sparkW == 0 ? "" : pad(cut("TREND", sparkW), sparkW) + " ") + "STATE", Ansi.BOLD));
        for (int i = 0; i < sensorRows; i++) lines.add(sensorLine(sensors.get(i), nameW, windowW, sparkW));
        if (hidden) {
            lines.add(new StyledLine().add("... " + (sensors.size() - sensorRows)
                    + " more sensors (enlarge the terminal or use --sensors)", Ansi.DIM));
        }

        lines.add(new StyledLine());
        lines.add(new StyledLine().add("ALERTS (newest first)", Ansi.BOLD));
        if (allAlerts.isEmpty()) {
            lines.add(new StyledLine().add("(none)", Ansi.DIM));
        } else {
            for (int i = 0; i < Math.min(alertRows, allAlerts.size()); i++) lines.add(alertLine(allAlerts.get(i), nameW));
        }

        List<String> out = new ArrayList<>();
        for (StyledLine l : lines) {
            if (out.size() >= height) break;
            out.add(l.render(width, color));
        }
        return out;
    }

    private static StyledLine headerLine(DashboardState s, Header h) {
        StyledLine l = new StyledLine().add("streamlab report", Ansi.BOLD);
        l.add("  windows " + s.windows() + "  alerts " + s.alertCount());
        l.add(String.format(Locale.ROOT, "  in %.1f rec/s", h.recordsPerSecond()));
        l.add("  lag " + (h.lag() == null ? "?" : h.lag()));
        if (s.duplicates() > 0) l.add("  duplicates " + s.duplicates());
        if (s.skipped() > 0) l.add("  skipped " + s.skipped(), Ansi.YELLOW);
        return l;
    }

    private static StyledLine sourceLine(DashboardState s, Header h) {
        WindowResult n = s.newestWindow();
        String newest = n == null ? "none yet" : Times.span(n.windowStart(), n.windowEnd()) + " UTC";
        StyledLine l = new StyledLine().add("newest window " + newest + "  topics " + h.topics() + "  group " + h.group(), Ansi.DIM);
        // Without it a mistyped --topics or a job not started yet looks the same as a quiet one.
        if (!h.missing().isEmpty()) l.add("  not there yet: " + String.join(", ", h.missing()), Ansi.YELLOW);
        return l;
    }

    private static StyledLine sensorLine(DashboardState.SensorView v, int nameW, int windowW, int sparkW) {
        StyledLine l = new StyledLine().add(pad(cut(v.sensor(), nameW), nameW) + " ");
        WindowResult w = v.latest();
        if (w == null) {
            l.add((windowW == 0 ? "" : pad("-", WINDOW_W) + " ") + lpad("-", COUNT_W) + " " + lpad("-", NUM_W) + " " + lpad("-", NUM_W)
                    + " " + lpad("-", NUM_W) + "  ");
        } else {
            l.add((windowW == 0 ? "" : pad(Times.time(w.windowStart()) + "-" + Times.time(w.windowEnd()), WINDOW_W) + " ")
                    + lpad(Long.toString(w.count()), COUNT_W) + " " + lpad(num(w.min()), NUM_W) + " "
                    + lpad(num(w.avg()), NUM_W) + " " + lpad(num(w.max()), NUM_W) + "  ");
        }
        if (sparkW > 0) l.add(pad(Sparkline.of(v.averages(), sparkW), sparkW), Ansi.CYAN).add(" ");
        l.add(v.status().label(), statusStyle(v.status()));
        return l;
    }

    private static StyledLine alertLine(Alert a, int nameW) {
        String end = a.open() ? "open" : "ended " + Times.time(a.end());
        return new StyledLine()
                .add(Times.time(a.start()) + " " + pad(cut(a.sensor(), nameW), nameW) + " ")
                .add(pad(a.kind(), KIND_W), kindStyle(a.kind()))
                .add(" " + lpad(Double.isFinite(a.value()) ? num(a.value()) : "-", NUM_W) + "  ")
                .add(pad(end, END_W), a.open() ? Ansi.BOLD : null)
                .add(" " + a.rule());
    }

    static String kindStyle(String kind) {
        return switch (kind) {
            case Alert.THRESHOLD_HIGH -> Ansi.RED;
            case Alert.THRESHOLD_LOW -> Ansi.BLUE;
            case Alert.SPIKE -> Ansi.MAGENTA;
            case Alert.STUCK, Alert.SEQ_GAP -> Ansi.CYAN;
            case Alert.SILENCE -> Ansi.YELLOW;
            case Alert.RESUMED -> Ansi.GREEN;
            default -> Ansi.BOLD;
        };
    }

    private static String statusStyle(SensorStatus st) {
        return switch (st) {
            case OK -> Ansi.GREEN;
            case ALERTING -> Ansi.BOLD + Ansi.RED;
            case SILENT -> Ansi.YELLOW;
        };
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String cut(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w);
    }

    static String pad(String s, int w) {
        if (s.length() >= w) return s;
        return s + " ".repeat(w - s.length());
    }

    static String lpad(String s, int w) {
        if (s.length() >= w) return s;
        return " ".repeat(w - s.length()) + s;
    }
}
