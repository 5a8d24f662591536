package streamlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark suite in one go ({@code make bench}), on one machine and one broker: produce, process (with the
 * paced latency run), partitions, local mode vs a standalone cluster, and memory, gathered into
 * results.md and results.json. Servers of its own ({@link Servers}) unless --bootstrap-server names a broker.
 */
final class Suite {
    /** Everything results.md and results.json are written from. */
    record Report(String date, long durationSeconds, Map<String, Object> machine, Map<String, Object> build, String broker,
            String brokerOrigin, BenchOptions.Suite options, String driverMemory, Map<String, Long> sectionSeconds,
            ProduceBench.Result produce, ProcessBench.Result process, Map<Integer, ProcessBench.Result> partitions,
            ProcessBench.Result cluster, Map<Integer, ProcessBench.Result> memory, CatchUpBench.Result catchUp) {}

    private final Kit kit;
    private final Map<String, String> env;
    private final BenchOptions.Suite o;
    private final Log log;

    Suite(Kit kit, Map<String, String> env, BenchOptions.Suite o, Log log) {
        this.kit = kit;
        this.env = env;
        this.o = o;
        this.log = log;
    }

    Report run() throws Exception {
        Path dir = kit.benchDir;
        Path ownVar = dir.resolve("var");
        // Figures of an earlier run must not mix with this one's.
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith("process") && (n.endsWith(".log") || n.endsWith(".json") || n.endsWith(".md")) || n.startsWith("results.")
                        || n.equals("produce.md") || n.equals("produce.json") || n.endsWith(".kv")) {
                    Files.delete(f);
                }
            }
        }
        Path jar = Path.of(env.getOrDefault("STREAMLAB_BENCH_SOURCE_JAR", kit.build.resolve("streamlab.jar").toString()));
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("jar_built", Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
        build.put("commit", commit());
        boolean cds = "1".equals(env.get("STREAMLAB_BENCH_CDS"));
        if (cds) {
            say("class-data archive for the copy of the jar (bin/build-cds --jar)");
            Path jarCopy = Path.of(kit.childEnv.get("STREAMLAB_JAR"));
            // From the jar's own class list (its last training): build-cds reads it next to STREAMLAB_JAR, the original.
            int rc = ChildRun.quiet(List.of(kit.bin.resolve("build-cds").toString(), "--jar", jarCopy.toString()),
                    kit.env(Map.of("STREAMLAB_JAR", jar.toString())), null,
                    log.file().resolveSibling("build-cds.log"));
            if (rc != 0) throw new BenchException("bin/build-cds --jar failed (see " + log.file().resolveSibling("build-cds.log") + ")");
        }
        build.put("class_data_archive", cds);

        long t0 = System.nanoTime();
        String dateStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadStart = Machine.loadAverage();
        Servers servers = new Servers(kit, ownVar, log.file(), env);
        Map<String, Long> sections = new LinkedHashMap<>();
        ProduceBench.Result produce = null;
        ProcessBench.Result process;
        Map<Integer, ProcessBench.Result> partitions = new LinkedHashMap<>();
        ProcessBench.Result cluster = null;
        Map<Integer, ProcessBench.Result> memory = new LinkedHashMap<>();
        CatchUpBench.Result catchUp = null;
        String broker;
        String origin;
        Thread hook = new Thread(servers::stopAll);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!o.bootstrap.isEmpty()) {
                if (!reachable(o.bootstrap)) throw new BenchException("no Kafka broker answers at " + o.bootstrap);
                broker = o.bootstrap;
                origin = "given with --bootstrap-server";
            } else {
                broker = servers.startBroker();
                origin = "started by the bench (KRaft, 1 broker, " + ownVar + ")";
            }
            say("broker " + broker + ", " + origin + "; results in " + dir + "; log " + log.file());
            Path work = Files.createTempDirectory("bench.");
            try (Topics topics = new Topics(broker)) {
                if (!o.skipped("produce")) {
                    long s = section("1/7 produce: streamlab produce vs ProducerPerformance, " + o.numRecords + " records per run");
                    BenchOptions.Produce po = BenchOptions.Produce.parse(new String[] {"--num-records", Long.toString(o.numRecords),
                            "--rounds", Integer.toString(o.rounds)}, Map.of());
                    produce = new ProduceBench(kit, topics, broker, po, work, log).run();
                    sections.put("produce", done(s));
                }
                long s = section("2/7 process: JSON and msgpack vs ConsumerPerformance, " + o.count + " readings each"
                        + (o.skipped("latency") ? "" : ", then the paced latency run (" + o.latencySeconds + "s)"));
                process = processRun(topics, work, broker, "process", "--count", Long.toString(o.count), "--partitions", "2", "--rounds",
                        Integer.toString(o.rounds), o.skipped("latency") ? "--no-latency" : "--latency-seconds",
                        o.skipped("latency") ? null : Integer.toString(o.latencySeconds), o.skipped("flink") ? "--no-flink" : null);
                sections.put("process", done(s));
                if (!o.skipped("partitions")) {
                    s = section("3/7 partitions: JSON with " + words(o.partitionsList) + " input partition(s)");
                    for (int p : o.partitionsList) {
                        partitions.put(p, p == 2 ? process : processRun(topics, work, broker, "process-p" + p, "--formats", "json", "--count",
                                Long.toString(o.count), "--partitions", Integer.toString(p), "--no-latency", "--no-reference", "--no-flink"));
                    }
                    sections.put("partitions", done(s));
                }
                if (!o.skipped("cluster")) {
                    s = section("4/7 cluster: the JSON run on a standalone cluster");
                    String master = servers.startCluster();
                    cluster = processRun(topics, work, broker, "process-cluster", "--formats", "json", "--count", Long.toString(o.count),
                            "--partitions", "2", "--no-latency", "--no-consumer-perf", "--master", master);
                    servers.stopCluster();
                    sections.put("cluster", done(s));
                }
                if (!o.skipped("memory")) {
                    s = section("5/7 memory: driver peak RSS and state rows with " + words(o.sensorsList) + " sensors");
                    for (int n : o.sensorsList) {
                        memory.put(n, processRun(topics, work, broker, "process-s" + n, "--formats", "json", "--sensors", Integer.toString(n),
                                "--count", Long.toString((long) n * o.perSensor), "--partitions", "2", "--no-reference", "--no-flink", "--no-latency",
                                "--no-consumer-perf"));
                    }
                    sections.put("memory", done(s));
                }
                if (!o.skipped("catch-up")) {
                    s = section("6/7 catch-up: backlogs of " + words(o.catchUpCounts)
                            + " valid readings, " + o.deadLetters + " dead letters, " + o.manySensors + " sensors, next to the reference job");
                    catchUp = new CatchUpBench(kit, topics, broker, o, work, log).run();
                    sections.put("catch-up", done(s));
                }
            } finally {
                ProcessBench.deleteTree(work);
            }
        } finally {
            servers.stopAll();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        long duration = Math.round((System.nanoTime() - t0) / 1e9);
        String loadEnd = Machine.loadAverage();
        say("7/7 results (" + duration + " s in all)");
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Machine.cores());
        machine.put("cpu", Machine.cpu());
        machine.put("memory_mb", Machine.memoryMb());
        machine.put("java", Machine.javaVersion(kit.java));
        machine.put("kafka", version(kit.kafkaLibs, "kafka_2.13-", ".jar"));
        machine.put("spark", version(kit.sparkHome.resolve("jars"), "spark-core_2.12-", ".jar"));
        machine.put("load_average_start", loadStart);
        machine.put("load_average_end", loadEnd);
        return new Report(dateStart, duration, machine, build, broker, origin, o, kit.driverMemory, sections, produce, process,
                o.skipped("partitions") ? null : partitions, cluster, o.skipped("memory") ? null : memory, catchUp);
    }

    private ProcessBench.Result processRun(Topics topics, Path work, String broker, String name, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("--name", name, "--bootstrap-server", broker));
        for (String x : args) if (x != null) a.add(x);
        for (String c : o.conf) a.addAll(List.of("--conf", c));
        BenchOptions.Process po = BenchOptions.Process.parse(a.toArray(String[]::new), Map.of());
        return new ProcessBench(kit, topics, po, work, log).run();
    }

    private long section(String what) {
        say(what);
        return System.nanoTime();
    }

    private static long done(long start) {
        return Math.round((System.nanoTime() - start) / 1e9);
    }

    private void say(String line) {
        log.progress("bench: " + line);
    }

    private static String words(List<? extends Number> list) {
        return String.join(" ", list.stream().map(String::valueOf).toList());
    }

    private String commit() {
        String c = Machine.command("git", "-C", kit.home.toString(), "rev-parse", "--short", "HEAD");
        if (!c.isEmpty() && !Machine.command("git", "-C", kit.home.toString(), "status", "--porcelain", "--", "java", "pom.xml").isEmpty()) {
            c += " with local changes";
        }
        return c;
    }

    private static boolean reachable(String bootstrap) {
        String first = bootstrap.split(",")[0];
        int colon = first.lastIndexOf(':');
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 2000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The version in the name of the first jar in DIR starting with PREFIX (test jars left out). */
    static String version(Path dir, String prefix, String suffix) {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(suffix) && !n.contains("-test"))
                    .sorted().findFirst().map(n -> n.substring(prefix.length(), n.length() - suffix.length())).orElse("");
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
