package streamlab.report;

import java.io.PrintStream;
import java.util.List;

/**
 * Draws frames in place on a terminal: home the cursor, overwrite each line and clear what is left
 * of it, clear below the last line. Nothing is erased first, so the screen never flickers. The
 * cursor is hidden while drawing and shown again, with colours reset, on close (also after Ctrl-C).
 */
final class DashboardScreen implements AutoCloseable {
    private final PrintStream out;
    private boolean started;
    private int lastHeight;

    DashboardScreen(PrintStream out) {
        this.out = out;
    }

    void draw(List<String> lines) {
        StringBuilder sb = new StringBuilder(4096);
        if (!started) {
            sb.append(Ansi.HIDE_CURSOR).append(Ansi.CLEAR_SCREEN);
            started = true;
        }
        sb.append(Ansi.HOME);
        for (int i = 0; i < lines.size(); i++) {
            // no newline after the last line: on the bottom row it would scroll the frame up by one
            sb.append(lines.get(i)).append(Ansi.RESET).append(Ansi.CLEAR_TO_EOL);
            if (i < lines.size() - 1) sb.append('\n');
        }
        sb.append(Ansi.CLEAR_TO_END);
        out.print(sb);
        out.flush();
        lastHeight = lines.size();
    }

    /** Leaves the last frame on screen and puts the shell prompt below it. */
    @Override
    public void close() {
        if (!started) return;
        out.print(Ansi.RESET + Ansi.SHOW_CURSOR + (lastHeight > 0 ? "\n" : ""));
        out.flush();
        started = false;
    }
}
