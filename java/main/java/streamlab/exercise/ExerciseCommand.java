package streamlab.exercise;

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
import streamlab.common.WholeValue;
import streamlab.kafka.KafkaOptions;
import streamlab.process.EmitMode;
import streamlab.process.StartingOffsets;
import streamlab.process.TriggerConverter;
import streamlab.process.TriggerSpec;

/**
 * {@code streamlab exercise}: the exercise track's runner and checker (labs/exercises/).
 *
 * <h2>Runbook</h2>
 * <ul>
 *   <li>{@code exercise list}: the exercises, and whether each is started (its class no longer throws
 *       {@link ExerciseNotStarted}).</li>
 *   <li>{@code exercise run N}: the student's query of exercise N as a streaming job with the same source, sink,
 *       checkpoint and options as {@code process}: readings from {@code --topic}, window results to
 *       {@code --report-topic} (alerts to {@code --alerts-topic}; exercise 1: dead letters to
 *       {@code --dlq-topic}, readings to {@code --parsed-topic}), so {@code streamlab report} shows them.
 *       {@code --solution} runs the reference solution instead. Under {@code bin/submit-exercise} it runs on
 *       the standalone cluster.</li>
 *   <li>{@code exercise check N}: writes a seeded input with late, out-of-order and malformed readings to fresh
 *       topics, runs {@code process} and the student's query on it, and compares what both wrote: one
 *       PASS/FAIL line per check, a table of the differences and a hint chosen from the kind of difference.
 *       Exit 0 when all pass, 1 otherwise.</li>
 * </ul>
 */
@Parameters(commandDescription = "Exercises: run your own Structured Streaming query (list | run N | check N)")
public class ExerciseCommand implements Command {
    @ParametersDelegate
    public CommonOptions common = new CommonOptions();

    @ParametersDelegate
    public KafkaOptions kafka = new KafkaOptions();

    @Parameter(description = "list | run N | check N")
    public List<String> action = new ArrayList<>();

    @Parameter(names = "--solution", description = "Run or check the reference solution instead of your class")
    public boolean solution;

    @Parameter(names = "--job", description = "Run or check this class instead of your exercise class (it must have the exercise's shape)")
    public String job;

    @Parameter(names = "--topic", description = "Input topic with the readings")
    public String topic = "sensors.temperature";

    @Parameter(names = "--report-topic", description = "Output topic for window results")
    public String reportTopic = "report";

    @Parameter(names = "--alerts-topic", description = "Output topic for alerts")
    public String alertsTopic = "alerts";

    @Parameter(names = "--dlq-topic", description = "Dead-letter topic (exercise 1)")
    public String dlqTopic = "sensors.temperature.dlq";

    @Parameter(names = "--parsed-topic", description = "Output topic for the readings exercise 1 accepted")
    public String parsedTopic = "sensors.parsed";

    @Parameter(names = "--output-format", description = "Format of the results: json|msgpack")
    public Format outputFormat = Format.JSON;

    @Parameter(names = "--window", converter = DurationConverter.class, description = "Window length (default: the exercise's)")
    public Duration window;

    @Parameter(names = "--slide", converter = DurationConverter.class, description = "Slide of sliding windows (default: the exercise's)")
    public Duration slide;

    @Parameter(names = "--watermark", converter = DurationConverter.class, description = "How late a reading may arrive and still count")
    public Duration watermark;

    @Parameter(names = "--stuck-for", converter = DurationConverter.class, description = "Exercise 5: one value repeated this long is stuck")
    public Duration stuckFor;

    @Parameter(names = "--silence-after", converter = DurationConverter.class, description = "Exercise 5: no reading for longer than this is a silence")
    public Duration silenceAfter;

    @Parameter(names = "--max-future", converter = DurationConverter.class,
            description = "Readings further ahead of the wall clock are left out, as process sends them to its DLQ")
    public Duration maxFuture = Duration.ofMinutes(5);

    @Parameter(names = "--output-mode", description = "append: each window once, when closed; update: every change")
    public EmitMode emitMode = EmitMode.APPEND;

    @Parameter(names = "--trigger", converter = TriggerConverter.class, description = "Micro-batch interval, or available-now")
    public TriggerSpec trigger = TriggerSpec.every(Duration.ofSeconds(2));

    @Parameter(names = "--starting-offsets", description = "Where a first run starts: earliest|latest (a checkpoint overrides it)")
    public StartingOffsets startingOffsets = StartingOffsets.EARLIEST;

    @Parameter(names = "--max-offsets-per-trigger", description = "Cap on records per micro-batch (default: no cap)")
    public Long maxOffsetsPerTrigger;

    @Parameter(names = "--checkpoint", description = "Checkpoint folder (default $STREAMLAB_VAR/checkpoints/exercise-N)")
    public Path checkpoint;

    @Parameter(names = "--master", description = "Spark master (default local[2], or spark-submit's master)")
    public String master;

    @Parameter(names = "--conf", description = "Spark setting KEY=VALUE (repeatable), as in spark-submit", splitter = WholeValue.class)
    public List<String> conf = new ArrayList<>();

    @Parameter(names = "--seed", description = "check: seed of the generated input")
    public long seed = 7;

    /** Set to {@code solution} (the suite's walk of the exercise READMEs) to run the reference solutions. */
    static final String SOLUTION_ENV = "STREAMLAB_EXERCISE_JOB";

    @Override
    public CommonOptions common() {
        return common;
    }

    @Override
    public String examples() {
        return """
                streamlab exercise list
                streamlab exercise run 2 --trigger available-now
                streamlab exercise run 2 --solution --report-topic report
                streamlab exercise check 2
                streamlab exercise check 3 --watermark 10s
                """;
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        if (action.isEmpty()) throw new ParameterException("say what to do: list, run N or check N");
        String verb = action.get(0);
        if (verb.equals("list")) {
            if (action.size() > 1) throw new ParameterException("list takes no exercise number");
            return ExerciseList.print(out);
        }
        if (!verb.equals("run") && !verb.equals("check")) {
            throw new ParameterException("unknown action '" + verb + "': list, run N or check N");
        }
        if (action.size() != 2) throw new ParameterException(verb + " needs one exercise number, e.g. " + verb + " 2");
        Exercise e = exercise(action.get(1));
        validate();
        if (solution && job != null) throw new ParameterException("--solution and --job exclude each other");
        String className = solution ? e.solutionClass() : job;
        if (className == null && "solution".equals(System.getenv(SOLUTION_ENV))) {
            // Only for walking the exercise READMEs in the test suite, where no student has written anything yet.
            err.println("exercise " + e.number() + ": " + SOLUTION_ENV + "=solution: running the reference solution, not your class");
            className = e.solutionClass();
        }
        return verb.equals("run") ? new ExerciseRun(this, e, className, out, err).run()
                : new ExerciseCheck(this, e, className, out, err).run();
    }

    static Exercise exercise(String number) {
        try {
            int n = Integer.parseInt(number.trim());
            return Exercises.find(n).orElseThrow(() -> new ParameterException("there is no exercise " + n
                    + " (exercises 1 to " + Exercises.ALL.size() + ")"));
        } catch (NumberFormatException ex) {
            throw new ParameterException("'" + number + "' is not an exercise number (1 to " + Exercises.ALL.size() + ")");
        }
    }

    /** The exercise's settings, with the options given on the command line. */
    ExerciseSettings settings(Exercise e) {
        ExerciseSettings d = e.defaults();
        Duration w = window != null ? window : d.window();
        Duration s = slide != null ? slide : window != null ? w : d.slide();
        return new ExerciseSettings(w, s, watermark != null ? watermark : d.watermark(),
                stuckFor != null ? stuckFor : window != null ? w : d.stuckFor(),
                silenceAfter != null ? silenceAfter : window != null ? w.multipliedBy(2) : d.silenceAfter(), maxFuture);
    }

    Path checkpointDir(Exercise e) {
        if (checkpoint != null) return checkpoint;
        String var = System.getenv("STREAMLAB_VAR");
        Path base = var != null && !var.isBlank() ? Path.of(var)
                : Path.of(System.getProperty("streamlab.home", System.getProperty("user.dir")), "var");
        return base.resolve("checkpoints").resolve("exercise-" + e.number());
    }

    /** {@code --conf} as an ordered map; the last value of a key wins, as in spark-submit. */
    Map<String, String> sparkConf() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new ParameterException("--conf: '" + kv + "' is not KEY=VALUE");
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return m;
    }

    ExercisePipeline.Sinks sinks() {
        return new ExercisePipeline.Sinks(reportTopic, alertsTopic, dlqTopic, parsedTopic, outputFormat);
    }

    private void validate() {
        for (Duration d : new Duration[] {window, slide, watermark, stuckFor, silenceAfter, maxFuture}) {
            if (d != null && (d.isZero() || d.isNegative())) throw new ParameterException("durations must be longer than 0");
        }
        if (slide != null && window != null && slide.compareTo(window) > 0) {
            throw new ParameterException("--slide must not be longer than --window");
        }
        if (maxOffsetsPerTrigger != null && maxOffsetsPerTrigger <= 0) {
            throw new ParameterException("--max-offsets-per-trigger must be positive, got " + maxOffsetsPerTrigger);
        }
        sparkConf();
    }
}
