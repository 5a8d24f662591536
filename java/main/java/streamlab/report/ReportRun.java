package streamlab.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import streamlab.common.Durations;
import streamlab.common.StopSignal;
import streamlab.common.UserException;

/**
 * One run of {@code report}: poll, decode, upsert into the {@link DashboardState}, show (lines,
 * JSON lines or the dashboard), commit what was shown, until Ctrl-C, {@code --max-records} or
 * {@code --timeout}; then the plot, if asked for, and a summary on stderr.
 */
final class ReportRun {
    private static final Duration POLL = Duration.ofMillis(200);
    /** How often the dashboard asks again whether the topics it waits for exist. */
    private static final Duration MISSING_RECHECK = Duration.ofSeconds(5);
    private static final int HISTORY = 2_000;
    private static final int ALERTS = 500;

    private final ReportCommand options;
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> topics;
    private final Set<String> sensors;
    private final DashboardState state = new DashboardState(HISTORY, ALERTS);
    private long consumed;
    private long shown;

    ReportRun(ReportCommand options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.topics = options.topicList();
        this.sensors = new HashSet<>(options.sensorFilter());
    }

    int run() throws Exception {
        StopSignal.install();
        Display mode = options.display();
        Duration timeout = options.effectiveTimeout();
        boolean named = options.namedGroup();
        String group = options.groupId();
        String source = String.join(", ", topics);
        List<String> missing = TopicCheck.missing(options.kafka.clientProperties(), topics, options.kafka.connectTimeout);
        if (mode != Display.DASHBOARD) {
            err.println("report: reading " + source + " as group " + group + (options.fromBeginning ? " from the beginning" : "")
                    + (timeout == null ? "" : ", stopping after " + Durations.format(timeout) + " without a record")
                    + (missing.isEmpty() ? "" : "; not there yet: " + String.join(", ", missing)));
        }
        RecordDecoder decoder = new RecordDecoder(options.alertsTopic);
        PlainOutput plain = mode == Display.LINES || mode == Display.JSONL ? new PlainOutput(mode, out, err) : null;
        String stopReason = "stopped (Ctrl-C)";
        long startNanos = System.nanoTime();
        long lastRecordNanos = startNanos;
        boolean assigned = false;
        try (ReportConsumer consumer = new ReportConsumer(options.kafka.clientProperties(), group, options.fromBeginning, named, topics);
             DashboardScreen screen = mode == Display.DASHBOARD ? new DashboardScreen(out) : null) {
            Dashboard dash = screen == null ? null
                    : new Dashboard(screen, state, new TableRenderer.Header(source, group, 0, null), options.color(), options.trend);
            if (dash != null) dash.missing(missing);
            long missingCheckedNanos = System.nanoTime();
            while (!StopSignal.requested()) {
                if (dash != null && !missing.isEmpty() && System.nanoTime() - missingCheckedNanos >= MISSING_RECHECK.toNanos()) {
                    missing = TopicCheck.missing(options.kafka.clientProperties(), topics, options.kafka.connectTimeout);
                    missingCheckedNanos = System.nanoTime();
                    dash.missing(missing);
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                boolean full = false;
                for (ConsumerRecord<String, byte[]> r : records) {
                    consumed++;
                    Item item = decoder.decode(r.topic(), r.partition(), r.offset(), r.value());
                    if (wanted(item)) {
                        DashboardState.Outcome outcome = state.apply(item);
                        if (plain != null) plain.show(item, outcome, state.skipped());
                        shown++;
                    }
                    consumer.processed(r.topic(), r.partition(), r.offset());
                    if (options.maxRecords != null && shown >= options.maxRecords) {
                        full = true;
                        break;
                    }
                }
                if (!records.isEmpty()) lastRecordNanos = System.nanoTime();
                if (plain != null) {
                    plain.flush();
                    consumer.commit();
                }
                if (dash != null && dash.due(options.refresh)) {
                    dash.redraw(consumer);
                    consumer.commit();
                }
                if (!assigned && consumer.ready()) {
                    assigned = true;
                    // joining the group can take seconds: --timeout counts from when reading can begin
                    if (consumed == 0) lastRecordNanos = System.nanoTime();
                }
                if (full) {
                    stopReason = "stopped after --max-records " + options.maxRecords;
                    break;
                }
                if (timeout != null && System.nanoTime() - lastRecordNanos >= timeout.toNanos()) {
                    stopReason = "stopped: no new record for " + Durations.format(timeout);
                    break;
                }
            }
            if (dash != null) dash.redraw(consumer);
            consumer.commit();
        }
        double secs = (System.nanoTime() - startNanos) / 1e9;
        if (consumed == 0 && !StopSignal.requested()) {
            List<String> gone = TopicCheck.missing(options.kafka.clientProperties(), topics, options.kafka.connectTimeout);
            throw new UserException("no records from " + source + " within " + Durations.format(timeout)
                    + (gone.isEmpty() ? " (the topics exist; is the Spark job running?"
                    + (options.fromBeginning ? "" : " add --from-beginning for older records") + ")"
                    : "; topic" + (gone.size() > 1 ? "s " : " ") + String.join(", ", gone.stream().map(t -> "'" + t + "'").toList())
                    + (gone.size() > 1 ? " do" : " does") + " not exist"));
        }
        err.println(summary(secs, stopReason, group, named));
        if (consumed == 0) return 0;
        if (shown == 0) throw new UserException("read " + consumed + " records but none for --sensors " + String.join(",", sensors));
        if (options.plot != null) return writePlot(source);
        return 0;
    }

    private boolean wanted(Item item) {
        return sensors.isEmpty() || item.sensor() == null || sensors.contains(item.sensor());
    }

    private int writePlot(String source) throws Exception {
        if (state.windows() == 0 && state.alertCount() == 0) {
            throw new UserException("--plot: no window results or alerts were read, so " + options.plot + " was not written");
        }
        PlotWriter.write(state, source, options.plot, PlotWriter.WIDTH, PlotWriter.HEIGHT);
        err.println("report: wrote " + options.plot + " (" + PlotWriter.WIDTH + "x" + PlotWriter.HEIGHT + ", "
                + state.sensorNames().size() + " sensors)");
        return 0;
    }

    private String summary(double secs, String stopReason, String group, boolean named) {
        return String.format(Locale.ROOT, "report: %d records in %.1f s: %d windows, %d alerts, %d duplicates collapsed,"
                        + " %d skipped; %s%s", consumed, secs, state.windows(), state.alertCount(), state.duplicates(),
                state.skipped(), stopReason, named ? "; offsets committed for group " + group : "");
    }
}
