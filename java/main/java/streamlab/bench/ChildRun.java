package streamlab.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A program the bench starts and measures: wall time from launch to exit, and, polled every
 * {@value #POLL_MS} ms, the peak resident set and CPU time of its process (bin/streamlab and bin/submit-job
 * exec the JVM, so the process started here is the JVM) and of the extra processes {@code others} names
 * while it runs (a cluster's executors: their peaks are summed, as they live side by side).
 */
final class ChildRun {
    static final long POLL_MS = 200;

    /** Wall seconds, exit code, the process's peak RSS in MB and CPU seconds (null when never sampled), the others' summed peak. */
    record Measured(double wallSeconds, int exitCode, Long peakRssMb, Double cpuSeconds, Long othersPeakRssMb) {}

    /** Every program started and not yet ended, stopped when the bench itself is stopped. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Process process;
    private final long startNanos;

    private ChildRun(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
    }

    /** Starts CMD with stdout and stderr to files (null: discarded) and the extra environment {@code env}. */
    static ChildRun start(List<String> cmd, Map<String, String> env, Path stdout, Path stderr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // The bench itself was started through bin/streamlab with its own main class: the kit's programs run the CLI.
        pb.environment().remove("STREAMLAB_MAIN_CLASS");
        pb.environment().putAll(env);
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        pb.redirectError(stderr == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stderr.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return new ChildRun(p, t0);
    }

    /** Runs CMD to its end, measured. */
    static Measured run(List<String> cmd, Map<String, String> env, Path stdout, Path stderr, Supplier<Stream<ProcessHandle>> others)
            throws IOException, InterruptedException {
        ChildRun run = start(cmd, env, stdout, stderr);
        try {
            return run.measure(others);
        } finally {
            run.stop();
        }
    }

    /** Runs CMD to its end and returns its exit code; unmeasured (the tools around the measured runs). */
    static int quiet(List<String> cmd, Map<String, String> env, Path stdout, Path stderr) throws IOException, InterruptedException {
        ChildRun run = start(cmd, env, stdout, stderr);
        try {
            return run.process.waitFor();
        } finally {
            run.stop();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Polls until the process exits. */
    Measured measure(Supplier<Stream<ProcessHandle>> others) throws InterruptedException {
        Long rssKb = null;
        Double cpu = null;
        Map<Long, Long> othersKb = new HashMap<>();
        long pid = process.pid();
        while (process.isAlive()) {
            Sampler.Sample s = Sampler.sample(pid);
            if (s != null) {
                rssKb = rssKb == null ? s.rssKb() : Math.max(rssKb, s.rssKb());
                if (!Double.isNaN(s.cpuSeconds())) cpu = s.cpuSeconds();
            }
            if (others != null) {
                others.get().forEach(h -> {
                    Sampler.Sample o = Sampler.sample(h.pid());
                    if (o != null) othersKb.merge(h.pid(), o.rssKb(), Math::max);
                });
            }
            process.waitFor(POLL_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        int rc = process.waitFor();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Long othersMb = othersKb.isEmpty() ? null : Math.round(othersKb.values().stream().mapToLong(Long::longValue).sum() / 1024.0);
        return new Measured(wall, rc, rssKb == null ? null : Math.round(rssKb / 1024.0), cpu, othersMb);
    }

    /** SIGTERM to every program still running. */
    static void stopAll() {
        for (Process p : LIVE) p.destroy();
    }

    /**
     * SIGTERM, then the exit: the job's shutdown hook stops its query cleanly. A background job started from a
     * non-interactive shell ignores SIGINT, and so would the JVM.
     */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }
    }
}
