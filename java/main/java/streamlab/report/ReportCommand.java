package streamlab.report;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import streamlab.common.Command;
import streamlab.common.CommonOptions;
import streamlab.common.DurationConverter;
import streamlab.kafka.KafkaOptions;

/**
 * {@code streamlab report}: shows what the Spark job publishes.
 *
 * <p>Runbook. Reads the window results of {@code --report-topic} (default {@code report}, key
 * {@code sensor|window_start}) and the alerts of {@code --alerts-topic} (default {@code alerts}),
 * each record JSON or msgpack, detected per record. On a terminal it draws a dashboard redrawn about
 * once a second: totals, records/s and lag in a header, one row per sensor (latest window, a
 * sparkline of recent averages, ok / alerting / silent) and the newest alerts. Elsewhere, or with
 * {@code --output lines|jsonl}, it prints one line per record. A redelivered duplicate (same sensor
 * and window, or same alert episode) is shown once; a changed value shows as an update.
 *
 * <pre>
 *   bin/streamlab report --from-beginning
 *   bin/streamlab report --output jsonl --from-beginning --timeout 10s | jq .avg
 *   bin/streamlab report --from-beginning --timeout 5s --plot var/report.png
 *   bin/streamlab report --lag --group lab1
 * </pre>
 * Stops on Ctrl-C (terminal restored, offsets committed), after {@code --max-records}, or after
 * {@code --timeout} without a new record; then a summary on stderr. Exit 0 when records were read,
 * 1 when none came (the message says which topics do not exist).
 */
@Parameters(commandDescription = "Show window results and alerts: live dashboard, lines, JSON lines, lag or a PNG plot")
public class ReportCommand implements Command {
    @ParametersDelegate
    public CommonOptions common = new CommonOptions();

    @ParametersDelegate
    public KafkaOptions kafka = new KafkaOptions();

    @Parameter(names = "--output", description = "dashboard|lines|jsonl (default: dashboard on a terminal, else lines); times shown are UTC")
    public Display output;

    @Parameter(names = "--report-topic", description = "Topic with the window results")
    public String reportTopic = "report";

    @Parameter(names = "--alerts-topic", description = "Topic with the alerts")
    public String alertsTopic = "alerts";

    @Parameter(names = "--topics", description = "Topics to read, comma-separated (default: the report and alerts topics)")
    public List<String> topics;

    @Parameter(names = "--sensors", description = "Show only these sensors, comma-separated")
    public List<String> sensors;

    @Parameter(names = "--group", description = "Consumer group; offsets are committed as records are shown, and a"
            + " later run of the same group resumes after them (default: a fresh group streamlab-report-<random> per"
            + " run, committing nothing, so two dashboards never share partitions)")
    public String group;

    @Parameter(names = "--from-beginning", description = "Start at the earliest offsets when the group has none committed (default: only new records)")
    public boolean fromBeginning;

    @Parameter(names = "--max-records", description = "Stop after this many records read (duplicates and undecodable ones count; records of other --sensors do not)")
    public Long maxRecords;

    @Parameter(names = "--timeout", converter = DurationConverter.class, description = "Stop after this long without a new record")
    public Duration timeout;

    @Parameter(names = "--no-color", description = "No colours (also when env NO_COLOR is set)")
    public boolean noColor;

    @Parameter(names = "--trend", description = "Window averages in each sensor's sparkline (at most; the terminal width may show fewer)")
    public int trend = 30;

    @Parameter(names = "--refresh", converter = DurationConverter.class, description = "Dashboard redraw interval")
    public Duration refresh = Duration.ofSeconds(1);

    @Parameter(names = "--plot", description = "Write a PNG chart of the records read (window averages with min-max bands, alert markers); bound the run with --max-records or --timeout (default 10s)")
    public Path plot;

    @Parameter(names = "--lag", description = "Print committed offset, end offset and lag per partition of --group, then exit. The Spark job keeps its offsets in its checkpoint, not in a consumer group")
    public boolean lag;

    @Parameter(names = "--topic", description = "With --lag: only this topic, all of its partitions")
    public String lagTopic;

    @Override
    public CommonOptions common() {
        return common;
    }

    @Override
    public String examples() {
        return """
                streamlab report --from-beginning
                streamlab report --sensors sensor-01,sensor-02 --group lab1
                streamlab report --output lines --from-beginning --max-records 20
                streamlab report --topics alerts --output jsonl --from-beginning --timeout 10s > alerts.jsonl
                streamlab report --from-beginning --timeout 5s --plot var/report.png
                streamlab report --lag --group lab1 --topic report
                """;
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        validate();
        kafka.checkReachable();
        if (lag) {
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                out.print(LagReport.render(group, LagReport.fetch(admin, group, lagTopic, kafka.connectTimeout)));
            }
            return 0;
        }
        return new ReportRun(this, out, err).run();
    }

    private void validate() {
        if (lag && group == null) throw new ParameterException("--lag needs --group");
        if (!lag && lagTopic != null) throw new ParameterException("--topic is for --lag; to choose what to read use --topics");
        if (maxRecords != null && maxRecords <= 0) throw new ParameterException("--max-records must be positive");
        if (timeout != null && timeout.isZero()) throw new ParameterException("--timeout must be positive");
        if (trend < 1) throw new ParameterException("--trend must be at least 1");
        if (refresh.toMillis() < 100) throw new ParameterException("--refresh must be at least 100ms");
        if (plot != null && !plot.getFileName().toString().toLowerCase().endsWith(".png")) {
            throw new ParameterException("--plot: '" + plot + "' must end in .png");
        }
    }

    /** The topics to subscribe to. */
    List<String> topicList() {
        return topics != null && !topics.isEmpty() ? topics : List.of(reportTopic, alertsTopic);
    }

    /** Dashboard on a terminal, lines elsewhere; with --plot and no --output, nothing per record. */
    Display display() {
        if (output != null) return output;
        if (plot != null) return null;
        return System.console() != null ? Display.DASHBOARD : Display.LINES;
    }

    boolean color() {
        String env = System.getenv("NO_COLOR");
        return !noColor && (env == null || env.isEmpty());
    }

    boolean namedGroup() {
        return group != null;
    }

    private String freshGroup;

    String groupId() {
        if (group != null) return group;
        if (freshGroup == null) freshGroup = "streamlab-report-" + UUID.randomUUID().toString().substring(0, 8);
        return freshGroup;
    }

    /** With --plot a run must end by itself: without a bound it would wait for Ctrl-C. */
    Duration effectiveTimeout() {
        if (timeout == null && plot != null && maxRecords == null) return Duration.ofSeconds(10);
        return timeout;
    }

    List<String> sensorFilter() {
        return sensors == null ? List.of() : new ArrayList<>(sensors);
    }
}
