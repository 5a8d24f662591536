package streamlab.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How long after a window closes its result is on the report topic. The job starts first ({@code --trigger 1s});
 * once it runs, produce sends readings of 1000 sensors paced with {@code --speedup R/1000} (one reading per sensor
 * and second of event time), so a 1-minute window closes every 60000/R s of wall time. A window is closed when the
 * watermark (latest event time - 30 s) passes its end, i.e. once produce has sent the first reading with event
 * time >= window end + 30 s; event time maps to wall time through the pacing, anchored at the CreateTime of the
 * first input record. A result's latency is its CreateTime on the report topic (set by Spark's producer) minus
 * that closing time. The run lasts until at least 3 windows have closed.
 */
final class LatencyRun {
    static final int SENSORS = 1000;
    static final long START_MS = java.time.Instant.parse(ProcessBench.START).toEpochMilli();
    static final long WINDOW_MS = 60_000;
    static final long WATERMARK_MS = 30_000;
    private static final Pattern SENT = Pattern.compile("produce: done: .* in ([0-9.]+) s,");

    /** The paced run's setup and figures (percentiles in ms; null where there were no results). */
    record Result(long readingsPerSecond, BigDecimal speedup, int seconds, long readings, BigDecimal sentSeconds, int results,
            Long p50, Long p99, Long max, int warmupSeconds, int resultsAfterWarmup, Long p50AfterWarmup, Long p99AfterWarmup,
            Long batchP50, Long target) {}

    private final Kit kit;
    private final Topics topics;
    private final BenchOptions.Process o;
    private final Path work;
    private final Log log;
    private final List<String> job;
    private final List<String> common;
    private final List<String> sparkConf;

    LatencyRun(Kit kit, Topics topics, BenchOptions.Process o, Path work, Log log, List<String> job, List<String> common,
            List<String> sparkConf) {
        this.kit = kit;
        this.topics = topics;
        this.o = o;
        this.work = work;
        this.log = log;
        this.job = job;
        this.common = common;
        this.sparkConf = sparkConf;
    }

    Result run(long rate) throws Exception {
        BigDecimal speedup = BigDecimal.valueOf(rate).divide(BigDecimal.valueOf(SENSORS)).stripTrailingZeros();
        // At least 3 windows must close: the run covers at least the watermark and 4 windows of event time. A pace
        // above what the job sustains would measure its backlog, not its latency: a slow machine gets a longer run.
        long minEventMs = WATERMARK_MS + 4 * WINDOW_MS;
        int seconds = o.latencySeconds;
        int minSeconds = (int) ((minEventMs * SENSORS / 1000 + rate - 1) / rate);
        if (seconds < minSeconds) {
            log.progress("  latency: " + seconds + " s at " + rate + " readings/s would close fewer than 3 windows; running " + minSeconds + " s");
            seconds = minSeconds;
        }
        long total = rate * seconds;
        String topic = "bench.process.latency";
        topics.recreate(topic, o.partitions);
        for (String t : List.of(".report", ".dlq", ".alerts")) topics.recreate(topic + t, 1);
        Path ckpt = work.resolve("ckpt-latency");
        ProcessBench.deleteTree(ckpt);
        Path progress = kit.benchDir.resolve(o.name + "-latency-progress.json");
        Files.deleteIfExists(progress);
        log.progress("  latency: " + (o.cluster() ? "bin/submit-job (" + o.master + ")" : "streamlab process --master " + o.master)
                + " --trigger 1s, then produce " + Fmt.group(total) + " readings at " + Fmt.group(rate) + "/s (--speedup "
                + speedup.toPlainString() + ") ...");
        List<String> cmd = new ArrayList<>(job);
        cmd.addAll(common);
        cmd.addAll(List.of("--topic", topic, "--format", "json", "--report-topic", topic + ".report", "--dlq-topic", topic + ".dlq",
                "--alerts-topic", topic + ".alerts", "--trigger", "1s", "--starting-offsets", "earliest", "--checkpoint", ckpt.toString(),
                "--progress-json", progress.toString()));
        cmd.addAll(sparkConf);
        Path err = kit.benchDir.resolve(o.name + "-latency.log");
        ChildRun jobRun = ChildRun.start(cmd, kit.env(o.cluster() ? Map.of("SPARK_MASTER_URL", o.master) : Map.of()), null, err);
        Path produceLog = work.resolve("produce-latency.log");
        long expected;
        try {
            // The first (empty) batch means the query runs: produce only then, so that start-up is not measured.
            long until = System.nanoTime() + 1_000_000_000L * kit.waitSeconds;
            while (Progress.read(progress).batches() == 0) {
                if (!jobRun.alive()) throw new BenchException("streamlab process exited early:\n" + Log.tail(Files.readString(err), 20));
                if (System.nanoTime() > until) throw new BenchException("streamlab process ran no batch within " + kit.waitSeconds + " s (" + err + ")");
                Thread.sleep(500);
            }
            new ProcessBench(kit, topics, o, work, log).produce(produceLog, "--topic", topic, "--format", "json", "--speedup",
                    speedup.toPlainString(), "--count", Long.toString(total), "--sensors", Integer.toString(SENSORS));
            // Windows the last reading's watermark closes: end <= last_ts - watermark.
            long lastTs = START_MS + (total / SENSORS - 1) * 1000;
            long closedWindows = (lastTs - WATERMARK_MS - START_MS) / WINDOW_MS;
            expected = closedWindows * SENSORS;
            until = System.nanoTime() + 1_000_000_000L * kit.waitSeconds;
            while (topics.endOffsets(topic + ".report") < expected) {
                if (System.nanoTime() > until) {
                    throw new BenchException("report has " + topics.endOffsets(topic + ".report") + " of " + expected + " results "
                            + kit.waitSeconds + " s after produce ended (" + err + ")");
                }
                Thread.sleep(500);
            }
        } finally {
            jobRun.stop();
        }
        // Anchor of the pacing: when produce sent the first reading (event time = start), the first record of either partition.
        Long t0 = topics.oldestCreateTime(topic);
        if (t0 == null) throw new BenchException("cannot read the first record of " + topic);
        List<double[]> latencies = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : topics.read(topic + ".report", 0, expected)) {
            // key: sensor|window_start
            String key = new String(r.key(), StandardCharsets.UTF_8);
            latencies.add(latency(t0, speedup, Long.parseLong(key.substring(key.lastIndexOf('|') + 1)), r.timestamp()));
        }
        Percentiles all = new Percentiles(latencies.stream().mapToDouble(l -> l[0]).toArray());
        // The JVM compiles the job's code during the first seconds; the figures after them are the steady state.
        Percentiles warm = new Percentiles(latencies.stream().filter(l -> l[1] >= o.latencyWarmup * 1000.0).mapToDouble(l -> l[0]).toArray());
        Percentiles batches = new Percentiles(Progress.read(progress).batchMillis());
        Long batchP50 = round(batches.median());
        Long target = batchP50 == null ? null : 1000 + 2 * batchP50;
        Matcher m = SENT.matcher(Files.readString(produceLog));
        BigDecimal sent = m.find() ? new BigDecimal(m.group(1)) : null;
        return new Result(rate, speedup, seconds, total, sent, all.count(), round(all.at(0.50)), round(all.at(0.99)), round(all.max()),
                o.latencyWarmup, warm.count(), round(warm.at(0.50)), round(warm.at(0.99)), batchP50, target);
    }

    /**
     * A result's latency and when its window closed (ms after T0): the window closes when produce sends the first
     * reading with event time >= its end + the watermark, which the pacing puts at T0 + event time / speedup.
     */
    static double[] latency(long t0, BigDecimal speedup, long windowStart, long resultTime) {
        double closing = t0 + (windowStart + WINDOW_MS + WATERMARK_MS - START_MS) / speedup.doubleValue();
        return new double[] {resultTime - closing, closing - t0};
    }

    private static Long round(double v) {
        return Double.isNaN(v) ? null : BigDecimal.valueOf(v).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
