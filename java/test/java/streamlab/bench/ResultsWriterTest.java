package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** results.md and results.json of a suite with every section, from figures fixed here. */
class ResultsWriterTest {
    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static ProcessBench.Row row(String format, String wall, long wallRate, String batches, long batchRate, String data, Long dataRate,
            Long cp, String ratio, Long rss, Long executors, long peak, long last, int rounds) {
        return new ProcessBench.Row(format, 2_000_000, d(wall), wallRate, d(batches), batchRate, data == null ? null : d(data), dataRate, cp,
                ratio == null ? null : d(ratio), rss, executors, d("35.1"), peak, last, rounds, List.of(d(batches)),
                data == null ? java.util.Arrays.asList((BigDecimal) null) : List.of(d(data)), null, null);
    }

    /** A Flink row: only its whole process is measured. */
    private static ProcessBench.Row flink(String format, String wall, long wallRate, String cpu, Long rss) {
        return new ProcessBench.Row("flink-" + format, 2_000_000, d(wall), wallRate, null, null, null, null, null, null, rss, null, d(cpu), 0, 0,
                2, java.util.Arrays.asList(null, null), java.util.Arrays.asList(null, null), 100_000L, null);
    }

    private static ProcessBench.Result run(String master, List<ProcessBench.Row> rows, BigDecimal vsReference, LatencyRun.Result latency) {
        return new ProcessBench.Result("2026-12-03T07:00:00Z", 2, "1.00 0.90 0.80", master, "2g", 2, 1000, 2_000_000, List.of("json"),
                List.of(), rows, vsReference, latency, Map.of(), Map.of());
    }

    static Suite.Report report() {
        ProduceBench.Result produce = new ProduceBench.Result(500_000, 3, "lz4", "0.50 0.40 0.30", List.of(
                new ProduceBench.Row("json", d("72.4"), 200_000, 180_000, d("0.90"), "payload-file"),
                new ProduceBench.Row("msgpack", d("32.0"), 300_000, 330_000, d("1.10"), "record-size")));
        LatencyRun.Result latency = new LatencyRun.Result(80_000, d("80"), 30, 2_400_000, d("30.1"), 22_000, 850L, 1900L, 2300L, 10, 15_000,
                800L, 1500L, 420L, 1840L);
        ProcessBench.Row json = new ProcessBench.Row("json", 2_000_000, d("20.5"), 97_561L, d("14.2"), 140_845L, d("12.34"), 162_075L,
                500_000L, d("0.32"), 1200L, null, d("35.1"), 2000, 1000, 2, List.of(d("14.2"), d("14.9")), List.of(d("12.34"), d("13.00")), 16_000L, 0L);
        ProcessBench.Row msgpack = row("msgpack", "15.0", 133_333, "10.0", 200_000, "8.00", 250_000L, 900_000L, "0.28", 1100L, null, 2000, 1000, 2);
        ProcessBench.Row reference = row("reference", "18.0", 111_111, "12.0", 166_667, "11.00", 181_818L, 500_000L, "0.36", 1000L, null, 2000,
                1000, 2);
        ProcessBench.Row flinkJson = flink("json", "11.0", 181_818, "20.3", 980L);
        ProcessBench.Row flinkMsgpack = flink("msgpack", "8.0", 250_000, "14.6", 950L);
        Map<String, BigDecimal> vsFlink = new LinkedHashMap<>();
        vsFlink.put("json", d("0.54"));
        vsFlink.put("msgpack", d("0.53"));
        ProcessBench.Result process = new ProcessBench.Result("2026-12-03T07:00:00Z", 2, "1.00 0.90 0.80", "local[2]", "2g", 2, 1000, 2_000_000,
                List.of("json", "msgpack"), List.of(), List.of(json, msgpack, reference, flinkJson, flinkMsgpack), d("0.89"), latency, vsFlink,
                Map.of());
        Map<Integer, ProcessBench.Result> partitions = new LinkedHashMap<>();
        partitions.put(1, run("local[2]", List.of(row("json", "30.0", 66_667, "24.0", 83_333, "20.00", 100_000L, 400_000L, "0.25", 1100L, null,
                2000, 1000, 1)), null, null));
        partitions.put(2, process);
        ProcessBench.Result cluster = run("spark://127.0.0.1:7077", List.of(row("json", "41.0", 48_780, "20.0", 100_000, "16.00", 125_000L,
                null, null, 700L, 1500L, 2000, 1000, 1)), null, null);
        Map<Integer, ProcessBench.Result> memory = new LinkedHashMap<>();
        memory.put(10_000, run("local[2]", List.of(row("json", "12.0", 4_167, "3.0", 16_667, null, null, null, null, 900L, null, 10_000, 10_000,
                1)), null, null));
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", 2);
        machine.put("cpu", "Test CPU @ 2.00GHz");
        machine.put("memory_mb", 8192L);
        machine.put("java", "openjdk version \"17.0.16\" 2025-07-15");
        machine.put("kafka", "3.9.2");
        machine.put("spark", "3.5.7");
        machine.put("load_average_start", "0.10 0.20 0.30");
        machine.put("load_average_end", "1.10 1.20 1.30");
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("jar_built", "2026-12-03T06:28:00Z");
        build.put("commit", "183829a");
        build.put("class_data_archive", true);
        Map<String, Long> sections = new LinkedHashMap<>();
        sections.put("produce", 60L);
        sections.put("process", 120L);
        sections.put("partitions", 40L);
        sections.put("cluster", 70L);
        sections.put("memory", 30L);
        BenchOptions.Suite options = BenchOptions.Suite.parse(new String[] {"--partitions-list", "1 2", "--sensors-list", "10000",
                "--rounds", "2", "--skip-latency"});
        return new Suite.Report("2026-12-03T07:00:00Z", 345, machine, build, "127.0.0.1:9092", "started by the bench (KRaft, 1 broker, var)",
                options, "2g", sections, produce, process, partitions, cluster, memory, CatchUpResultsTest.result(2000L));
    }

    @Test
    void markdownHasTheSetupsAndTablesOfEverySection() {
        String md = ResultsWriter.markdown(report());
        assertThat(md).startsWith("""
                # streamlab benchmarks

                2026-12-03T07:00:00Z, 345 s in all. Machine: 2 cores (Test CPU @ 2.00GHz), 8 GB RAM, openjdk version "17.0.16" 2025-07-15,
                Kafka 3.9.2, Spark 3.5.7; streamlab.jar built 2026-12-03T06:28:00Z from 183829a, with its class-data archive.
                Load average 0.10 0.20 0.30 at the start, 1.10 1.20 1.30 at the end
                (other work on the machine lowers every figure). Broker 127.0.0.1:9092, started by the bench (KRaft, 1 broker, var).
                """);
        assertThat(md).contains("""
                | format  | bytes/record | ProducerPerformance rec/s | streamlab produce rec/s | ratio |
                |---------|--------------|---------------------------|-------------------------|-------|
                | json    |         72.4 |                   200,000 |                 180,000 |  0.90 |
                | msgpack |         32.0 |                   300,000 |                 330,000 |  1.10 |
                """);
        assertThat(md).contains("Setup: 500,000 records per run, best of 3, topic of 1 partition, acks=all,\n");
        assertThat(md).contains("""
                each job ran 2 times on a fresh checkpoint; the table shows the run with the shortest first offset
                to last result (data of every run: json 12.34 13.00 s; msgpack 8.00 s; reference 11.00 s;
                batches of every run: json 14.2 14.9 s; msgpack 10.0 s; reference 12.0 s).
                Load average 1.00 0.90 0.80 at the end.

                | format        | wall s | wall rdg/s | batches s | batch rdg/s | data s | data rdg/s | ConsumerPerformance rec/s | ratio |
                |---------------|--------|------------|-----------|-------------|--------|------------|---------------------------|-------|
                | json          |   20.5 |     97,561 |      14.2 |     140,845 |  12.34 |    162,075 |                   500,000 |  0.32 |
                | msgpack       |   15.0 |    133,333 |      10.0 |     200,000 |   8.00 |    250,000 |                   900,000 |  0.28 |
                | reference     |   18.0 |    111,111 |      12.0 |     166,667 |  11.00 |    181,818 |                   500,000 |  0.36 |
                | flink-json    |   11.0 |    181,818 |         - |           - |      - |          - |                         - |     - |
                | flink-msgpack |    8.0 |    250,000 |         - |           - |      - |          - |                         - |     - |
                """);
        assertThat(md).contains("stddev or gaps). process json / reference: 0.89.\n");
        assertThat(md).contains("process closed is among its results with the same figures. process / flink, whole process (wall rdg/s; CPU s\n"
                + "of each): json 0.54 (35.1 / 20.3), msgpack 0.53 (35.1 / 14.6).\n");
        assertThat(md).contains("""
                starts first, then produce sends 2,400,000 readings paced at 80,000/s (--speedup 80: a
                1-minute window closes every 0.8 s) for 30 s: 49% of the JSON rate (data)
                """);
        assertThat(md).contains("""
                | results | p50 ms | p99 ms | max ms | sent in s | p50 ms after warm-up | p99 ms after warm-up | batch p50 ms | target ms |
                |---------|--------|--------|--------|-----------|--------|--------|--------|--------|
                |  22,000 |    850 |   1900 |   2300 |      30.1 |    800 |   1500 |    420 |   1840 |
                """);
        assertThat(md).contains("""
                |          1 |   30.0 |     66,667 |      24.0 |      83,333 |  20.00 |    100,000 |                   400,000 |  0.25 |         1.00 |
                |          2 |   20.5 |     97,561 |      14.2 |     140,845 |  12.34 |    162,075 |                   500,000 |  0.32 |         1.62 |
                """);
        assertThat(md).contains("""
                | local[2]                     |   20.5 |     97,561 |  12.34 |    162,075 |          1.00 |          1.00 |            1200 |                  - |
                | spark://127.0.0.1:7077       |   41.0 |     48,780 |  16.00 |    125,000 |          0.77 |          0.50 |             700 |              1,500 |
                """);
        assertThat(md).contains("""
                | sensors   | readings   | state rows peak | state rows last | driver peak RSS MB | batch rdg/s | wall s |
                |-----------|------------|-----------------|-----------------|--------------------|-------------|--------|
                |    10,000 |  2,000,000 |          10,000 |          10,000 |                900 |      16,667 |   12.0 |
                """);
        assertThat(md).containsSubsequence("## Produce", "## Process", "## Latency", "## Scaling", "## Local mode", "## Memory", "## Catch-up");
    }

    @Test
    void jsonHasTheSameFiguresWithTheirDecimals() throws Exception {
        String text = ResultsWriter.json(report());
        // Read back as written: 13.00 stays 13.00
        JsonNode j = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)).readTree(text);
        assertThat(j.fieldNames()).toIterable().containsExactly("suite", "date", "duration_s", "machine", "build", "broker", "options",
                "produce", "process", "latency", "partitions", "cluster", "memory", "catch_up");
        assertThat(j.path("duration_s").asLong()).isEqualTo(345);
        assertThat(j.path("options").path("partitions_list").asText()).isEqualTo("1 2");
        assertThat(j.path("options").path("skipped").asText()).isEqualTo("latency");
        assertThat(j.path("build").path("class_data_archive").asBoolean()).isTrue();
        assertThat(j.path("produce").path("setup").path("duration_s").asLong()).isEqualTo(60);
        assertThat(j.path("produce").path("results").get(1).path("streamlab_records_per_s").asLong()).isEqualTo(330_000);
        JsonNode json = j.path("process").path("results").get(0);
        assertThat(json.fieldNames()).toIterable().containsExactly("format", "readings", "partitions", "sensors", "master", "wall_s",
                "wall_readings_per_s", "batches_s", "batch_readings_per_s", "data_s", "data_readings_per_s", "consumer_perf_records_per_s",
                "ratio_to_consumer_perf", "driver_peak_rss_mb", "executors_peak_rss_mb", "cpu_s", "state_rows_peak", "state_rows_last",
                "rounds", "batches_s_all", "data_s_all", "load_average_end");
        assertThat(json.path("data_readings_per_s").asLong()).isEqualTo(162_075);
        assertThat(json.path("executors_peak_rss_mb").isNull()).isTrue();
        assertThat(json.path("data_s_all").toString()).isEqualTo("[12.34,13.00]");
        assertThat(j.path("process").path("json_vs_reference").decimalValue()).isEqualTo(d("0.89"));
        assertThat(j.path("process").path("vs_flink").path("msgpack").decimalValue()).isEqualTo(d("0.53"));
        JsonNode flinkJson = j.path("process").path("results").get(3);
        assertThat(flinkJson.path("format").asText()).isEqualTo("flink-json");
        assertThat(flinkJson.path("cpu_s").decimalValue()).isEqualTo(d("20.3"));
        assertThat(flinkJson.path("batches_s").isNull()).isTrue();
        assertThat(flinkJson.path("state_rows_peak").isNull()).isTrue();
        assertThat(j.path("latency").path("results").path("p99_ms").asLong()).isEqualTo(1900);
        assertThat(j.path("latency").path("setup").path("readings_per_s").asLong()).isEqualTo(80_000);
        assertThat(j.path("partitions").path("results")).hasSize(2);
        assertThat(j.path("cluster").path("results").get(1).path("executors_peak_rss_mb").asLong()).isEqualTo(1500);
        assertThat(j.path("memory").path("results").get(0).path("data_s").isNull()).isTrue();
        assertThat(j.path("memory").path("results").get(0).path("data_s_all").toString()).isEqualTo("[null]");
        // Decimals as measured, not as doubles print them
        assertThat(text).contains("\"ratio\" : 0.90,").contains("\"data_s\" : 8.00,").contains("\"bytes_per_record\" : 32.0,");
    }

    @Test
    void theSmallRunsGiveEachEngineItsFixedCostAndTheRatioOnTheRest() throws Exception {
        ProcessBench.Row msgpack = row("msgpack", "17.4", 344_828, "12.0", 500_000, "11.00", 545_455L, null, null, 1200L, null, 2000, 1000, 3);
        ProcessBench.Row flinkMsgpack = flink("msgpack", "14.5", 413_793, "23.0", 980L);
        ProcessBench.Row small = new ProcessBench.Row("msgpack-2k", ProcessBench.SMALL_COUNT, d("7.4"), 270L, d("4.3"), 465L, null, null, null, null,
                470L, null, d("11.5"), 1000, 1000, 3, List.of(d("4.3")), java.util.Arrays.asList((BigDecimal) null), 0L, 0L);
        ProcessBench.Row flinkSmall = new ProcessBench.Row("flink-msgpack-2k", ProcessBench.SMALL_COUNT, d("5.3"), 377L, null, null, null, null, null,
                null, 400L, null, d("8.1"), 0, 0, 3, java.util.Arrays.asList(null, null), java.util.Arrays.asList(null, null), 1000L, null);
        ProcessBench.Result p = new ProcessBench.Result("2026-12-03T07:00:00Z", 2, "1.00 0.90 0.80", "local[2]", "2g", 2, 1000, 6_000_000,
                List.of("msgpack"), List.of(), List.of(msgpack, flinkMsgpack, small, flinkSmall), null, null, Map.of("msgpack", d("0.83")),
                Map.of("msgpack", Fmt.ratio(d("14.5").subtract(d("5.3")), d("17.4").subtract(d("7.4")))));
        assertThat(ProcessBench.smallLabel("msgpack")).isEqualTo("msgpack-2k");
        String md = ResultsWriter.markdown(p, "process");
        // The format column as wide as its longest label
        assertThat(md).contains("| format           | readings  | wall s |");
        assertThat(md).contains("| msgpack          | 2,000,000 |   17.4 |");
        assertThat(md).contains("| msgpack-2k       |     2,000 |    7.4 |");
        assertThat(md).contains("| flink-msgpack-2k |     2,000 |    5.3 |");
        // Flink's rest 9.2 s, process's 10.0 s
        assertThat(md).contains("readings cost. process / flink on the rest, as flink's rest over process's (fixed and rest in s, process / flink):\nmsgpack 0.92 (fixed 7.4 / 5.3 s,"
                + " rest 10.0 / 9.2 s).\n");
        JsonNode j = new ObjectMapper().readTree(ResultsWriter.json(p));
        assertThat(j.path("vs_flink_beyond_fixed").path("msgpack").decimalValue()).isEqualTo(d("0.92"));
        assertThat(j.path("vs_flink").path("msgpack").decimalValue()).isEqualTo(d("0.83"));
    }

    @Test
    void benchProcessTablesHaveTheFlinkRowsWithWhatWasMeasured() {
        String md = ResultsWriter.markdown(report().process(), "process");
        assertThat(md).contains("""
                | reference     | 2,000,000 |   18.0 |    111,111 |      12.0 |     166,667 |  11.00 |    181,818 |                    500,000 |  0.36 |     1000 |   35.1 |      2,000 |
                | flink-json    | 2,000,000 |   11.0 |    181,818 |         - |           - |      - |          - |                          - |     - |      980 |   20.3 |          - |
                | flink-msgpack | 2,000,000 |    8.0 |    250,000 |         - |           - |      - |          - |                          - |     - |      950 |   14.6 |          - |
                """);
        assertThat(md).contains("process closed is among its results with the same figures. process / flink, whole process (wall rdg/s; CPU s\n"
                + "of each): json 0.54 (35.1 / 20.3), msgpack 0.53 (35.1 / 14.6).\n");
    }

    @Test
    void aSkippedSectionIsNullAndHasNoTable() throws Exception {
        Suite.Report full = report();
        Suite.Report r = new Suite.Report(full.date(), full.durationSeconds(), full.machine(), full.build(), full.broker(), full.brokerOrigin(),
                full.options(), full.driverMemory(), full.sectionSeconds(), null, full.process(), null, null, null, null);
        JsonNode j = new ObjectMapper().readTree(ResultsWriter.json(r));
        assertThat(j.path("produce").isNull()).isTrue();
        assertThat(j.path("partitions").isNull()).isTrue();
        assertThat(j.path("cluster").isNull()).isTrue();
        assertThat(j.path("memory").isNull()).isTrue();
        assertThat(j.path("catch_up").isNull()).isTrue();
        String md = ResultsWriter.markdown(r);
        assertThat(md).doesNotContain("## Produce").doesNotContain("## Scaling").doesNotContain("## Local mode").doesNotContain("## Memory")
                .doesNotContain("## Catch-up").contains("## Process").contains("## Latency");
    }
}
