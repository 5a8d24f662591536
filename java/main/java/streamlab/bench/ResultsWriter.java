package streamlab.bench;

import static streamlab.bench.Fmt.group;
import static streamlab.bench.Fmt.left;
import static streamlab.bench.Fmt.right;
import static streamlab.bench.Fmt.str;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The suite's results as people read them (results.md: each table under the setup its figures were taken with)
 * and as scripts read them (results.json: the same figures, a {@code setup} and {@code results} per section,
 * null for what was skipped or not measured); and the tables of a single bin/bench-process or bin/bench-produce
 * run (NAME.md, NAME.json).
 */
final class ResultsWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ResultsWriter() {}

    // ---- results.json --------------------------------------------------------------------------------------

    static String json(Suite.Report r) throws Exception {
        BenchOptions.Suite o = r.options();
        ObjectNode root = NODES.objectNode();
        root.put("suite", "streamlab bench");
        root.put("date", r.date());
        root.put("duration_s", r.durationSeconds());
        ObjectNode machine = root.putObject("machine");
        r.machine().forEach((k, v) -> machine.putPOJO(k, v));
        ObjectNode build = root.putObject("build");
        r.build().forEach((k, v) -> build.putPOJO(k, v));
        ObjectNode broker = root.putObject("broker");
        broker.put("bootstrap_server", r.broker());
        broker.put("origin", r.brokerOrigin());
        ObjectNode options = root.putObject("options");
        options.put("count", o.count);
        options.put("num_records", o.numRecords);
        options.put("rounds", o.rounds);
        options.put("partitions_list", words(o.partitionsList));
        options.put("sensors_list", words(o.sensorsList));
        options.put("readings_per_sensor", o.perSensor);
        options.put("latency_seconds", o.latencySeconds);
        options.put("catch_up_counts", words(o.catchUpCounts));
        options.put("dead_letters", o.deadLetters);
        options.put("many_sensors", o.manySensors);
        options.put("many_sensors_readings", o.manySensorsReadings);
        options.put("skipped", String.join(" ", o.skipped));
        Map<String, Long> sections = r.sectionSeconds();
        root.set("produce", r.produce() == null ? null : produce(r.produce(), sections.get("produce")));
        ProcessBench.Result p = r.process();
        ObjectNode process = root.putObject("process");
        process.set("setup", processSetup(p));
        process.put("duration_s", sections.get("process"));
        process.put("json_vs_reference", p.vsReference());
        process.set("vs_flink", vsFlink(p));
        process.set("vs_flink_beyond_fixed", ratios(p.vsFlinkBeyondFixed()));
        ArrayNode rows = process.putArray("results");
        for (ProcessBench.Row row : p.rows()) rows.add(processRow(p, row));
        root.set("latency", p.latency() == null ? null : latency(p));
        if (r.partitions() == null) {
            root.putNull("partitions");
        } else {
            ObjectNode parts = root.putObject("partitions");
            parts.set("setup", processSetup(p));
            parts.put("duration_s", sections.get("partitions"));
            ArrayNode pr = parts.putArray("results");
            r.partitions().values().forEach(run -> pr.add(processRow(run, run.row("json"))));
        }
        if (r.cluster() == null) {
            root.putNull("cluster");
        } else {
            ObjectNode cluster = root.putObject("cluster");
            ObjectNode setup = cluster.putObject("setup");
            setup.put("local", "local[2]: driver and executor threads in one JVM");
            setup.put("cluster", "standalone master + 1 worker offering 2 cores and 2g, executor memory 1g (conf/spark), job via bin/submit-job (client mode)");
            setup.put("duration_s", sections.get("cluster"));
            ArrayNode cr = cluster.putArray("results");
            cr.add(processRow(p, p.row("json")));
            cr.add(processRow(r.cluster(), r.cluster().row("json")));
        }
        if (r.memory() == null) {
            root.putNull("memory");
        } else {
            ObjectNode memory = root.putObject("memory");
            ObjectNode setup = memory.putObject("setup");
            setup.put("readings_per_sensor", o.perSensor);
            setup.put("master", "local[2]");
            setup.put("driver_memory", r.driverMemory());
            setup.put("partitions", 2);
            setup.put("note", "with up to 60 readings per sensor they all fall in one open 1-minute window, so the state holds every sensor");
            setup.put("duration_s", sections.get("memory"));
            ArrayNode mr = memory.putArray("results");
            r.memory().values().forEach(run -> mr.add(processRow(run, run.row("json"))));
        }
        root.set("catch_up", r.catchUp() == null ? null : CatchUpResults.json(r.catchUp(), sections.get("catch-up")));
        return JSON.writeValueAsString(root) + "\n";
    }

    static ObjectNode produce(ProduceBench.Result p, Long durationSeconds) {
        ObjectNode section = NODES.objectNode();
        ObjectNode setup = section.putObject("setup");
        setup.put("records", p.records());
        setup.put("rounds", p.rounds());
        setup.put("partitions", 1);
        setup.put("acks", "all");
        setup.put("idempotence", true);
        setup.put("compression", p.compression());
        setup.put("linger_ms", 5);
        setup.put("batch_size", 131072);
        setup.put("sensors", 1000);
        setup.put("load_average", p.loadAverage());
        setup.put("duration_s", durationSeconds);
        ArrayNode rows = section.putArray("results");
        for (ProduceBench.Row row : p.rows()) {
            ObjectNode n = rows.addObject();
            n.put("format", row.format());
            n.put("bytes_per_record", row.bytesPerRecord());
            n.put("producer_perf_records_per_s", row.producerPerf());
            n.put("streamlab_records_per_s", row.streamlab());
            n.put("ratio", row.ratio());
            n.put("producer_perf_sizing", row.sizing());
        }
        return section;
    }

    static ObjectNode processSetup(ProcessBench.Result p) {
        ObjectNode s = NODES.objectNode();
        s.put("trigger", "available-now");
        s.put("window", "1m");
        s.put("watermark", "30s");
        s.put("driver_memory", p.driverMemory());
        s.put("extra_conf", confs(p.extraConf()));
        s.put("input", "streamlab produce --rate max --seed 1, fixed start, 1 reading per sensor per second of event time");
        s.put("wall", "launch to exit of the job, start-up and shutdown included");
        s.put("batches", "first micro-batch start to the end of the batch that wrote the last result, from the job's progress (--progress-json)");
        s.put("data", "first offset to last result: launch of the job's first task (Spark event log) to the newest CreateTime on its results topic");
        s.put("consumer_perf", "ConsumerPerformance fetch rate on the same topic, group join excluded");
        s.put("ratio_to_consumer_perf", "data rate / ConsumerPerformance");
        s.put("driver_peak_rss", "peak resident set of the driver JVM (VmHWM where Linux keeps it, else the most ps showed), polled every 0.2 s");
        s.put("cpu", "CPU time (user + system) of the driver JVM, at its last sample before exit");
        s.put("state_rows", "most state rows Spark reported at once, summed over the job's stateful operators");
        return s;
    }

    static ObjectNode processRow(ProcessBench.Result run, ProcessBench.Row row) {
        ObjectNode n = NODES.objectNode();
        n.put("format", row.format());
        n.put("readings", row.readings());
        n.put("partitions", run.partitions());
        n.put("sensors", run.sensors());
        n.put("master", run.master());
        n.put("wall_s", row.wallS());
        n.put("wall_readings_per_s", row.wallRate());
        n.put("batches_s", row.batchesS());
        n.put("batch_readings_per_s", row.batchRate());
        n.put("data_s", row.dataS());
        n.put("data_readings_per_s", row.dataRate());
        n.put("consumer_perf_records_per_s", row.consumerPerf());
        n.put("ratio_to_consumer_perf", row.ratio());
        n.put("driver_peak_rss_mb", row.driverRssMb());
        n.put("executors_peak_rss_mb", row.executorsRssMb());
        n.put("cpu_s", row.cpuS());
        // Spark's progress gives the state rows; the Flink job has none to read.
        n.put("state_rows_peak", row.batchesS() == null ? null : row.stateRowsPeak());
        n.put("state_rows_last", row.batchesS() == null ? null : row.stateRowsLast());
        n.put("rounds", row.rounds());
        ArrayNode b = n.putArray("batches_s_all");
        row.batchesAll().forEach(b::add);
        ArrayNode d = n.putArray("data_s_all");
        row.dataAll().forEach(d::add);
        n.put("load_average_end", run.loadAverageEnd());
        return n;
    }

    static ObjectNode latency(ProcessBench.Result p) {
        LatencyRun.Result l = p.latency();
        ObjectNode section = NODES.objectNode();
        ObjectNode s = section.putObject("setup");
        s.put("format", "json");
        s.put("sensors", LatencyRun.SENSORS);
        s.put("partitions", p.partitions());
        s.put("master", p.master());
        s.put("trigger", "1s");
        s.put("readings_per_s", l.readingsPerSecond());
        s.put("speedup", l.speedup());
        s.put("readings", l.readings());
        s.put("seconds", l.seconds());
        s.put("closing_time", "produce sent the first reading with event time >= window end + watermark (30 s)");
        s.put("result_time", "CreateTime of the result on the report topic");
        ObjectNode r = section.putObject("results");
        r.put("sent_s", l.sentSeconds());
        r.put("results", l.results());
        r.put("p50_ms", l.p50());
        r.put("p99_ms", l.p99());
        r.put("max_ms", l.max());
        r.put("warmup_s", l.warmupSeconds());
        r.put("p50_after_warmup_ms", l.p50AfterWarmup());
        r.put("p99_after_warmup_ms", l.p99AfterWarmup());
        r.put("batch_p50_ms", l.batchP50());
        r.put("target_ms", l.target());
        return section;
    }

    /** A single bin/bench-process run: its catch-up rows and latency, as results.json has them. */
    static String json(ProcessBench.Result p) throws Exception {
        ObjectNode root = NODES.objectNode();
        root.put("date", p.date());
        root.put("cores", p.cores());
        root.set("setup", processSetup(p));
        root.put("json_vs_reference", p.vsReference());
        root.set("vs_flink", vsFlink(p));
        root.set("vs_flink_beyond_fixed", ratios(p.vsFlinkBeyondFixed()));
        ArrayNode rows = root.putArray("results");
        for (ProcessBench.Row row : p.rows()) rows.add(processRow(p, row));
        root.set("latency", p.latency() == null ? null : latency(p));
        return JSON.writeValueAsString(root) + "\n";
    }

    /** A single bin/bench-produce run. */
    static String json(ProduceBench.Result p) throws Exception {
        return JSON.writeValueAsString(produce(p, null)) + "\n";
    }

    // ---- results.md ----------------------------------------------------------------------------------------

    static String markdown(Suite.Report r) {
        BenchOptions.Suite o = r.options();
        Map<String, Object> m = r.machine();
        ProcessBench.Result p = r.process();
        StringBuilder b = new StringBuilder();
        Object memoryMb = m.get("memory_mb");
        String commit = str(r.build().get("commit"));
        b.append("# streamlab benchmarks\n\n");
        b.append(r.date()).append(", ").append(r.durationSeconds()).append(" s in all. Machine: ").append(m.get("cores")).append(" cores (")
                .append(m.get("cpu")).append("), ").append(memoryMb == null ? "?" : Long.toString(((Number) memoryMb).longValue() / 1024))
                .append(" GB RAM, ").append(m.get("java")).append(",\n");
        b.append("Kafka ").append(m.get("kafka")).append(", Spark ").append(m.get("spark")).append("; streamlab.jar built ")
                .append(r.build().get("jar_built")).append(commit.isEmpty() || commit.equals("-") ? "" : " from " + commit).append(", ")
                .append(Boolean.TRUE.equals(r.build().get("class_data_archive")) ? "with" : "without").append(" its class-data archive.\n");
        b.append("Load average ").append(m.get("load_average_start")).append(" at the start, ").append(m.get("load_average_end"))
                .append(" at the end\n");
        b.append("(other work on the machine lowers every figure). Broker ").append(r.broker()).append(", ").append(r.brokerOrigin())
                .append(".\n");
        b.append("Machine-readable: results.json; each run's log and progress (Spark's JSON): NAME-*.log, NAME-*-progress.json.\n");

        ProduceBench.Result pr = r.produce();
        if (pr != null && !pr.rows().isEmpty()) {
            b.append("\n## Produce: streamlab produce vs Kafka's ProducerPerformance\n\n");
            b.append("Setup: ").append(group(pr.records())).append(" records per run, best of ").append(pr.rounds())
                    .append(", topic of 1 partition, acks=all,\n");
            b.append("idempotent, compression ").append(pr.compression())
                    .append(", linger.ms=5, batch.size=131072, 1000 sensors; both tools in turn on the\n");
            b.append("same broker. Same record size: ProducerPerformance sends our JSON records (--payload-file), or for msgpack\n");
            b.append("random bytes of our mean size (--record-size). Load average ").append(pr.loadAverage()).append(".\n\n");
            b.append("| format  | bytes/record | ProducerPerformance rec/s | streamlab produce rec/s | ratio |\n");
            b.append("|---------|--------------|---------------------------|-------------------------|-------|\n");
            for (ProduceBench.Row row : pr.rows()) {
                b.append(row(left(row.format(), 7), right(str(row.bytesPerRecord()), 12), right(group(row.producerPerf()), 25),
                        right(group(row.streamlab()), 23), right(str(row.ratio()), 5)));
            }
            b.append("\nbytes/record: our record values (the key, about 11 bytes, comes on top). ratio: ours / ProducerPerformance.\n");
        }

        ProcessBench.Row json = p.row("json");
        b.append("\n## Process: catch-up throughput vs Kafka's ConsumerPerformance\n\n");
        b.append("Setup: ").append(group(p.count())).append(" readings of 1000 sensors preloaded per format, topic of ").append(p.partitions())
                .append(" partitions, Spark\n");
        b.append(p.master()).append(", driver heap ").append(p.driverMemory()).append(", --trigger available-now, windows 1m, watermark 30s")
                .append(p.extraConf().isEmpty() ? "" : ", " + confs(p.extraConf())).append(";\n");
        int rounds = p.rows().isEmpty() ? 1 : p.rows().get(0).rounds();
        b.append("each job ran ").append(rounds).append(" times on a fresh checkpoint; the table shows the run with the shortest first offset\n");
        b.append("to last result (data of every run: ").append(all(p.rows(), true)).append(";\n");
        b.append("batches of every run: ").append(all(p.rows(), false)).append(").\n");
        b.append("Load average ").append(p.loadAverageEnd()).append(" at the end.\n\n");
        int w = formatWidth(p);
        b.append("| ").append(left("format", w)).append(" | wall s | wall rdg/s | batches s | batch rdg/s | data s | data rdg/s | ConsumerPerformance rec/s | ratio |\n");
        b.append("|").append("-".repeat(w + 2)).append("|--------|------------|-----------|-------------|--------|------------|---------------------------|-------|\n");
        for (ProcessBench.Row row : p.rows()) {
            b.append(row(left(row.format(), w), right(str(row.wallS()), 6), right(group(row.wallRate()), 10), right(str(row.batchesS()), 9),
                    right(group(row.batchRate()), 11), right(str(row.dataS()), 6), right(group(row.dataRate()), 10),
                    right(group(row.consumerPerf()), 25), right(str(row.ratio()), 5)));
        }
        b.append("""

                wall: launch to exit of the job (JVM and Spark start-up, shutdown included). batches: first micro-batch
                start to the end of the batch that wrote the last result (the job's progress), which holds the
                first batch's planning before any record is read and its commit after the last result. data: first offset
                to last result, from the launch of the job's first task (Spark's event log; the first fetch follows it) to
                the newest CreateTime on the job's results topic. ConsumerPerformance: its fetch rate on the same topic,
                the ceiling for any consumer. ratio: data rdg/s / ConsumerPerformance.
                """);
        if (p.vsReference() != null) {
            b.append("reference: the minimal Spark job of the same shape on the json topic (from_json, watermark, 1-minute\n");
            b.append("windows, count/avg/min/max, Kafka sink; Spark's operators only, no validation, dead letters, alerts,\n");
            b.append("stddev or gaps). process json / reference: ").append(str(p.vsReference())).append(".\n");
        }
        b.append(flinkNote(p));

        LatencyRun.Result l = p.latency();
        if (l != null) {
            b.append("\n## Latency: window closed to its result on the report topic\n\n");
            b.append("Setup: JSON, 1000 sensors, topic of ").append(p.partitions()).append(" partitions, Spark ").append(p.master())
                    .append(", --trigger 1s; the job\n");
            b.append("starts first, then produce sends ").append(group(l.readings())).append(" readings paced at ")
                    .append(group(l.readingsPerSecond())).append("/s (--speedup ").append(l.speedup().toPlainString()).append(": a\n");
            Long jsonData = json == null ? null : json.dataRate();
            b.append("1-minute window closes every ").append(String.format(Locale.ROOT, "%.1f", 60 / l.speedup().doubleValue()))
                    .append(" s) for ").append(l.seconds()).append(" s: ")
                    .append(jsonData == null || jsonData == 0 ? "?" : String.format(Locale.ROOT, "%.0f%%", 100.0 * l.readingsPerSecond() / jsonData))
                    .append(" of the JSON rate (data)\n");
            b.append("above (half of it, so the job keeps up; the run lasts at least until 3 windows have closed).\n\n");
            b.append("| results | p50 ms | p99 ms | max ms | sent in s | p50 ms after warm-up | p99 ms after warm-up | batch p50 ms | target ms |\n");
            b.append("|---------|--------|--------|--------|-----------|--------|--------|--------|--------|\n");
            b.append(row(right(group((long) l.results()), 7), right(str(l.p50()), 6), right(str(l.p99()), 6), right(str(l.max()), 6),
                    right(str(l.sentSeconds()), 9), right(str(l.p50AfterWarmup()), 6), right(str(l.p99AfterWarmup()), 6),
                    right(str(l.batchP50()), 6), right(str(l.target()), 6)));
            b.append("\nAfter warm-up: windows that closed more than ").append(l.warmupSeconds()).append(" s into the paced run (the JVM\n");
            b.append("""
                    compiles the job's code in the first seconds). target: trigger (1 s) + 2 x the median batch duration.
                    A window is closed when produce has sent the first reading with event time >= its end + 30 s (the
                    watermark); its result time is the report record's CreateTime. Both clocks are this machine's.
                    """);
        }

        if (r.partitions() != null && !r.partitions().isEmpty()) {
            b.append("\n## Scaling with input partitions\n\n");
            b.append("Setup: JSON, ").append(group(p.count())).append(" readings of 1000 sensors, Spark ").append(p.master())
                    .append(" (2 cores for tasks), --trigger\n");
            b.append("available-now; only the input topic's partition count changes. The 2-partition row is the JSON row above.\n\n");
            b.append("| partitions | wall s | wall rdg/s | batches s | batch rdg/s | data s | data rdg/s | ConsumerPerformance rec/s | ratio | vs the first |\n");
            b.append("|------------|--------|------------|-----------|-------------|--------|------------|---------------------------|-------|--------------|\n");
            Long base = null;
            boolean first = true;
            for (Map.Entry<Integer, ProcessBench.Result> e : r.partitions().entrySet()) {
                ProcessBench.Row row = e.getValue().row("json");
                if (first) {
                    base = row.dataRate();
                    first = false;
                }
                b.append(row(right(Integer.toString(e.getKey()), 10), right(str(row.wallS()), 6), right(group(row.wallRate()), 10),
                        right(str(row.batchesS()), 9), right(group(row.batchRate()), 11), right(str(row.dataS()), 6),
                        right(group(row.dataRate()), 10), right(group(row.consumerPerf()), 25), right(str(row.ratio()), 5),
                        right(str(Fmt.ratio(row.dataRate(), base)), 12)));
            }
            b.append("""

                    vs the first: data rdg/s divided by that of the first row. Kafka gives one task per partition: one
                    partition keeps one core busy reading, more partitions than cores add tasks, not speed.
                    """);
        }

        if (r.cluster() != null) {
            b.append("\n## Local mode vs the standalone cluster\n\n");
            b.append("Setup: JSON, ").append(group(p.count())).append(" readings of 1000 sensors, topic of 2 partitions, --trigger available-now.\n");
            b.append("""
                    local[2]: one JVM. Cluster: a master and one worker offering 2 cores and 2g on this machine, an executor
                    of 1g, the job started with bin/submit-job (driver here, client mode). The local row is the JSON row above.

                    | master                       | wall s | wall rdg/s | data s | data rdg/s | data vs local | wall vs local | driver RSS MB   | executors RSS MB   |
                    |------------------------------|--------|------------|--------|------------|---------------|---------------|-----------------|--------------------|
                    """);
            for (ProcessBench.Result run : List.of(p, r.cluster())) {
                ProcessBench.Row row = run.row("json");
                b.append(row(left(run.master(), 28), right(str(row.wallS()), 6), right(group(row.wallRate()), 10), right(str(row.dataS()), 6),
                        right(group(row.dataRate()), 10), right(str(Fmt.ratio(row.dataRate(), json.dataRate())), 13),
                        right(str(Fmt.ratio(row.wallRate(), json.wallRate())), 13), right(str(row.driverRssMb()), 15),
                        right(group(row.executorsRssMb()), 18)));
            }
            b.append("""

                    On one machine the cluster adds JVMs and network hops, no cores: it shows the mechanics, not a speed-up.
                    RSS: peak resident set of the driver JVM and, summed, of the executor JVMs (local mode has none:
                    its tasks run in the driver).
                    """);
        }

        if (r.memory() != null && !r.memory().isEmpty()) {
            b.append("\n## Memory: driver peak RSS and state rows by number of sensors\n\n");
            if (o.perSensor <= 60) {
                b.append("Setup: JSON, ").append(o.perSensor)
                        .append(" readings per sensor (all in the first 1-minute window, so no window closes and the\n");
                b.append("state holds every sensor), topic of 2 partitions, Spark local[2] (driver and executor in one JVM), driver\n");
            } else {
                b.append("Setup: JSON, ").append(o.perSensor).append(" readings per sensor (").append(o.perSensor)
                        .append(" s of event time, windows 1m, watermark 30s),\n");
                b.append("topic of 2 partitions, Spark local[2] (driver and executor in one JVM), driver\n");
            }
            b.append("heap ").append(r.driverMemory()).append(", --trigger available-now.\n\n");
            b.append("| sensors   | readings   | state rows peak | state rows last | driver peak RSS MB | batch rdg/s | wall s |\n");
            b.append("|-----------|------------|-----------------|-----------------|--------------------|-------------|--------|\n");
            for (Map.Entry<Integer, ProcessBench.Result> e : r.memory().entrySet()) {
                ProcessBench.Row row = e.getValue().row("json");
                b.append(row(right(group((long) e.getKey()), 9), right(group(row.readings()), 10), right(group(row.stateRowsPeak()), 15),
                        right(group(row.stateRowsLast()), 15), right(str(row.driverRssMb()), 18), right(group(row.batchRate()), 11),
                        right(str(row.wallS()), 6)));
            }
            b.append("""

                    driver peak RSS: the most physical memory the job's JVM held (VmHWM where Linux keeps it, else the most
                    ps showed; polled every 0.2 s): heap, metaspace and native memory. state rows: as Spark reports them in
                    the job's progress, summed over its stateful operators; peak is the most at once, last is after the final batch.
                    """);
        }
        if (r.catchUp() != null) b.append(CatchUpResults.markdown(r.catchUp()));
        return b.toString();
    }

    /** A single bin/bench-process run's tables (NAME.md). */
    static String markdown(ProcessBench.Result p, String name) {
        StringBuilder b = new StringBuilder("# bench-process\n\n");
        b.append(p.date()).append(", ").append(p.cores()).append(" cores, load average at the end ").append(p.loadAverageEnd())
                .append(", Spark ").append(p.master()).append(", driver heap ").append(p.driverMemory()).append(", input topic ")
                .append(p.partitions()).append(" partition(s), ").append(p.sensors()).append(" sensors, windows 1m, watermark 30s")
                .append(p.extraConf().isEmpty() ? "" : ", extra: " + confs(p.extraConf())).append(".\n\n");
        b.append("## Catch-up: --trigger available-now over a preloaded topic\n\n");
        int w = formatWidth(p);
        b.append("| ").append(left("format", w)).append(" | readings  | wall s | wall rdg/s | batches s | batch rdg/s | data s | data rdg/s | ConsumerPerformance rec/s  | ratio | RSS MB   | CPU s  | state rows |\n");
        b.append("|").append("-".repeat(w + 2)).append("|-----------|--------|------------|-----------|-------------|--------|------------|----------------------------|-------|----------|--------|------------|\n");
        for (ProcessBench.Row row : p.rows()) {
            b.append(row(left(row.format(), w), right(group(row.readings()), 9), right(str(row.wallS()), 6), right(group(row.wallRate()), 10),
                    right(str(row.batchesS()), 9), right(group(row.batchRate()), 11), right(str(row.dataS()), 6),
                    right(group(row.dataRate()), 10), right(group(row.consumerPerf()), 26), right(str(row.ratio()), 5),
                    right(str(row.driverRssMb()), 8), right(str(row.cpuS()), 6),
                    right(row.batchesS() == null ? "-" : group(row.stateRowsPeak()), 10)));
        }
        b.append("""

                wall: launch to exit (JVM, Spark start-up, planning, shutdown included). batches: first micro-batch start
                to the end of the batch that wrote the last result, from the job's progress (the first batch's
                planning before any record is read and its commit after the last result included). data: first offset
                to last result, the launch of the job's first task (Spark's event log) to the newest CreateTime on its
                results topic. ConsumerPerformance: fetch rate (no group join).
                """);
        int rounds = p.rows().isEmpty() ? 1 : p.rows().get(0).rounds();
        if (rounds > 1) b.append("Job rows: best of ").append(rounds).append(" runs by data; every run's in ").append(name)
                .append(".json (batches_s_all, data_s_all).\n");
        b.append("""
                ratio: data rate / ConsumerPerformance. RSS: the driver JVM's peak resident set (on a cluster the executors'
                peaks, summed, are in NAME.json as executors_peak_rss_mb). CPU: the driver JVM's CPU time. state rows: the
                most Spark reported at once.
                """.replace("NAME", name));
        if (p.vsReference() != null) {
            b.append("reference: the minimal Spark job of the same shape on the json topic (from_json, watermark, 1-minute windows,\n");
            b.append("count/avg/min/max, Kafka sink; no validation, dead letters, alerts, stddev or gaps). process json / reference:\n");
            b.append(str(p.vsReference())).append(".\n");
        }
        b.append(flinkNote(p));
        LatencyRun.Result l = p.latency();
        if (l != null) {
            b.append("\n## Latency: window closed (watermark passed its end) to its result on the report topic, --trigger 1s\n\n");
            b.append("| format | rdg/s     | speedup | sent s   | results | p50 ms  | p99 ms  | max ms  | p50 ms after warm-up | p99 ms after warm-up | batch p50 ms | target ms |\n");
            b.append("|--------|-----------|---------|----------|---------|---------|---------|---------|---------|---------|---------|---------|\n");
            b.append(row(left("json", 6), right(group(l.readingsPerSecond()), 9), right(l.speedup().toPlainString(), 7),
                    right(str(l.sentSeconds()), 8), right(group((long) l.results()), 7), right(str(l.p50()), 7), right(str(l.p99()), 7),
                    right(str(l.max()), 7), right(str(l.p50AfterWarmup()), 7), right(str(l.p99AfterWarmup()), 7),
                    right(str(l.batchP50()), 7), right(str(l.target()), 7)));
            b.append("""

                    Closing time: when produce sent the first reading with event time >= window end + 30 s (pacing
                    anchored at the first input record's CreateTime). Result time: the report record's CreateTime.
                    """);
            b.append("After warm-up: windows that closed more than ").append(l.warmupSeconds())
                    .append(" s into the run (the JVM compiles the job's\n");
            b.append("code in the first seconds). target: trigger (1 s) + 2 x the median batch duration.\n");
        }
        return b.toString();
    }

    /** A single bin/bench-produce run's table (produce.md). */
    static String markdown(ProduceBench.Result p, String date, int cores) {
        StringBuilder b = new StringBuilder("# bench-produce\n\n");
        b.append(date).append(", ").append(p.records()).append(" records per run, best of ").append(p.rounds())
                .append(", 1 partition, acks=all, idempotent, compression ").append(p.compression())
                .append(", linger.ms=5, batch.size=131072, ").append(cores).append(" cores, load average ").append(p.loadAverage()).append(".\n\n");
        b.append("| format  | bytes/record  | ProducerPerformance rec/s  | streamlab produce rec/s    | ratio |\n");
        b.append("|---------|---------------|----------------------------|----------------------------|-------|\n");
        for (ProduceBench.Row row : p.rows()) {
            b.append(row(left(row.format(), 7), right(str(row.bytesPerRecord()), 13), right(group(row.producerPerf()), 26),
                    right(group(row.streamlab()), 26), right(str(row.ratio()), 5)));
        }
        b.append("\nbytes/record: our record values (the key, about 11 bytes, comes on top). Ratio: ours / ProducerPerformance.\n");
        return b.toString();
    }

    /** A markdown table row of CELLS, each already padded to its column. */
    static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** The format column: as wide as its longest label (flink-msgpack-2k), at least as its usual rows. */
    private static int formatWidth(ProcessBench.Result p) {
        return Math.max(13, p.rows().stream().mapToInt(r -> r.format().length()).max().orElse(0));
    }

    /** process / flink per format, from whole-process rates (wall readings/s); null when Flink did not run. */
    static ObjectNode vsFlink(ProcessBench.Result p) {
        return ratios(p.vsFlink());
    }

    private static ObjectNode ratios(Map<String, java.math.BigDecimal> byFormat) {
        if (byFormat == null || byFormat.isEmpty()) return null;
        ObjectNode n = NODES.objectNode();
        byFormat.forEach(n::put);
        return n;
    }

    /** What the flink-FORMAT rows are, and process / flink per format with both CPU times. */
    private static String flinkNote(ProcessBench.Result p) {
        if (p.vsFlink() == null || p.vsFlink().isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        b.append("flink-FORMAT: the Flink 1.20 DataStream job of the same shape on that format's topic (local, parallelism 2,\n");
        b.append("bounded Kafka source, decode, 30 s watermark, 1-minute windows with an incremental count/min/max/avg, Kafka\n");
        b.append("sink), measured as a whole process only (of several rounds, the one with the shortest wall); every window\n");
        b.append("process closed is among its results with the same figures. process / flink, whole process (wall rdg/s; CPU s\n");
        b.append("of each):");
        String sep = " ";
        for (Map.Entry<String, java.math.BigDecimal> e : p.vsFlink().entrySet()) {
            ProcessBench.Row pr = p.row(e.getKey());
            ProcessBench.Row fr = p.row("flink-" + e.getKey());
            b.append(sep).append(e.getKey()).append(" ").append(str(e.getValue())).append(" (").append(str(pr == null ? null : pr.cpuS()))
                    .append(" / ").append(str(fr == null ? null : fr.cpuS())).append(")");
            sep = ", ";
        }
        b.append(".\n");
        if (p.vsFlinkBeyondFixed() == null || p.vsFlinkBeyondFixed().isEmpty()) return b.toString();
        String small = Fmt.group(ProcessBench.SMALL_COUNT);
        b.append("FORMAT-").append(ProcessBench.SMALL_COUNT / 1000).append("k, flink-FORMAT-").append(ProcessBench.SMALL_COUNT / 1000)
                .append("k: the same jobs on ").append(small).append(" readings, where the whole process is the fixed cost of a run\n");
        b.append("(JVM, the engine's start, the first plan on cold code, shutdown). The rest, the large run's wall less that, is what its\n");
        b.append("readings cost. process / flink on the rest, as flink's rest over process's (fixed and rest in s, process / flink):\n");
        sep = "";
        for (Map.Entry<String, java.math.BigDecimal> e : p.vsFlinkBeyondFixed().entrySet()) {
            ProcessBench.Row pr = p.row(e.getKey());
            ProcessBench.Row ps = p.row(ProcessBench.smallLabel(e.getKey()));
            ProcessBench.Row fr = p.row("flink-" + e.getKey());
            ProcessBench.Row fs = p.row("flink-" + ProcessBench.smallLabel(e.getKey()));
            b.append(sep).append(e.getKey()).append(" ").append(str(e.getValue()));
            if (pr != null && ps != null && fr != null && fs != null) {
                b.append(" (fixed ").append(str(ps.wallS())).append(" / ").append(str(fs.wallS())).append(" s, rest ")
                        .append(str(pr.wallS().subtract(ps.wallS()))).append(" / ").append(str(fr.wallS().subtract(fs.wallS()))).append(" s)");
            }
            sep = ", ";
        }
        return b.append(".\n").toString();
    }

    /** "json 12.34 11.02 s; msgpack 9.80 - s": every round's figure per job, "-" where none was measured. */
    private static String all(List<ProcessBench.Row> rows, boolean data) {
        // The Flink rows have neither figure: only their whole process is measured.
        return rows.stream().filter(r -> r.batchesS() != null).map(r -> r.format() + " " + (data ? r.dataAll() : r.batchesAll()).stream().map(Fmt::str)
                .collect(Collectors.joining(" ")) + " s").collect(Collectors.joining("; "));
    }

    private static String confs(List<String> conf) {
        return conf.stream().map(c -> "--conf " + c).collect(Collectors.joining(" "));
    }

    private static String words(List<? extends Number> list) {
        return list.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
}
