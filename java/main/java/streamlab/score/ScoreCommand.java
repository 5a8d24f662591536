package streamlab.score;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import streamlab.codec.Alert;
import streamlab.common.Command;
import streamlab.common.CommonOptions;
import streamlab.common.DurationConverter;
import streamlab.common.Durations;
import streamlab.common.StopSignal;
import streamlab.kafka.KafkaOptions;

/**
 * {@code streamlab score}: how well the alerts found the faults {@code produce} injected.
 *
 * <p>Runbook. Reads the truth CSV of {@code produce --truth} ({@code sensor,kind,start,end}) and the alerts,
 * either the whole {@code --alerts-topic} (default {@code alerts}; from the beginning up to the end offsets at
 * start; no consumer group, nothing committed) or, instead, {@code --alerts-file} (one alert per line, as {@code report --output jsonl}
 * writes; other lines of that output are skipped). Alerts are reduced to one per episode
 * ({@code sensor|kind|start}). An alert finds a fault when kind and sensor agree and its [start, end]
 * overlaps the fault's, widened by {@code --tolerance} on each side.
 *
 * <pre>
 *   bin/streamlab score --truth data/sensors-3h.truth.csv
 *   bin/streamlab score --truth truth.csv --alerts-file alerts.jsonl --min-recall 0.95 --min-precision 0.95
 * </pre>
 * Expect on stdout one row per kind: injected, detected, missed, false alarms, precision, recall and the
 * detection delay in event time (median, max); late, duplicate and malformed faults are listed as not
 * alerted by design, threshold and resumed alerts are counted but not scored. Exit 0, or 1 with one line
 * on stderr naming the kind(s) below {@code --min-recall} / {@code --min-precision}.
 */
@Parameters(commandDescription = "Score alerts against the faults produce injected (precision, recall, delay per kind)")
public class ScoreCommand implements Command {
    @ParametersDelegate
    public CommonOptions common = new CommonOptions();

    @Parameter(names = "--truth", required = true, description = "Truth CSV written by produce --truth: sensor,kind,start,end")
    public Path truth;

    @Parameter(names = "--alerts-topic", description = "Read the alerts from this topic, from the beginning to its current end")
    public String alertsTopic = "alerts";

    @Parameter(names = "--alerts-file", description = "Read the alerts from this jsonl file (report --output jsonl) instead of --alerts-topic")
    public Path alertsFile;

    @Parameter(names = "--tolerance", converter = DurationConverter.class, description = "Event time by which a fault is widened on each side when matching")
    public Duration tolerance = Duration.ofMinutes(1);

    @Parameter(names = "--min-recall", description = "Exit 1 if the recall of any scored kind with faults is below this (0-1)")
    public Double minRecall;

    @Parameter(names = "--min-precision", description = "Exit 1 if the precision of any scored kind with alerts is below this (0-1)")
    public Double minPrecision;

    @Parameter(names = "--read-timeout", converter = DurationConverter.class, description = "Give up reading --alerts-topic to its end after this long")
    public Duration readTimeout = Duration.ofSeconds(60);

    @ParametersDelegate
    public KafkaOptions kafka = new KafkaOptions();

    @Override
    public CommonOptions common() {
        return common;
    }

    @Override
    public String examples() {
        return """
                streamlab score --truth data/sensors-3h.truth.csv
                streamlab score --truth data/sensors-3h.truth.csv --alerts-topic demo-alerts --min-recall 0.95 --min-precision 0.95
                streamlab score --truth truth.csv --alerts-file alerts.jsonl --tolerance 30s
                """;
    }

    void validate() {
        if (alertsFile == null && (alertsTopic == null || alertsTopic.isBlank())) {
            throw new ParameterException("--alerts-topic must not be empty");
        }
        if (tolerance.isNegative()) throw new ParameterException("--tolerance must not be negative");
        bar("--min-recall", minRecall);
        bar("--min-precision", minPrecision);
    }

    private static void bar(String option, Double v) {
        if (v != null && !(v >= 0 && v <= 1)) throw new ParameterException(option + " must be between 0 and 1, got " + v);
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        validate();
        List<TruthRow> faults = TruthFile.read(truth);
        List<Alert> alerts;
        if (alertsFile != null) {
            alerts = AlertSource.readFile(alertsFile);
        } else {
            StopSignal.install();
            kafka.checkReachable();
            alerts = AlertSource.readTopic(kafka.clientProperties(), alertsTopic, readTimeout, err);
        }
        List<Scorer.KindScore> rows = Scorer.score(faults, alerts, tolerance.toMillis());
        out.printf("score: %d faults in %s, %d alert records (%d episodes) from %s, tolerance %s%n", faults.size(), truth,
                alerts.size(), Scorer.episodes(alerts).size(), alertsFile != null ? alertsFile : "topic " + alertsTopic,
                Durations.format(tolerance));
        out.print(table(rows));
        out.flush();
        List<String> below = below(rows, minRecall, minPrecision);
        if (below.isEmpty()) return 0;
        err.println("score: below the bar: " + String.join("; ", below));
        return 1;
    }

    /** Why each scored kind misses the bar, e.g. {@code spike recall 0.900 < --min-recall 0.95}. */
    static List<String> below(List<Scorer.KindScore> rows, Double minRecall, Double minPrecision) {
        List<String> why = new ArrayList<>();
        for (Scorer.KindScore r : rows) {
            if (!r.scored()) continue;
            if (minRecall != null && r.injected() > 0 && r.recall() < minRecall) {
                why.add(String.format(Locale.ROOT, "%s recall %.3f < --min-recall %s", r.kind(), r.recall(), minRecall));
            }
            if (minPrecision != null && r.alerts() > 0 && r.precision() < minPrecision) {
                why.add(String.format(Locale.ROOT, "%s precision %.3f < --min-precision %s", r.kind(), r.precision(), minPrecision));
            }
        }
        return why;
    }

    static String table(List<Scorer.KindScore> rows) {
        StringBuilder b = new StringBuilder();
        String head = "%-15s %8s %8s %6s %12s %9s %6s %12s %9s%n";
        b.append(String.format(Locale.ROOT, head, "kind", "injected", "detected", "missed", "false-alarms", "precision",
                "recall", "delay-median", "delay-max"));
        for (Scorer.KindScore r : rows) {
            if (r.scored()) {
                b.append(String.format(Locale.ROOT, head, r.kind(), r.injected(), r.detected(), r.missed(), r.falseAlarms(),
                        ratio(r.precision()), ratio(r.recall()), delay(r.medianDelay()), delay(r.maxDelay())));
            } else if (r.injected() > 0) {
                b.append(String.format(Locale.ROOT, "%-15s %8d  %s%n", r.kind(), r.injected(), r.note()));
            } else {
                b.append(String.format(Locale.ROOT, "%-15s %8s  %d alerts, %s%n", r.kind(), "-", r.alerts(), r.note()));
            }
        }
        return b.toString();
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String delay(long ms) {
        return ms < 0 ? "-" : Durations.format(Duration.ofMillis(ms));
    }
}
