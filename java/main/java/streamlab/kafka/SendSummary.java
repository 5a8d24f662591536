package streamlab.kafka;

import streamlab.common.ProgressLine;

/** The progress and final summary lines of {@code produce} and {@code replay}, so both read alike. */
public final class SendSummary {
    private SendSummary() {}

    public static String progress(String command, ReadingSender s, long startNanos, String extra) {
        double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long retries = s.retries();
        return String.format("%s: sent %s (%s/s), acked %s, errors %s%s%s", command,
                ProgressLine.count(s.sent()), ProgressLine.count(Math.round(s.sent() / secs)),
                ProgressLine.count(s.acked()), ProgressLine.count(s.failed()),
                retries > 0 ? ", retries " + ProgressLine.count(retries) : "", extra == null ? "" : ", " + extra);
    }

    public static String summary(String command, ReadingSender s, long startNanos) {
        double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long retries = s.retries();
        // Retries only when there were some, at the end: the usual line stays as the labs show it.
        return String.format("%s: done: %s records (%s acked, %s failed) in %.1f s, %s records/s, %.2f MB/s, %.1f bytes/record (%s)%s",
                command, ProgressLine.count(s.sent()), ProgressLine.count(s.acked()), ProgressLine.count(s.failed()), secs,
                ProgressLine.count(Math.round(s.sent() / secs)), s.bytes() / secs / 1e6,
                s.sent() == 0 ? 0.0 : (double) s.bytes() / s.sent(), s.codec().format().lower(),
                retries > 0 ? ", " + ProgressLine.count(retries) + " retries" : "");
    }
}
