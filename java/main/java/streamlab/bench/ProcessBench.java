package streamlab.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * How fast {@code streamlab process} turns a topic of readings into window results, next to Kafka's
 * ConsumerPerformance reading the same topic (the ceiling for any consumer), and, with json, next to
 * {@link ReferenceJob}, the minimal Spark job of the same shape; and, per format, next to the Flink job of the same
 * shape ({@link FlinkReference}), measured as a whole process, whose windows must match those process closed.
 * <p>
 * Per format, the topic bench.process.FORMAT is created anew and preloaded with the readings (streamlab produce
 * --rate max --seed 1, fixed start); ConsumerPerformance reads it once, then {@code process --trigger
 * available-now} runs on it, each round on a fresh checkpoint. Three figures for the job:
 * <ul>
 *   <li>wall: launch to exit of the job's JVM (start-up, planning, all batches, shutdown);</li>
 *   <li>batches: the first micro-batch's start to the end of the batch that wrote the last result, from the
 *       job's progress ({@code --progress-json}); it holds the first batch's planning before any record is read
 *       and its commit after the last result;</li>
 *   <li>data: first offset to last result, from the launch of the job's first task (Spark's event log, which the
 *       bench turns on; the first fetch follows it) to the newest CreateTime on the report topic (set by Spark's
 *       producer when the job sends the result).</li>
 * </ul>
 * With several rounds the one with the shortest data figure (batches when no window closed) is reported.
 * Memory: the peak resident set of the job's JVM and, on a standalone cluster, of its executors (summed).
 */
final class ProcessBench {
    static final String START = "2024-05-01T00:00:00Z";
    /**
     * Readings of the small runs next to the Flink rows: on so few, a run's wall is its fixed cost (JVM, the engine's
     * start, the first plan and its cold code, shutdown), and the large run's wall less it is what its readings cost.
     */
    static final long SMALL_COUNT = 2_000;

    /** One job's figures, the best of its rounds. */
    record Row(String format, long readings, BigDecimal wallS, Long wallRate, BigDecimal batchesS, Long batchRate, BigDecimal dataS,
            Long dataRate, Long consumerPerf, BigDecimal ratio, Long driverRssMb, Long executorsRssMb, BigDecimal cpuS,
            long stateRowsPeak, long stateRowsLast, int rounds, List<BigDecimal> batchesAll, List<BigDecimal> dataAll, Long windowsOut,
            Long deadLettersOut) {
        /** The rate the latency run is paced from: first offset to last result, or batches when no window closed. */
        Long pacingRate() {
            return dataRate != null ? dataRate : batchRate;
        }
    }

    /** One run's measurement. */
    private record Round(BigDecimal wallS, BigDecimal batchesS, BigDecimal dataS, Long rssMb, Long executorsMb, BigDecimal cpuS,
            long statePeak, long stateLast, Long windowsOut, Long deadLettersOut) {
        /** The same run with what it wrote: windows and dead letters, counted on its own output topics. */
        Round written(Long windows, Long deadLetters) {
            return new Round(wallS, batchesS, dataS, rssMb, executorsMb, cpuS, statePeak, stateLast, windows, deadLetters);
        }

        BigDecimal key() {
            // The Flink job reports neither batches nor a first task: only its whole process is measured.
            return dataS != null ? dataS : batchesS != null ? batchesS : wallS;
        }
    }

    /** A run of the bench: its setup and figures. */
    record Result(String date, int cores, String loadAverageEnd, String master, String driverMemory, int partitions, int sensors,
            long count, List<String> formats, List<String> extraConf, List<Row> rows, BigDecimal vsReference, LatencyRun.Result latency,
            Map<String, BigDecimal> vsFlink, Map<String, BigDecimal> vsFlinkBeyondFixed) {
        Row row(String format) {
            return rows.stream().filter(r -> r.format().equals(format)).findFirst().orElse(null);
        }
    }

    private final Kit kit;
    private final Topics topics;
    private final BenchOptions.Process o;
    private final Path work;
    private final Log log;
    private final List<String> sparkConf = new ArrayList<>();

    ProcessBench(Kit kit, Topics topics, BenchOptions.Process o, Path work, Log log) {
        this.kit = kit;
        this.topics = topics;
        this.o = o;
        this.work = work;
        this.log = log;
        sparkConf.add("--conf");
        sparkConf.add("spark.ui.enabled=false");
        for (String c : o.conf) {
            sparkConf.add("--conf");
            sparkConf.add(c);
        }
    }

    Result run() throws Exception {
        log.progress("bench-process: " + o.count + " readings per format, " + o.sensors + " sensors, " + o.partitions + " partition(s), "
                + o.master + ", broker " + o.bootstrap + ", load " + Machine.loadAverage());
        Files.createDirectories(kit.benchDir);
        boolean flink = o.flink() && !o.cluster();
        String missing = flink ? FlinkReference.missing(FlinkReference.runtime(kit.build)) : null;
        if (missing != null) throw new BenchException(missing);
        List<Row> rows = new ArrayList<>();
        List<Row> flinkRows = new ArrayList<>();
        List<Row> smallRows = new ArrayList<>();
        Map<String, BigDecimal> vsFlink = new LinkedHashMap<>();
        Map<String, BigDecimal> vsFlinkBeyondFixed = new LinkedHashMap<>();
        Row ref = null;
        BigDecimal vsReference = null;
        Long jsonRate = null;
        for (String format : o.formats) {
            String topic = "bench.process." + format;
            recreate(topic);
            String written = o.inputFormat != null ? o.inputFormat : bytesFormat(format);
            log.progress("  streamlab produce --format " + written + " --rate max --count " + o.count + " --sensors " + o.sensors + " ...");
            produce(work.resolve("produce-" + format + ".log"), "--topic", topic, "--format", written, "--rate",
                    "max", "--count", Long.toString(o.count), "--sensors", Integer.toString(o.sensors));
            Long cp = o.consumerPerf() ? consumerPerf(topic) : null;
            Row row = bestOf(format, cp, o.count, () -> runProcess(topic, format, format, List.of(), o.count));
            rows.add(row);
            for (Map.Entry<String, String> v : o.variants) {
                String label = format + "+" + v.getKey();
                rows.add(bestOf(label, cp, o.count, () -> runProcess(topic, format, label, List.of("--conf", v.getValue()), o.count)));
            }
            if (format.equals("json")) jsonRate = row.pacingRate();
            if (format.equals("json") && o.reference() && !o.cluster()) {
                ref = bestOf("reference", cp, o.count, () -> runReference(topic));
                vsReference = Fmt.ratio(jsonRate, ref.pacingRate());
                log.progress("  process json / reference: " + Fmt.str(vsReference));
            }
            if (flink) {
                Row f = bestOf("flink-" + format, null, o.count, () -> runFlink(topic, format, "flink-" + format, o.count));
                flinkRows.add(f);
                checkFlink(topic, format);
                vsFlink.put(format, Fmt.ratio(row.wallRate(), f.wallRate()));
                log.progress("  process " + format + " / flink, whole process: " + Fmt.str(vsFlink.get(format)) + " (CPU "
                        + Fmt.str(row.cpuS()) + " s and " + Fmt.str(f.cpuS()) + " s)");
                vsFlinkBeyondFixed.put(format, beyondFixedCost(topic, format, written, row, f, smallRows));
            }
        }
        // The references' rows come after the formats' rows.
        if (ref != null) rows.add(ref);
        rows.addAll(flinkRows);
        rows.addAll(smallRows);
        LatencyRun.Result latency = null;
        if (o.latency()) {
            Long rate = o.latencyRate;
            if (rate == null) {
                if (jsonRate == null) throw new BenchException("--latency-rate is needed when json is not among --formats");
                rate = Math.max(1000, jsonRate / 2 / 1000 * 1000);
            }
            latency = new LatencyRun(kit, topics, o, work, log, job(), common(), sparkConf).run(rate);
        }
        return new Result(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"), Machine.cores(), Machine.loadAverage(), o.master,
                kit.driverMemory, o.partitions, o.sensors, o.count, o.formats, o.conf, rows, vsReference, latency, vsFlink, vsFlinkBeyondFixed);
    }

    private void recreate(String topic) throws Exception {
        topics.recreate(topic, o.partitions);
        for (String t : List.of(".report", ".dlq", ".alerts")) topics.recreate(topic + t, 1);
    }

    void produce(Path err, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("produce", "--bootstrap-server", o.bootstrap, "--seed", "1", "--start", START));
        cmd.addAll(List.of(args));
        int rc = ChildRun.quiet(kit.streamlab(cmd.toArray(String[]::new)), kit.env(Map.of()), null, err);
        if (rc != 0) throw new BenchException("streamlab produce failed:\n" + Log.tail(Files.readString(err), 5));
    }

    /** ConsumerPerformance on TOPIC: its fetch rate (fetch.nMsg.sec), the group join left out. */
    private long consumerPerf(String topic) throws Exception {
        log.progress("  ConsumerPerformance --topic " + topic + " --messages " + o.count + " ...");
        Path out = work.resolve("cp.log");
        int rc = ChildRun.quiet(kit.kafkaClass("org.apache.kafka.tools.ConsumerPerformance", List.of("--bootstrap-server", o.bootstrap,
                "--topic", topic, "--messages", Long.toString(o.count), "--timeout", "60000")), kit.kafkaToolEnv(), out, out);
        String text = Files.readString(out);
        if (rc != 0) throw new BenchException("ConsumerPerformance failed:\n" + Log.tail(text, 5));
        // start.time, end.time, MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        for (String line : text.split("\n")) {
            String[] f = line.split(", ");
            if (f.length >= 10 && f[4].trim().matches("[0-9]+")) return Math.round(Double.parseDouble(f[9].trim()));
        }
        throw new BenchException("no result line from ConsumerPerformance:\n" + Log.tail(text, 5));
    }

    private interface RoundRun {
        Round run() throws Exception;
    }

    /**
     * Both jobs again on {@link #SMALL_COUNT} readings of FORMAT (written as WRITTEN), their rows added to SMALL:
     * process / flink on what is left of the large runs (PROCESS, FLINK) once each engine's fixed cost is taken out.
     */
    private BigDecimal beyondFixedCost(String topic, String format, String written, Row process, Row flink, List<Row> small)
            throws Exception {
        String smallTopic = topic + ".small";
        recreate(smallTopic);
        produce(work.resolve("produce-" + format + "-small.log"), "--topic", smallTopic, "--format", written, "--rate", "max",
                "--count", Long.toString(SMALL_COUNT), "--sensors", Integer.toString(o.sensors));
        String label = smallLabel(format);
        Row ps = bestOf(label, null, SMALL_COUNT, () -> runProcess(smallTopic, format, label, List.of(), SMALL_COUNT));
        Row fs = bestOf("flink-" + label, null, SMALL_COUNT, () -> runFlink(smallTopic, format, "flink-" + label, SMALL_COUNT));
        small.add(ps);
        small.add(fs);
        BigDecimal processRest = process.wallS().subtract(ps.wallS());
        BigDecimal flinkRest = flink.wallS().subtract(fs.wallS());
        BigDecimal ratio = Fmt.ratio(flinkRest, processRest);
        log.progress("  fixed cost (" + Fmt.group(SMALL_COUNT) + " readings, whole process): process " + Fmt.str(ps.wallS()) + " s, flink "
                + Fmt.str(fs.wallS()) + " s; the rest of the " + Fmt.group(o.count) + " readings: process " + Fmt.str(processRest)
                + " s, flink " + Fmt.str(flinkRest) + " s (process / flink " + Fmt.str(ratio) + ")");
        return ratio;
    }

    /** The label of FORMAT's small run ({@link #SMALL_COUNT} readings). */
    static String smallLabel(String format) {
        return format + "-" + SMALL_COUNT / 1000 + "k";
    }

    private Row bestOf(String format, Long cp, long count, RoundRun run) throws Exception {
        Round best = null;
        List<BigDecimal> batches = new ArrayList<>();
        List<BigDecimal> data = new ArrayList<>();
        for (int i = 1; i <= o.rounds; i++) {
            if (o.rounds > 1) log.progress("  round " + i + " of " + o.rounds);
            Round r = run.run();
            batches.add(r.batchesS());
            data.add(r.dataS());
            if (best == null || r.key().compareTo(best.key()) < 0) best = r;
        }
        Long dataRate = Fmt.rate(count, best.dataS());
        Row row = new Row(format, count, best.wallS(), Fmt.rate(count, best.wallS()), best.batchesS(), Fmt.rate(count, best.batchesS()),
                best.dataS(), dataRate, cp, Fmt.ratio(dataRate, cp), best.rssMb(), best.executorsMb(), best.cpuS(), best.statePeak(),
                best.stateLast(), o.rounds, batches, data, best.windowsOut(), best.deadLettersOut());
        if (best.batchesS() == null) {
            log.progress("  " + format + ": " + (o.rounds == 1 ? "" : "best of " + o.rounds + ": ") + "wall " + row.wallS() + " s ("
                    + Fmt.group(row.wallRate()) + "/s), peak RSS " + Fmt.str(row.driverRssMb()) + " MB, CPU " + Fmt.str(row.cpuS()) + " s");
            return row;
        }
        log.progress("  " + format + ": " + (o.rounds == 1 ? "" : "best of " + o.rounds + " (first offset to last result " + data
                + " s; batches " + batches + " s): ") + "wall " + row.wallS() + " s (" + Fmt.group(row.wallRate()) + "/s), batches "
                + row.batchesS() + " s (" + Fmt.group(row.batchRate()) + "/s), first offset to last result "
                + (row.dataS() == null ? "- (no result)" : row.dataS() + " s (" + Fmt.group(dataRate) + "/s)")
                + (cp == null ? "" : ", ConsumerPerformance " + Fmt.group(cp) + "/s") + ", driver peak RSS " + Fmt.str(row.driverRssMb())
                + " MB" + (row.executorsRssMb() == null ? "" : ", executors " + row.executorsRssMb() + " MB") + ", CPU "
                + Fmt.str(row.cpuS()) + " s, state " + Fmt.group(row.stateRowsPeak()) + " rows at most");
        return row;
    }

    /** How the job starts: bin/streamlab in local mode, bin/submit-job on a standalone cluster; both exec the driver JVM. */
    List<String> job() {
        if (o.cluster()) return List.of(kit.bin.resolve("submit-job").toString());
        return kit.streamlab("process", "--master", o.master);
    }

    Map<String, String> jobEnv() {
        return o.cluster() ? Map.of("SPARK_MASTER_URL", o.master) : Map.of();
    }

    List<String> common() {
        return List.of("--bootstrap-server", o.bootstrap);
    }

    /** The format of the records on a format's topic: json-from-json is JSON, read by process with from_json. */
    private static String bytesFormat(String format) {
        return format.replace("-from-json", "");
    }

    /** One run of the job reading FORMAT from TOPIC, its files named after LABEL, with EXTRA arguments. */
    private Round runProcess(String topic, String format, String label, List<String> extra, long count) throws Exception {
        log.progress("  " + (o.cluster() ? "bin/submit-job (" + o.master + ")" : "streamlab process --master " + o.master) + " --format "
                + format + " --trigger available-now" + (extra.isEmpty() ? "" : " " + String.join(" ", extra)) + " ...");
        Path ckpt = work.resolve("ckpt-" + label);
        Path events = fresh(work.resolve("events-" + label));
        deleteTree(ckpt);
        long from = topics.endOffsets(topic + ".report");
        long dlqFrom = topics.endOffsets(topic + ".dlq");
        List<String> cmd = new ArrayList<>(job());
        cmd.addAll(common());
        cmd.addAll(List.of("--topic", topic, "--format", bytesFormat(format)));
        if (format.equals("json-from-json")) cmd.addAll(List.of("--json-parser", "from_json"));
        cmd.addAll(List.of("--report-topic", topic + ".report", "--dlq-topic", topic + ".dlq", "--alerts-topic", topic + ".alerts",
                "--trigger", "available-now", "--starting-offsets", "earliest", "--checkpoint", ckpt.toString()));
        cmd.addAll(sparkConf);
        cmd.addAll(extra);
        cmd.addAll(List.of("--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri()));
        Path progress = kit.benchDir.resolve(o.name + "-" + label + "-progress.json");
        cmd.addAll(List.of("--progress-json", progress.toString()));
        Round r = timed(label, "streamlab process", cmd, kit.env(jobEnv()), progress);
        Progress p = Progress.read(progress);
        if (p.rowsIn() != count) throw new BenchException("streamlab process read " + p.rowsIn() + " records, expected " + count + " ("
                + progress + ")");
        // Variants write to the same topics after the plain run: each run counts its own.
        return withData(r, events, topic + ".report", from, "streamlab process")
                .written(topics.endOffsets(topic + ".report") - from, topics.endOffsets(topic + ".dlq") - dlqFrom);
    }

    /** {@link ReferenceJob} on TOPIC (JSON), started as bin/streamlab starts the kit, in local mode. */
    private Round runReference(String topic) throws Exception {
        topics.recreate(topic + ".reference", 1);
        log.progress("  reference: streamlab.bench.ReferenceJob (from_json, watermark, window, count/avg/min/max) on " + topic + " ...");
        Path ckpt = work.resolve("ckpt-reference");
        Path events = fresh(work.resolve("events-reference"));
        deleteTree(ckpt);
        Path progress = kit.benchDir.resolve(o.name + "-reference-progress.json");
        List<String> cmd = new ArrayList<>(List.of(kit.bin.resolve("streamlab").toString(), o.bootstrap, topic, topic + ".reference",
                ckpt.toString(), progress.toString(), "spark.master=" + o.master, "spark.eventLog.enabled=true",
                "spark.eventLog.dir=" + events.toUri()));
        Round r = timed("reference", "the reference job", cmd, kit.env(Map.of("STREAMLAB_MAIN_CLASS", ReferenceJob.class.getName())), progress);
        return withData(r, events, topic + ".reference", 0, "the reference job").written(topics.endOffsets(topic + ".reference"), null);
    }

    /**
     * The Flink job on TOPIC, from its own runtime, as a whole process: wall, CPU and peak RSS of its JVM. Its
     * results go to TOPIC.flink, recreated for each round.
     */
    private Round runFlink(String topic, String format, String label, long count) throws Exception {
        String results = topic + ".flink";
        topics.recreate(results, 1);
        log.progress("  flink: " + FlinkReference.MAIN_CLASS + " (Flink 1.20 local, parallelism 2, bounded Kafka source, watermark, "
                + "window, count/min/max/avg) on " + topic + " ...");
        Path counts = work.resolve(label + ".counts");
        Files.deleteIfExists(counts);
        List<String> cmd = FlinkReference.command(kit.java, FlinkReference.runtime(kit.build), kit.driverMemory, o.bootstrap, topic,
                results, bytesFormat(format), counts);
        Path out = work.resolve(label + ".out");
        Path err = kit.benchDir.resolve(o.name + "-" + label + ".log");
        ChildRun.Measured m = ChildRun.run(cmd, kit.env(Map.of()), out, err, null);
        if (m.exitCode() != 0) {
            throw new BenchException(Log.tail(Files.readString(err), 8) + "\nthe Flink job failed with exit code " + m.exitCode()
                    + " (whole log: " + err + ")");
        }
        FlinkReference.Counts c = FlinkReference.counts(counts);
        if (c.records() != count) {
            throw new BenchException("the Flink job read " + c.records() + " records, expected " + count + " (" + err + ")");
        }
        return new Round(Fmt.dec(m.wallSeconds(), 1), null, null, m.peakRssMb(), null, Fmt.dec(m.cpuSeconds(), 1), 0, 0, c.windows(), null);
    }

    /** Fails the bench unless every window process closed on TOPIC is among the Flink job's, with the same figures. */
    private void checkFlink(String topic, String format) {
        Map<String, FlinkReference.Window> p = FlinkReference.processWindows(topics.read(topic + ".report", 0, Long.MAX_VALUE / 2));
        Map<String, FlinkReference.Window> f = FlinkReference.flinkWindows(topics.read(topic + ".flink", 0, Long.MAX_VALUE / 2));
        String diff = FlinkReference.compare(p, f);
        if (diff != null) throw new BenchException("process and the Flink job disagree on " + topic + ": " + diff);
        log.progress("  flink-" + format + ": the " + p.size() + " windows process closed are among Flink's " + f.size()
                + ", with the same count, min, max and avg");
    }

    private Round timed(String run, String what, List<String> cmd, Map<String, String> env, Path progress) throws Exception {
        Files.deleteIfExists(progress);
        Path out = work.resolve(run + ".out");
        Path err = kit.benchDir.resolve(o.name + "-" + run + ".log");
        ChildRun.Measured m = ChildRun.run(cmd, env, out, err, executors());
        if (m.exitCode() != 0) {
            String lines = Files.readString(err).lines().filter(l -> l.startsWith("process: ") || l.startsWith("Error"))
                    .reduce((a, b) -> a + "\n" + b).map(s -> Log.tail(s, 8)).orElse("");
            throw new BenchException(lines + "\n" + Files.readString(out) + what + " failed with exit code " + m.exitCode()
                    + " (whole log: " + err + ")");
        }
        Progress p = Progress.read(progress);
        if (p.batches() == 0) throw new BenchException("no progress from " + what + " (" + err + ")");
        return new Round(Fmt.dec(m.wallSeconds(), 1), Fmt.dec(p.batchesSeconds(), 1), null, m.peakRssMb(), m.othersPeakRssMb(),
                Fmt.dec(m.cpuSeconds(), 1), p.stateRowsPeak(), p.stateRowsLast(), null, null);
    }

    /** Adds first offset to last result; none when the run closed no window (few readings per sensor, as in the memory runs). */
    private Round withData(Round r, Path events, String resultsTopic, long from, String what) throws IOException {
        Long first = EventLog.firstTaskLaunch(events);
        if (first == null) throw new BenchException("no task start in the Spark event log of " + what + " (" + events + ")");
        Long last = topics.newestCreateTime(resultsTopic, from);
        BigDecimal data = last == null ? null : Fmt.dec((last - first) / 1000.0, 2);
        return new Round(r.wallS(), r.batchesS(), data, r.rssMb(), r.executorsMb(), r.cpuS(), r.statePeak(), r.stateLast(), r.windowsOut(),
                r.deadLettersOut());
    }

    /**
     * The executors of a run on a standalone cluster: executor JVMs whose parent, a worker, serves --master (a
     * worker starts them itself, and its command line names the master). None in local mode.
     */
    Supplier<Stream<ProcessHandle>> executors() {
        if (!o.cluster()) return null;
        return () -> ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                        .contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"))
                .filter(p -> p.parent().flatMap(w -> w.info().commandLine()).orElse("").contains(o.master));
    }

    private static Path fresh(Path dir) throws IOException {
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
