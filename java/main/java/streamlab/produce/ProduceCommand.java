package streamlab.produce;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import streamlab.codec.Format;
import streamlab.common.Command;
import streamlab.common.CommonOptions;
import streamlab.common.DurationConverter;
import streamlab.common.Durations;
import streamlab.kafka.KafkaOptions;
import streamlab.kafka.ProducerOptions;

/**
 * {@code streamlab produce}: simulated temperature sensors writing readings to Kafka.
 *
 * <p>Runbook. Writes one record per reading to {@code --topic} (default {@code sensors.temperature}),
 * keyed by sensor id, value JSON {@code {"sensor","ts","seq","temperature"}} or msgpack
 * {@code [sensor, ts, seq, temperature]}. Each sensor reads every {@code --interval} of event time
 * from {@code --start}: a baseline, a daily cycle, drift and noise, all drawn from {@code --seed}, so
 * the same seed, start and options give the same readings at any speed. By default the readings go
 * out in real time; {@code --speedup 60} plays an hour a minute, {@code --rate 5000} sends 5000
 * records/s, {@code --rate max} as fast as the producer goes. Faults are off unless asked for; with
 * {@code --truth FILE} every injected fault is written down for {@code score}.
 *
 * <pre>
 *   bin/streamlab produce --sensors 10 --duration 5m
 *   bin/streamlab produce --seed 7 --start 2024-05-01T00:00:00Z --count 36000 --rate max --record run.csv
 * </pre>
 * Expect a start line and about one progress line a second on stderr, then
 * {@code produce: done: N records (...) in S s, R records/s, M MB/s}. Exit 1 if Kafka cannot be
 * reached within {@code --connect-timeout} or any send fails (first error shown). Ctrl-C waits for the
 * sends in flight (at most {@code --connect-timeout}, 10 s), prints the summary and
 * {@code produce: stopped on request; all N records sent were confirmed by Kafka}, or, when some were not,
 * one line {@code Error: stopped on request with U of N records ... not confirmed ...}.
 */
@Parameters(commandDescription = "Simulate temperature sensors writing readings to Kafka")
public class ProduceCommand implements Command {
    @ParametersDelegate
    public CommonOptions common = new CommonOptions();

    @Parameter(names = "--sensors", description = "Number of sensors (ids sensor-01.., zero-padded to the width of N)")
    public int sensors = 10;

    @Parameter(names = "--duration", converter = DurationConverter.class, description = "Stop after this much wall time")
    public Duration duration;

    @Parameter(names = "--count", description = "Stop after this many readings (each valid reading once; duplicates and malformed records come on top, silenced readings do not count)")
    public Long count;

    @Parameter(names = "--seed", description = "Random seed: the same seed, --start and options give the same readings and faults (default: random, printed at start)")
    public Long seed;

    @Parameter(names = "--start", converter = StartTimeConverter.class, description = "Event time of the first tick: ISO-8601 instant or epoch ms (default: now, to the second; faster than real time with --count or --duration, early enough that no reading is ahead of the wall clock)")
    public Long start;

    @Parameter(names = "--interval", converter = DurationConverter.class, description = "Event time between two readings of one sensor")
    public Duration interval = Duration.ofSeconds(1);

    @Parameter(names = "--topic", description = "Topic to write to")
    public String topic = "sensors.temperature";

    @Parameter(names = "--format", description = "Record value format: json|msgpack")
    public Format format = Format.JSON;

    @Parameter(names = "--speedup", description = "Run event time this many times faster than real time")
    public Double speedup;

    @Parameter(names = "--rate", converter = RateConverter.class, description = "Total records per second, or 'max'; ignores event time for pacing (the readings stay the same)")
    public Double rate;

    @Parameter(names = "--spike-rate", description = "Fault: share of readings off by 15-40 degrees (0-1)")
    public double spikeRate;

    @Parameter(names = "--stuck-count", description = "Fault: sensors that now and then repeat one value for --fault-length")
    public int stuckCount;

    @Parameter(names = "--silence-count", description = "Fault: sensors that now and then send nothing for --fault-length (their seq has no gap)")
    public int silenceCount;

    @Parameter(names = "--fault-length", converter = DurationConverter.class, description = "Event time a stuck or silent spell lasts; healthy spells last 1-3 times as long")
    public Duration faultLength = Duration.ofMinutes(2);

    @Parameter(names = "--late-rate", description = "Fault: share of readings sent late, behind newer readings (0-1)")
    public double lateRate;

    @Parameter(names = "--late-max", converter = DurationConverter.class, description = "Most event time a late reading is held back")
    public Duration lateMax = Duration.ofSeconds(30);

    @Parameter(names = "--duplicate-rate", description = "Fault: share of readings sent twice (0-1)")
    public double duplicateRate;

    @Parameter(names = "--malformed-rate", description = "Fault: share of readings followed by a damaged copy that is not a valid record (0-1)")
    public double malformedRate;

    @Parameter(names = "--truth", description = "Write every injected fault to this CSV: sensor,kind,start,end (event time, epoch ms)")
    public Path truth;

    @Parameter(names = "--record", description = "Also write the readings sent to this CSV: sensor,ts,seq,temperature, each valid reading once in send order (duplicates and malformed records are not written), the format replay reads")
    public Path record;

    @ParametersDelegate
    public KafkaOptions kafka = new KafkaOptions();

    @ParametersDelegate
    public ProducerOptions producer = new ProducerOptions();

    @Override
    public CommonOptions common() {
        return common;
    }

    @Override
    public String examples() {
        return """
                streamlab produce --sensors 10 --duration 5m
                streamlab produce --speedup 60 --duration 5m --spike-rate 0.01 --stuck-count 1 --truth truth.csv
                streamlab produce --seed 7 --start 2024-05-01T00:00:00Z --count 36000 --rate max --record run.csv
                streamlab produce --format msgpack --rate 2000 --duration 1m --late-rate 0.05 --late-max 20s
                """;
    }

    /** Cross-field rules jcommander cannot express; each message names the option. */
    void validate() {
        if (sensors < 1) throw new ParameterException("--sensors must be at least 1, got " + sensors);
        if (count != null && count < 1) throw new ParameterException("--count must be at least 1, got " + count);
        if (duration != null && duration.isZero()) throw new ParameterException("--duration must be more than 0");
        if (interval.isZero()) throw new ParameterException("--interval must be at least 1ms");
        if (speedup != null && !(speedup > 0 && Double.isFinite(speedup))) {
            throw new ParameterException("--speedup must be a number more than 0, got " + speedup);
        }
        if (speedup != null && rate != null) throw new ParameterException("--speedup and --rate: give one or the other");
        rate01("--spike-rate", spikeRate);
        rate01("--late-rate", lateRate);
        rate01("--duplicate-rate", duplicateRate);
        rate01("--malformed-rate", malformedRate);
        if (stuckCount < 0) throw new ParameterException("--stuck-count must not be negative, got " + stuckCount);
        if (silenceCount < 0) throw new ParameterException("--silence-count must not be negative, got " + silenceCount);
        if (stuckCount + silenceCount > sensors) {
            throw new ParameterException("--stuck-count plus --silence-count (" + (stuckCount + silenceCount)
                    + ") is more than --sensors (" + sensors + ")");
        }
        if (faultLength.compareTo(interval) < 0) {
            throw new ParameterException("--fault-length (" + Durations.format(faultLength)
                    + ") must be at least --interval (" + Durations.format(interval) + ")");
        }
        if (lateRate > 0 && lateMax.isZero()) throw new ParameterException("--late-max must be more than 0 with --late-rate");
        if (topic.isBlank()) throw new ParameterException("--topic must not be empty");
    }

    private static void rate01(String option, double p) {
        if (!(p >= 0 && p <= 1)) throw new ParameterException(option + " must be between 0 and 1, got " + p);
    }

    FaultPlan faultPlan() {
        return new FaultPlan(spikeRate, stuckCount, silenceCount, lateRate, lateMax.toMillis(),
                duplicateRate, malformedRate, faultLength.toMillis());
    }

    /** Where the simulated clock starts, and whether the run will be ahead of the wall clock ({@link ClockPlan}). */
    ClockPlan clockPlan(long nowMs) {
        return ClockPlan.of(nowMs / 1000 * 1000, start, eventSpeed(), spanMs(), unboundedReason());
    }

    /** Sensors that always report: silent spells may leave only these for a while. */
    private int steadySensors() {
        return sensors - silenceCount;
    }

    /** Event-time ms per wall-clock ms, at most: duplicates and malformed copies only slow a rate down. */
    double eventSpeed() {
        if (rate == null) return speedup == null ? 1.0 : speedup;
        if (Double.isInfinite(rate) || steadySensors() < 1) return Double.POSITIVE_INFINITY;
        return rate * interval.toMillis() / (steadySensors() * 1000.0);
    }

    /** Event time from the first tick to the last reading, at most; -1 when neither --count nor --duration bounds it. */
    long spanMs() {
        long span = -1;
        if (count != null && steadySensors() >= 1) {
            long ticks = (count + steadySensors() - 1) / steadySensors();
            span = (long) Math.min(Long.MAX_VALUE / 4.0, (double) (ticks - 1) * interval.toMillis());
        }
        double speed = eventSpeed();
        if (duration != null && Double.isFinite(speed)) {
            long d = (long) Math.min(Long.MAX_VALUE / 4.0, Math.ceil(duration.toMillis() * speed));
            span = span < 0 ? d : Math.min(span, d);
        }
        return span;
    }

    private String unboundedReason() {
        if (count != null) return "every sensor in --silence-count (--count then does not fix the event time sent)";
        if (duration != null) return "--rate max, where --duration does not fix the event time sent (--count does)";
        return "no --count or --duration";
    }

    long seedValue() {
        return seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000);
    }

    String paceText() {
        if (rate != null) return Double.isInfinite(rate) ? "as fast as possible" : rate + " records/s";
        return speedup == null ? "real time" : speedup + "x real time";
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        validate();
        ClockPlan clock = clockPlan(System.currentTimeMillis());
        long startMs = clock.startMs();
        long seedValue = seedValue();
        err.printf("produce: %d sensors every %s from %s%s, seed %d, to %s (%s), %s%n", sensors,
                Durations.format(interval), Instant.ofEpochMilli(startMs),
                clock.shiftMs() > 0 ? " (" + ClockPlan.approx(clock.shiftMs() / 1000.0)
                        + " ago, so that no reading is ahead of the wall clock)" : "",
                seedValue, topic, format.lower(), paceText());
        if (clock.warning() != null) err.println(clock.warning());
        return new ProduceRun(this, startMs, seedValue, err).run();
    }
}
