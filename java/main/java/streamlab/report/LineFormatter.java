package streamlab.report;

import java.util.Locale;
import streamlab.codec.Alert;
import streamlab.codec.WindowResult;

/** {@code --output lines}: one readable line per record, times in UTC. */
public final class LineFormatter {
    private LineFormatter() {}

    /** {@code updated} marks a new value for a window or alert already shown (a late or corrected result). */
    public static String format(Item item, boolean updated, long skippedSoFar) {
        String suffix = updated ? " (updated)" : "";
        if (item instanceof Item.WindowItem w) return window(w.window()) + suffix;
        if (item instanceof Item.AlertItem a) return alert(a.alert()) + suffix;
        Item.SkippedItem s = (Item.SkippedItem) item;
        return "skipped #" + skippedSoFar + " " + s.source() + ": " + s.reason();
    }

    static String window(WindowResult w) {
        return String.format(Locale.ROOT, "window %s %s n=%d min=%.2f avg=%.2f max=%.2f sd=%.2f gaps=%d",
                w.sensor(), Times.span(w.windowStart(), w.windowEnd()), w.count(), w.min(), w.avg(), w.max(),
                w.stddev(), w.seqGaps());
    }

    static String alert(Alert a) {
        String value = Double.isFinite(a.value()) ? String.format(Locale.ROOT, "%.2f", a.value()) : "-";
        String end = a.open() ? "open" : Times.time(a.end());
        return "alert  " + a.sensor() + " " + a.kind() + " " + Times.dateTime(a.start()) + "-" + end
                + " value=" + value + " rule=\"" + a.rule() + "\"";
    }
}
