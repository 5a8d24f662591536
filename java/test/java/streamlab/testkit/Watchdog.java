package streamlab.testkit;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The test JVM's own time limit, behind the per-test ones: surefire's and failsafe's forkedProcessTimeoutInSeconds ask the fork to
 * stop through its command channel, and a fork hung in a test was seen ignoring that (measured: a test sleeping past
 * a 150 s limit ran on to its end at 600 s). After {@code streamlab.test.jvmTimeoutSeconds} (the pom sets it from
 * {@code tests.timeout}) this daemon thread prints every thread's stack, so the log shows where it hung, and exits
 * the JVM: shutdown hooks still run, so brokers are stopped and their logs kept ({@link LocalKafka}).
 */
final class Watchdog {
    private static boolean started;

    private Watchdog() {}

    static synchronized void start() {
        long limit = Long.getLong("streamlab.test.jvmTimeoutSeconds", 0);
        if (started || limit <= 0) return;
        started = true;
        long deadline = ManagementFactory.getRuntimeMXBean().getStartTime() + limit * 1000;
        Thread t = new Thread(() -> {
            try {
                long left;
                while ((left = deadline - System.currentTimeMillis()) > 0) Thread.sleep(Math.min(left, 10_000));
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("[watchdog] the test JVM ran past streamlab.test.jvmTimeoutSeconds=" + limit
                    + " (-Dtests.timeout): every thread's stack, then exit 1");
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                System.out.println("\"" + e.getKey().getName() + "\" " + e.getKey().getState());
                for (StackTraceElement f : e.getValue()) System.out.println("    at " + f);
            }
            System.out.flush();
            System.exit(1);
        }, "streamlab-test-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
