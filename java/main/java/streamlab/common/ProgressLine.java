package streamlab.common;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a status line on stderr about once a second while long work runs. */
public final class ProgressLine implements AutoCloseable {
    private final ScheduledExecutorService timer;

    public ProgressLine(PrintStream err, long periodMillis, Supplier<String> line) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamlab-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            String s = line.get();
            if (s != null) err.println(s);
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    public static String count(long n) {
        return String.format("%,d", n);
    }
}
