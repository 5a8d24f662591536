package streamlab.bench;

import static streamlab.bench.Fmt.group;
import static streamlab.bench.Fmt.left;
import static streamlab.bench.Fmt.right;
import static streamlab.bench.Fmt.str;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** The catch-up section of results.md and results.json, with its targets met or not. */
final class CatchUpResults {
    private CatchUpResults() {}

    static ObjectNode json(CatchUpBench.Result c, Long durationSeconds) {
        ObjectNode section = ResultsWriter.NODES.objectNode();
        ObjectNode setup = section.putObject("setup");
        setup.put("driver_memory", c.driverMemory());
        setup.put("input", "streamlab produce --rate max --seed 1, fixed start, JSON, topic of 2 partitions; dead letters: msgpack read by a JSON job");
        setup.put("wall", "launch to exit of each job's JVM, start-up and shutdown included, one run each");
        setup.put("reference", "the minimal Spark job of the same shape on the same topic (streamlab.bench.ReferenceJob)");
        setup.put("duration_s", durationSeconds);
        ArrayNode rows = section.putArray("results");
        for (CatchUpBench.Run run : c.runs()) {
            ObjectNode n = rows.addObject();
            n.put("backlog", run.label());
            n.put("records", run.result().count());
            n.put("sensors", run.result().sensors());
            job(n.putObject("process"), run.process());
            n.put("windows", run.windows());
            n.put("dead_letters", run.deadLetters());
            if (run.reference() != null) {
                job(n.putObject("reference"), run.reference());
                n.put("reference_windows", run.referenceWindows());
                n.put("process_vs_reference", Fmt.ratio(run.process().wallRate(), run.reference().wallRate()));
            }
            if (run.rocksdb() != null) {
                ObjectNode r = n.putObject("process_rocksdb");
                job(r, run.rocksdb());
                r.put("windows", run.rocksdb().windowsOut());
                r.put("dead_letters", run.rocksdb().deadLettersOut());
            }
        }
        ObjectNode targets = section.putObject("targets");
        targets.put("peak_driver_rss_mb", c.peakRssMb());
        targets.put("peak_driver_rss_bound_mb", CatchUpBench.RSS_BOUND_MB);
        targets.put("peak_driver_rss_met", c.rssMet());
        targets.put("dead_letters_vs_valid_per_record", c.deadLettersVsValid());
        targets.put("dead_letters_met", met(c.deadLettersVsValid()));
        targets.put("largest_vs_smallest_per_reading", c.largestVsSmallest());
        targets.put("largest_met", met(c.largestVsSmallest()));
        return section;
    }

    private static void job(ObjectNode n, ProcessBench.Row row) {
        n.put("wall_s", row.wallS());
        n.put("wall_records_per_s", row.wallRate());
        n.put("driver_peak_rss_mb", row.driverRssMb());
        n.put("cpu_s", row.cpuS());
        n.put("state_rows_peak", row.stateRowsPeak());
    }

    /** Met when the ratio is at least 1. */
    private static Boolean met(BigDecimal ratio) {
        return ratio == null ? null : ratio.compareTo(BigDecimal.ONE) >= 0;
    }

    static String markdown(CatchUpBench.Result c) {
        StringBuilder b = new StringBuilder("\n## Catch-up: backlogs of every kind with the default heap\n\n");
        b.append("Setup: driver heap ").append(c.driverMemory()).append(" (the default), Spark local[2], --trigger available-now from the\n");
        b.append("earliest offset, JSON, topic of 2 partitions, one run of each job. The reference is the minimal Spark job of\n");
        b.append("the same shape on the same topic. Dead letters: msgpack records read by a JSON job, every one to the\n");
        b.append("dead-letter topic. Sensors: every sensor in state at once (readings in one window); +RocksDB: the same\n");
        b.append("run with Spark's RocksDB state store. Rates and times are whole processes, JVM start to exit.\n\n");
        b.append("| backlog          | records    | sensors | process s | process rec/s | RSS MB | CPU s | windows | dead letters | reference s | reference rec/s | ref RSS MB | ref windows | process / reference |\n");
        b.append("|------------------|------------|---------|-----------|---------------|--------|-------|---------|--------------|-------------|-----------------|------------|-------------|---------------------|\n");
        for (CatchUpBench.Run run : c.runs()) {
            ProcessBench.Row p = run.process();
            ProcessBench.Row r = run.reference();
            b.append(row(run.label(), run, p, run.windows(), run.deadLetters(), r, run.referenceWindows()));
            if (run.rocksdb() != null) {
                b.append(row(run.label() + " +RocksDB", run, run.rocksdb(), run.rocksdb().windowsOut(), run.rocksdb().deadLettersOut(), null, 0));
            }
        }
        b.append("\nTargets:\n");
        b.append("- peak driver RSS at most ").append(CatchUpBench.RSS_BOUND_MB).append(" MB in every row: ")
                .append(verdict(c.rssMet())).append(" (the most: ").append(str(c.peakRssMb())).append(" MB)\n");
        b.append("- dead letters no slower per record than valid readings (rec/s of the dead-letter row over the valid row of the\n");
        b.append("  same size): ").append(str(c.deadLettersVsValid())).append(", ").append(verdict(met(c.deadLettersVsValid()))).append("\n");
        b.append("- the largest valid backlog at least as fast per reading as the smallest (nothing grows faster than the\n");
        b.append("  input): ").append(str(c.largestVsSmallest())).append(", ").append(verdict(met(c.largestVsSmallest()))).append("\n");
        b.append("""

                One run per job: a ratio within a few per cent of 1 is inside this machine's run-to-run noise.
                Windows: results on each job's topic; both close a window once the watermark (30 s) passes its end,
                so the last window of each sensor stays open, and a sensors backlog of one window closes none.
                """);
        return b.toString();
    }

    private static String row(String label, CatchUpBench.Run run, ProcessBench.Row p, long windows, long dead, ProcessBench.Row r,
            long refWindows) {
        return ResultsWriter.row(left(label, 16), right(group(run.result().count()), 10), right(group((long) run.result().sensors()), 7),
                right(str(p.wallS()), 9), right(group(p.wallRate()), 13), right(str(p.driverRssMb()), 6), right(str(p.cpuS()), 5),
                right(group(windows), 7), right(group(dead), 12), right(r == null ? "" : str(r.wallS()), 11),
                right(r == null ? "" : group(r.wallRate()), 15), right(r == null ? "" : str(r.driverRssMb()), 10),
                right(r == null ? "" : group(refWindows), 11), right(r == null ? "" : str(Fmt.ratio(p.wallRate(), r.wallRate())), 19));
    }

    private static String verdict(Boolean met) {
        return met == null ? "not measured" : met ? "met" : "NOT met";
    }
}
