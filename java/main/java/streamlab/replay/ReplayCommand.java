package streamlab.replay;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.common.Command;
import streamlab.common.CommonOptions;
import streamlab.common.ProgressLine;
import streamlab.common.StopSignal;
import streamlab.common.UserException;
import streamlab.kafka.KafkaOptions;
import streamlab.kafka.ProducerOptions;
import streamlab.kafka.ReadingSender;
import streamlab.kafka.SendSummary;

/**
 * {@code streamlab replay FILE.csv}: sends a recorded CSV file to Kafka as readings.
 *
 * <p>Reads: a CSV file with a header, plain or gzip-compressed; by default our own format
 * {@code sensor,ts,seq,temperature} (ts in epoch ms) as {@code produce --record} writes it, other
 * files through {@code --sensor-col/--time-col/--value-col/--seq-col}, {@code --time-format} (by default
 * the first row tells ISO-8601, epoch seconds and epoch milliseconds apart) and {@code --zone}, or {@code --sensor ID} for a single-sensor file. Without a seq column, seq is
 * numbered per sensor from 0 in file order.
 *
 * <p>Writes: one record per row to {@code --topic} (default sensors.temperature), keyed by sensor,
 * in {@code --format json|msgpack}. The reading's ts is the event time from the file; the Kafka
 * record timestamp is the send time.
 *
 * <p>Pacing: {@code --speed max} (the default) sends as fast as the producer goes; {@code --speed 1}
 * keeps the recorded gaps between readings, {@code --speed 60} makes an hour of data last a minute.
 * {@code --loop} starts over with event times moved past the end of the file and seq continuing,
 * until Ctrl-C or {@code --max-loops N}.
 *
 * <p>Expect: a progress line on stderr about once a second on long replays, then
 * {@code replay: done: 21,600 records (21,600 acked, 0 failed) in ...}. A bad row stops the replay
 * after flushing what was sent before it, with one line like
 * {@code data/x.csv:17: column 'temperature': 'abc' is not a number} (exit 1); {@code --skip-bad}
 * skips such rows, writes them to {@code --bad-rows} (default {@code $STREAMLAB_VAR/replay/NAME.bad-rows.csv})
 * and reports how many and where; more than {@code --max-bad} (default 100) stop the replay (exit 1). A column missing from the header stops before
 * anything is sent (exit 2). Ctrl-C waits for the sends in flight (at most {@code --connect-timeout}, 10 s)
 * and says whether Kafka confirmed them all or how many it did not.
 */
@Parameters(commandDescription = "Replay a recorded CSV file into Kafka, paced by event time")
public class ReplayCommand implements Command {
    static final String COMMAND = "replay";
    static final String DEFAULT_TOPIC = "sensors.temperature";
    static final String MAX_SPEED = "max";
    /** More rows than this that are not readings usually means a wrong mapping, not a few glitches. */
    static final long DEFAULT_MAX_BAD = 100;

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @ParametersDelegate
    KafkaOptions kafka = new KafkaOptions();

    @ParametersDelegate
    ProducerOptions producer = new ProducerOptions();

    @Parameter(description = "FILE.csv (or FILE.csv.gz)")
    List<String> files = new ArrayList<>();

    @Parameter(names = "--topic", description = "Topic to write to")
    String topic = DEFAULT_TOPIC;

    @Parameter(names = "--format", description = "Record format: json|msgpack")
    Format format = Format.JSON;

    @Parameter(names = "--speed", description = "Event-time seconds per wall-clock second: 1 keeps the recorded pace, "
            + "60 is sixty times faster, max sends as fast as possible")
    String speed = MAX_SPEED;

    @Parameter(names = "--loop", description = "Start over at the end of the file, with event times shifted forward "
            + "and seq continuing, until Ctrl-C")
    boolean loop;

    @Parameter(names = "--max-loops", description = "Stop after this many passes over the file (implies --loop)")
    Long maxLoops;

    @Parameter(names = "--skip-bad", description = "Skip rows that are not readings, write them to --bad-rows and count "
            + "them in the summary, instead of stopping at the first")
    boolean skipBad;

    @Parameter(names = "--bad-rows", description = "With --skip-bad: the CSV the skipped rows go to (line, problem, the "
            + "row's fields), replaced each run (default: $STREAMLAB_VAR/replay/NAME.bad-rows.csv)")
    Path badRowsFile;

    @Parameter(names = "--max-bad", description = "With --skip-bad: stop with an error once more than this many rows "
            + "were skipped (implies --skip-bad; default " + DEFAULT_MAX_BAD + ")")
    Long maxBad;

    @Parameter(names = "--sensor-col", description = "Column with the sensor id (default: sensor)")
    String sensorCol;

    @Parameter(names = "--sensor", description = "Sensor id for every row, for a file of one sensor without a sensor column")
    String sensor;

    @Parameter(names = "--time-col", description = "Column with the event time")
    String timeCol = Reading.TS;

    @Parameter(names = "--time-format", description = "How the time is written: auto (the first row decides between "
            + "the next three, and the choice is printed), iso (2024-03-01T12:00:00Z, with or without offset, 'T' or "
            + "space), epoch-s (may have a fraction), epoch-ms, or a java.time pattern such as 'dd/MM/yyyy HH:mm'")
    String timeFormat = TimeParser.AUTO;

    @Parameter(names = "--zone", description = "Time zone of times written without an offset, e.g. Europe/Paris")
    String zone = "UTC";

    @Parameter(names = "--value-col", description = "Column with the temperature")
    String valueCol = Reading.TEMPERATURE;

    @Parameter(names = "--seq-col", description = "Column with the per-sensor sequence number "
            + "(default: seq if the file has it, else numbered per sensor from 0)")
    String seqCol;

    @Parameter(names = "--delimiter", description = "Field delimiter: one character, or tab")
    String delimiter = ",";

    @Override
    public CommonOptions common() {
        return common;
    }

    @Override
    public String examples() {
        return """
                streamlab replay data/sensors-3h.csv
                streamlab replay data/sensors-3h.csv --speed 60 --loop --format msgpack
                streamlab replay data/living-room.csv --sensor living-room --time-col timestamp --value-col temp_c
                streamlab replay data/office.csv --delimiter ';' --sensor-col id --time-col date --time-format 'dd/MM/yyyy HH:mm' --zone Europe/Paris --value-col t --skip-bad
                """;
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        CsvLayout layout = layout();
        double speedFactor = speedFactor();
        long passes = maxLoops != null ? maxLoops : loop ? Long.MAX_VALUE : 1;
        String name = files.get(0);
        Path path = Path.of(name);
        // Option, file and header errors are reported before waiting for Kafka.
        Properties producerProperties = producer.producerProperties(kafka);
        String timeColumn;
        try (CsvReadingSource first = CsvReadingSource.open(path, name, layout, skipBad)) {
            // --time-format auto decides on the first row, so that a file it cannot read fails before Kafka is asked.
            first.next();
            timeColumn = first.timeColumn();
        }

        StopSignal.install();
        kafka.checkReachable();
        if (layout.time().chosen() != null) {
            err.println(COMMAND + ": column '" + timeColumn + "' read as " + layout.time().chosen()
                    + " (--time-format auto, from '" + layout.time().sample() + "')");
        }
        long start = System.nanoTime();
        Replayer.Result result;
        Path badPath = badRowsFile != null ? badRowsFile : BadRowFile.defaultFor(varDir(), path);
        long limit = maxBad != null ? maxBad : DEFAULT_MAX_BAD;
        int[] opened = {0};
        try (BadRowFile bad = skipBad ? new BadRowFile(badPath, BadRowFile.shown(badPath)) : null;
             ReadingSender sender = new ReadingSender(producerProperties, topic, ReadingCodec.of(format))
                .failWhenUnanswered(kafka.bootstrapServer, kafka.connectTimeout)) {
            Replayer.Opener opener = () -> {
                CsvReadingSource s = CsvReadingSource.open(path, name, layout, skipBad).limitBadRows(limit);
                // later passes skip the same rows again: written once
                return opened[0]++ == 0 && bad != null ? s.writeBadRowsTo(bad) : s;
            };
            Replayer replayer = new Replayer(opener,
                    new EventTimePacer(speedFactor, EventTimePacer.SYSTEM), sender::send, passes, StopSignal::requested);
            ProgressLine progress = new ProgressLine(err, 1000,
                    () -> SendSummary.progress(COMMAND, sender, start, replayer.position()));
            try {
                result = replayer.run();
            } finally {
                try {
                    // Rows before a bad one are delivered before the error is shown, so the topic matches the message.
                    if (StopSignal.requested()) {
                        sender.flushWithin(ReadingSender.stopGrace(kafka.connectTimeout));
                    } else {
                        sender.flush();
                    }
                } finally {
                    progress.close();
                    err.println(SendSummary.summary(COMMAND, sender, start));
                }
            }
            String skipped = result.badRows().report();
            if (skipped != null) err.println(COMMAND + ": " + skipped + "; rows written to " + bad.shownAs());
            if (result.stopped()) err.println(COMMAND + ": stopped on request during pass " + result.passes());
            if (StopSignal.requested()) {
                String line = sender.stoppedReport(COMMAND, ReadingSender.stopGrace(kafka.connectTimeout));
                if (line != null) err.println(line);
            }
            if (sender.failed() > 0) {
                Exception e = sender.firstError();
                throw new UserException(sender.failed() + " of " + sender.sent() + " records were not delivered to "
                        + topic + ": " + (e == null ? "unknown error" : e.getMessage()), e);
            }
        }
        return 0;
    }

    /** Checks the options against each other and builds the file layout; usage errors name the option. */
    CsvLayout layout() {
        // jcommander hands unknown options to the main parameter; name them as what they are.
        for (String f : files) {
            if (f.startsWith("-") && f.length() > 1) throw new ParameterException("unknown option '" + f + "'");
        }
        if (files.isEmpty()) throw new ParameterException("missing FILE.csv, the file to replay");
        if (files.size() > 1) throw new ParameterException("one file at a time, got " + files.size() + ": " + String.join(" ", files));
        if (sensor != null && sensorCol != null) {
            throw new ParameterException("--sensor and --sensor-col exclude each other: --sensor sets one id for every row");
        }
        if (sensor != null && sensor.isBlank()) throw new ParameterException("--sensor: the sensor id must not be empty");
        if (maxLoops != null && maxLoops < 1) throw new ParameterException("--max-loops: must be at least 1, got " + maxLoops);
        if (maxBad != null && maxBad < 0) throw new ParameterException("--max-bad: must be 0 or more, got " + maxBad);
        if (maxBad != null || badRowsFile != null) skipBad = true;
        if (topic.isBlank()) throw new ParameterException("--topic: must not be empty");
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ParameterException("--zone: '" + zone + "' is not a time zone (write it like UTC, Europe/Paris, +01:00)");
        }
        TimeParser time;
        try {
            time = TimeParser.of(timeFormat, zoneId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException("--time-format: '" + timeFormat + "' is not auto, iso, epoch-s, epoch-ms or a java.time pattern ("
                    + e.getMessage() + ")");
        }
        ColumnMapping mapping = new ColumnMapping(sensorCol == null ? Reading.SENSOR : sensorCol, sensor, timeCol, valueCol,
                seqCol == null ? Reading.SEQ : seqCol, seqCol != null);
        return new CsvLayout(mapping, time, delimiterChar());
    }

    /** The kit's state folder, as process finds it: $STREAMLAB_VAR, else var/ in the kit (or the working folder). */
    static Path varDir() {
        String var = System.getenv("STREAMLAB_VAR");
        return var != null && !var.isBlank() ? Path.of(var)
                : Path.of(System.getProperty("streamlab.home", System.getProperty("user.dir")), "var");
    }

    char delimiterChar() {
        if ("tab".equalsIgnoreCase(delimiter) || "\\t".equals(delimiter)) return '\t';
        if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n' || delimiter.charAt(0) == '\r') {
            throw new ParameterException("--delimiter: '" + delimiter + "' is not one character (write it like ',', ';' or tab)");
        }
        return delimiter.charAt(0);
    }

    /** Event-time seconds per wall-clock second; infinite for max. */
    double speedFactor() {
        if (MAX_SPEED.equalsIgnoreCase(speed)) return Double.POSITIVE_INFINITY;
        String s = speed.endsWith("x") ? speed.substring(0, speed.length() - 1) : speed;
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ParameterException("--speed: '" + speed + "' is not a speed (write it like 1, 60, 0.5 or max)");
        }
        return v;
    }
}
