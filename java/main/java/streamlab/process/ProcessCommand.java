package streamlab.process;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import streamlab.codec.Format;
import streamlab.common.Command;
import streamlab.common.CommonOptions;
import streamlab.common.DurationConverter;
import streamlab.common.Durations;
import streamlab.common.WholeValue;
import streamlab.kafka.KafkaOptions;

/**
 * {@code streamlab process}: the Spark Structured Streaming job of the kit.
 *
 * <h2>Runbook</h2>
 * <b>Reads</b> readings from {@code --topic} (default {@code sensors.temperature}), JSON, msgpack or
 * both ({@code --format auto}). Event time is the reading's {@code ts}, never Kafka's timestamp.
 * <p>
 * <b>Writes</b>
 * <ul>
 *   <li>{@code --report-topic} ({@code report}): one {@link streamlab.codec.WindowResult} per sensor and
 *       tumbling (or sliding, {@code --slide}) window of {@code --window}: count, min, max, avg, population
 *       stddev, first/last event time and seq gaps, keyed {@code sensor|window_start}. In the default append
 *       mode a window is written once, when the watermark (latest event time seen minus {@code --watermark})
 *       passes its end.</li>
 *   <li>{@code --alerts-topic} ({@code alerts}): alert episodes per sensor (threshold, spike, stuck, silence,
 *       resumed, seq gap), keyed by sensor, in the report's format; see {@link streamlab.process.Pipeline}
 *       and {@link streamlab.process.alerts.AlertRules}. Each episode is written when it opens and when it closes.</li>
 *   <li>{@code --dlq-topic} ({@code sensors.temperature.dlq}): every record that is not a valid reading, or
 *       whose event time is more than {@code --max-future} ahead of the wall clock, with its original key and
 *       bytes and the headers {@code streamlab.reason} and {@code streamlab.source} (topic-partition@offset).</li>
 *   <li>{@code --late-topic} (optional): readings that arrived after their window was closed.</li>
 *   <li>Checkpoints under {@code --checkpoint} ({@code $STREAMLAB_VAR/checkpoints/process}): a restart
 *       resumes where the last run stopped; delete the folder to start over.</li>
 * </ul>
 * <b>Run</b> {@code bin/streamlab process} (runs until Ctrl-C), or {@code bin/streamlab process --trigger
 * available-now} (processes what the topic holds, emits the windows the final watermark closes, exits 0).
 * Under {@code spark-submit}, its {@code --master} is used.
 * <p>
 * <b>Expect</b> on stderr, once per micro-batch:
 * <pre>
 * process: batch 3: 12,000 rows (11,874/s in, 40,110/s processed) in 0.3 s, watermark 2024-05-01T10:14:30.000Z, state 24 rows, readings 48,000, windows out 120, alerts out 3, dead letters 5, late 0
 * </pre>
 * and at the end, on stdout: {@code process: done: 200,000 readings in, 1,240 windows out, 5 to DLQ, 0 late ...}.
 * The first results appear about 10 s after launch: Spark starts in about 4 s, then each window waits for
 * the watermark.
 */
@Parameters(commandDescription = "Aggregate readings per sensor and event-time window with Spark; write the report, dead letters and late readings")
public class ProcessCommand implements Command {
    @ParametersDelegate
    public CommonOptions common = new CommonOptions();

    @ParametersDelegate
    public KafkaOptions kafka = new KafkaOptions();

    @Parameter(names = "--topic", description = "Input topic with the readings")
    public String topic = "sensors.temperature";

    @Parameter(names = "--report-topic", description = "Output topic for the window results")
    public String reportTopic = "report";

    @Parameter(names = "--alerts-topic", description = "Output topic for alerts (same format as the report)")
    public String alertsTopic = "alerts";

    @ParametersDelegate
    public streamlab.process.alerts.AlertArgs alerts = new streamlab.process.alerts.AlertArgs();

    @Parameter(names = "--dlq-topic", description = "Dead-letter topic for malformed and far-future records")
    public String dlqTopic = "sensors.temperature.dlq";

    @Parameter(names = "--late-topic", description = "Optional topic for readings that arrived after their window closed")
    public String lateTopic;

    @Parameter(names = "--format", description = "Input format: json|msgpack|auto (auto: per record, '{' = JSON)")
    public InputFormat format = InputFormat.AUTO;

    @Parameter(names = "--json-parser", description = "JSON decoding: jackson (the kit's codec, as produce and replay write it) or from_json (Spark's, explicit schema: slower, and lenient with a sensor id that is not a string and with bytes after the object)")
    public JsonParser jsonParser = JsonParser.JACKSON;

    @Parameter(names = "--output-format", description = "Report format: json|msgpack (default: the input format; json for auto)")
    public Format outputFormat;

    @Parameter(names = "--window", converter = DurationConverter.class, description = "Window length")
    public Duration window = Duration.ofMinutes(1);

    @Parameter(names = "--slide", converter = DurationConverter.class, description = "Slide of sliding windows (default: tumbling)")
    public Duration slide;

    @Parameter(names = "--watermark", converter = DurationConverter.class, description = "How late a reading may arrive and still count")
    public Duration watermark = Duration.ofSeconds(30);

    @Parameter(names = "--max-future", converter = DurationConverter.class,
            description = "Readings whose event time is further ahead of the wall clock go to the DLQ")
    public Duration maxFuture = Duration.ofMinutes(5);

    @Parameter(names = "--output-mode", description = "append: each window once, when closed; update: early, revised results")
    public EmitMode emitMode = EmitMode.APPEND;

    @Parameter(names = "--trigger", converter = TriggerConverter.class, description = "Micro-batch interval, or available-now")
    public TriggerSpec trigger = TriggerSpec.every(Duration.ofSeconds(2));

    @Parameter(names = "--starting-offsets", description = "Where a first run starts: earliest|latest (a checkpoint overrides it)")
    public StartingOffsets startingOffsets = StartingOffsets.EARLIEST;

    /** A backlog is read in micro-batches of at most this many records; null: from the heap ({@link CatchUpBatch}). */
    @Parameter(names = "--max-offsets-per-trigger", description = "Cap on records per micro-batch, which bounds a catch-up batch's memory (default: 1,000,000 per GiB of heap of the JVM that runs the tasks, at least 100,000)")
    public Long maxOffsetsPerTrigger;

    @Parameter(names = "--checkpoint", description = "Checkpoint folder (default $STREAMLAB_VAR/checkpoints/process)")
    public Path checkpoint;

    @Parameter(names = "--progress-json", description = "Also write each micro-batch's progress, as Spark's JSON, one object a line, to this file (for scripts such as the bench)")
    public Path progressJson;

    @Parameter(names = "--master", description = "Spark master (default local[2], or spark-submit's master)")
    public String master;

    @Parameter(names = "--conf", description = "Spark setting KEY=VALUE (repeatable), as in spark-submit", splitter = WholeValue.class)
    public List<String> conf = new ArrayList<>();

    @Override
    public CommonOptions common() {
        return common;
    }

    @Override
    public String examples() {
        return """
                streamlab process
                streamlab process --trigger available-now --checkpoint /tmp/ckpt
                streamlab process --format msgpack --window 10s --watermark 5s --trigger 1s
                streamlab process --window 1m --slide 20s --output-mode update --late-topic late
                streamlab process --conf spark.sql.shuffle.partitions=4 --max-offsets-per-trigger 50000
                """;
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        validate();
        // ProcessJob is the only class here that touches Spark; it is loaded on this line, not before.
        return new ProcessJob(this, out, err).run();
    }

    /** The report format: as asked, else the input's, and JSON when the input mixes formats. */
    public Format reportFormat() {
        if (outputFormat != null) return outputFormat;
        return format == InputFormat.MSGPACK ? Format.MSGPACK : Format.JSON;
    }

    public Path checkpointDir() {
        if (checkpoint != null) return checkpoint;
        String var = System.getenv("STREAMLAB_VAR");
        Path base = var != null && !var.isBlank() ? Path.of(var)
                : Path.of(System.getProperty("streamlab.home", System.getProperty("user.dir")), "var");
        return base.resolve("checkpoints").resolve("process");
    }

    /** {@code --conf} as an ordered map; the last value of a key wins, as in spark-submit. */
    public Map<String, String> sparkConf() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new ParameterException("--conf: '" + kv + "' is not KEY=VALUE");
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return m;
    }

    /** The alert rules' settings; defaults follow {@code --window} and {@code --watermark}. */
    public streamlab.process.alerts.AlertOptions alertOptions() {
        return alerts.toOptions(window, watermark);
    }

    public PipelineOptions pipelineOptions() {
        return new PipelineOptions(format, jsonParser, reportFormat(), windowSpec(), emitMode, maxFuture, alertOptions(), topic,
                reportTopic, alertsTopic, dlqTopic, lateTopic);
    }

    public WindowSpec windowSpec() {
        return new WindowSpec(window, slide, watermark);
    }

    void validate() {
        positive("--window", window);
        if (slide != null) {
            positive("--slide", slide);
            if (slide.compareTo(window) > 0) {
                throw new ParameterException("--slide (" + Durations.format(slide) + ") must not be longer than --window ("
                        + Durations.format(window) + ")");
            }
        }
        positive("--max-future", maxFuture);
        if (maxOffsetsPerTrigger != null && maxOffsetsPerTrigger <= 0) {
            throw new ParameterException("--max-offsets-per-trigger must be positive, got " + maxOffsetsPerTrigger);
        }
        alertOptions();
        for (String t : new String[] {topic, reportTopic, dlqTopic, alertsTopic}) {
            if (t == null || t.isBlank()) throw new ParameterException("topic names must not be empty");
        }
        if (lateTopic != null && lateTopic.isBlank()) throw new ParameterException("--late-topic must not be empty");
        sparkConf();
    }

    private static void positive(String option, Duration d) {
        if (d.isZero() || d.isNegative()) throw new ParameterException(option + " must be longer than 0");
    }
}
