package streamlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Peak resident set and CPU time of a live process. Linux keeps the peak itself (VmHWM in /proc/PID/status),
 * so polling loses nothing; elsewhere (macOS) {@code ps -o rss=,time= -p PID} gives the current resident set,
 * and the peak is the most seen while polling. CPU time comes from {@link ProcessHandle}, or from ps's time.
 */
final class Sampler {
    private static final boolean PROC = Files.isReadable(Path.of("/proc/self/status"));

    /** One look at a process: resident set (peak where the system keeps it) in KB and CPU seconds; null when it is gone. */
    record Sample(long rssKb, double cpuSeconds) {}

    static Sample sample(long pid) {
        if (PROC) {
            Long hwm = vmHwmKb(pid);
            if (hwm == null) return null;
            Optional<Duration> cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
            return new Sample(hwm, cpu.map(d -> d.toNanos() / 1e9).orElse(Double.NaN));
        }
        return ps(pid);
    }

    private static Long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code ps -o rss=,time= -p PID}: "  123456 00:01:02" (BSD and GNU; time may carry days, "1-02:03:04", or hundredths). */
    private static Sample ps(long pid) {
        try {
            Process p = new ProcessBuilder("ps", "-o", "rss=,time=", "-p", Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) return null;
            String[] f = out.split("\\s+");
            return new Sample(Long.parseLong(f[0]), cpuSeconds(f[1]));
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** ps's cumulative CPU time, [[DD-]HH:]MM:SS[.hh], in seconds. */
    static double cpuSeconds(String time) {
        double days = 0;
        int dash = time.indexOf('-');
        if (dash > 0) {
            days = Double.parseDouble(time.substring(0, dash));
            time = time.substring(dash + 1);
        }
        double s = 0;
        for (String part : time.split(":")) s = s * 60 + Double.parseDouble(part);
        return days * 86400 + s;
    }
}
