package streamlab.report;

import java.io.PrintStream;

/**
 * {@code --output lines|jsonl}: prints each record as it comes, once. A redelivered duplicate
 * prints nothing; a changed value for a window or alert already shown prints again (the latest
 * value wins, as on the dashboard). Skipped records are counted lines: on stdout for {@code lines},
 * on stderr for {@code jsonl} so that stdout stays valid JSON Lines.
 */
final class PlainOutput {
    private final Display mode;
    private final PrintStream out;
    private final PrintStream err;

    PlainOutput(Display mode, PrintStream out, PrintStream err) {
        this.mode = mode;
        this.out = out;
        this.err = err;
    }

    void show(Item item, DashboardState.Outcome outcome, long skippedSoFar) {
        if (outcome == DashboardState.Outcome.DUPLICATE) return;
        if (mode == Display.LINES) {
            out.println(LineFormatter.format(item, outcome == DashboardState.Outcome.UPDATED, skippedSoFar));
        } else if (item instanceof Item.SkippedItem) {
            err.println(LineFormatter.format(item, false, skippedSoFar));
        } else {
            out.println(JsonlFormatter.format(item));
        }
    }

    void flush() {
        out.flush();
        err.flush();
    }
}
