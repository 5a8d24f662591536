package streamlab.common;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) handling for long-running commands: the JVM's shutdown hook raises a flag
 * that command loops poll, then waits (bounded) for the command to flush and close its clients.
 */
public final class StopSignal {
    private static volatile boolean requested;
    private static final CountDownLatch finished = new CountDownLatch(1);
    private static volatile boolean installed;

    private StopSignal() {}

    public static synchronized void install() {
        if (installed) return;
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            requested = true;
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "streamlab-stop"));
    }

    public static boolean requested() {
        return requested;
    }

    /** Called by {@code streamlab.cli.Main} once the command has returned, so the hook does not wait for nothing. */
    public static void commandFinished() {
        finished.countDown();
    }

    /** Sleeps, waking early when a stop is requested; returns false if it was. */
    public static boolean sleep(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!requested) {
            long left = end - System.nanoTime();
            if (left <= 0) return true;
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
