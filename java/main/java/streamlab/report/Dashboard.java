package streamlab.report;

import java.time.Duration;
import java.util.List;

/** Ties the live pieces together: when to redraw, the terminal size and the records/s and lag of the header. */
final class Dashboard {
    private final DashboardScreen screen;
    private final DashboardState state;
    private final TableRenderer.Header base;
    private final boolean color;
    private final int trend;
    private long lastDrawNanos;
    private long lastRecords;
    private double rate;
    private List<String> missing = List.of();

    Dashboard(DashboardScreen screen, DashboardState state, TableRenderer.Header base, boolean color, int trend) {
        this.screen = screen;
        this.state = state;
        this.base = base;
        this.color = color;
        this.trend = trend;
    }

    boolean due(Duration refresh) {
        return lastDrawNanos == 0 || System.nanoTime() - lastDrawNanos >= refresh.toNanos();
    }

    /** The topics read that do not exist yet, shown in the header until they do. */
    void missing(List<String> topics) {
        missing = List.copyOf(topics);
    }

    void redraw(ReportConsumer consumer) {
        long now = System.nanoTime();
        if (lastDrawNanos != 0 && now > lastDrawNanos) {
            rate = (state.records() - lastRecords) / ((now - lastDrawNanos) / 1e9);
        }
        lastDrawNanos = now;
        lastRecords = state.records();
        TerminalSize size = TerminalSize.detect();
        TableRenderer.Header h = new TableRenderer.Header(base.topics(), base.group(), rate, consumer.lag(), missing);
        // one row spare, so the shell prompt after exit does not scroll the header away
        screen.draw(TableRenderer.render(state, h, size.columns(), Math.max(5, size.rows() - 1), color, trend));
    }
}
