package streamlab.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Catch-up on backlogs of several sizes and kinds with the default heap: valid readings (two sizes, to see
 * whether anything grows faster than the input), a backlog where every record is a dead letter, and many
 * sensors (state of every sensor at once), each timed as a whole process next to the reference job on the same
 * topic. Every run is one {@link ProcessBench} run, which counts what each job wrote on its output topics (end offsets
 * before and after it), so the rows say how many windows and dead letters each job produced, not only how fast it went.
 */
final class CatchUpBench {
    /** The most a driver may hold at its peak, with the default heap, on any backlog. */
    static final long RSS_BOUND_MB = 2560;
    static final String ROCKSDB = "spark.sql.streaming.stateStore.providerClass="
            + "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

    enum Kind { VALID, DEAD_LETTERS, SENSORS }

    /** One backlog: the job's and the reference's figures, and what each wrote. */
    record Run(Kind kind, String label, ProcessBench.Result result) {
        ProcessBench.Row process() {
            return result.row("json");
        }

        long windows() {
            return process().windowsOut();
        }

        long deadLetters() {
            return process().deadLettersOut();
        }

        long referenceWindows() {
            return reference() == null ? 0 : reference().windowsOut();
        }

        ProcessBench.Row reference() {
            return result.row("reference");
        }

        ProcessBench.Row rocksdb() {
            return result.row("json+rocksdb");
        }
    }

    /** The rows and the three targets: bounded memory, dead letters no slower, nothing growing faster than the input. */
    record Result(List<Run> runs, String driverMemory) {
        Long peakRssMb() {
            Long most = null;
            for (Run r : runs) {
                for (ProcessBench.Row row : List.of(r.process(), r.rocksdb() == null ? r.process() : r.rocksdb())) {
                    if (row.driverRssMb() != null && (most == null || row.driverRssMb() > most)) most = row.driverRssMb();
                }
            }
            return most;
        }

        Boolean rssMet() {
            Long most = peakRssMb();
            return most == null ? null : most <= RSS_BOUND_MB;
        }

        /** Dead letters per second over valid readings per second, against the valid backlog of the same size (else the first). */
        BigDecimal deadLettersVsValid() {
            Run dead = first(Kind.DEAD_LETTERS);
            Run valid = validOfSize(dead == null ? 0 : dead.result().count());
            if (dead == null || valid == null) return null;
            return Fmt.ratio(dead.process().wallRate(), valid.process().wallRate());
        }

        /** The largest valid backlog's rate over the smallest's, per reading. */
        BigDecimal largestVsSmallest() {
            List<Run> valid = runs.stream().filter(r -> r.kind() == Kind.VALID).toList();
            if (valid.size() < 2) return null;
            Run small = valid.stream().min((a, b) -> Long.compare(a.result().count(), b.result().count())).get();
            Run large = valid.stream().max((a, b) -> Long.compare(a.result().count(), b.result().count())).get();
            return Fmt.ratio(large.process().wallRate(), small.process().wallRate());
        }

        private Run first(Kind kind) {
            return runs.stream().filter(r -> r.kind() == kind).findFirst().orElse(null);
        }

        private Run validOfSize(long count) {
            return runs.stream().filter(r -> r.kind() == Kind.VALID && r.result().count() == count).findFirst()
                    .orElse(first(Kind.VALID));
        }
    }

    private final Kit kit;
    private final Topics topics;
    private final String broker;
    private final BenchOptions.Suite o;
    private final Path work;
    private final Log log;

    CatchUpBench(Kit kit, Topics topics, String broker, BenchOptions.Suite o, Path work, Log log) {
        this.kit = kit;
        this.topics = topics;
        this.broker = broker;
        this.o = o;
        this.work = work;
        this.log = log;
    }

    Result run() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (long n : o.catchUpCounts) {
            runs.add(run(Kind.VALID, "valid", "catchup-" + n, n, 1000));
        }
        if (o.deadLetters > 0) runs.add(run(Kind.DEAD_LETTERS, "dead letters", "catchup-dead-letters", o.deadLetters, 1000));
        if (o.manySensors > 0) {
            runs.add(run(Kind.SENSORS, "sensors", "catchup-sensors", (long) o.manySensors * o.manySensorsReadings, o.manySensors));
        }
        return new Result(runs, kit.driverMemory);
    }

    private Run run(Kind kind, String label, String name, long count, int sensors) throws Exception {
        List<String> a = new ArrayList<>(List.of("--name", name, "--bootstrap-server", broker, "--formats", "json", "--count",
                Long.toString(count), "--sensors", Integer.toString(sensors), "--partitions", "2", "--no-latency", "--rounds", "1", "--no-flink"));
        if (kind == Kind.DEAD_LETTERS) a.addAll(List.of("--input-format", "msgpack"));
        // RocksDB keeps state off the heap: it matters only where the state is large.
        if (kind == Kind.SENSORS) a.addAll(List.of("--variant", "rocksdb:" + ROCKSDB));
        for (String c : o.conf) a.addAll(List.of("--conf", c));
        BenchOptions.Process po = BenchOptions.Process.parse(a.toArray(String[]::new), Map.of());
        ProcessBench.Result result = new ProcessBench(kit, topics, po, work, log).run();
        Run run = new Run(kind, label, result);
        for (ProcessBench.Row row : run.rocksdb() == null ? List.of(run.process()) : List.of(run.process(), run.rocksdb())) {
            long dead = row.deadLettersOut();
            if (kind == Kind.DEAD_LETTERS && dead != count) {
                throw new BenchException("the dead-letter backlog (" + row.format() + "): " + count + " records in, " + dead
                        + " on the dead-letter topic");
            }
            if (kind != Kind.DEAD_LETTERS && dead != 0) {
                throw new BenchException("the " + label + " backlog (" + row.format() + ") of " + count + " valid readings put " + dead
                        + " on the dead-letter topic");
            }
        }
        if (run.rocksdb() != null && !run.rocksdb().windowsOut().equals(run.process().windowsOut())) {
            throw new BenchException("the " + label + " backlog: " + run.process().windowsOut() + " windows with the default state store, "
                    + run.rocksdb().windowsOut() + " with RocksDB");
        }
        log.progress("  " + label + ": " + Fmt.group(run.windows()) + " windows from process, " + Fmt.group(run.referenceWindows())
                + " from the reference, " + Fmt.group(run.deadLetters()) + " dead letters");
        return run;
    }
}
