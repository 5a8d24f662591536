package streamlab.bench;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import streamlab.bench.BenchConverters.Flag;
import streamlab.bench.BenchConverters.InputFormat;
import streamlab.bench.BenchConverters.KeyValue;
import streamlab.bench.BenchConverters.Master;
import streamlab.bench.BenchConverters.NonNegativeInt;
import streamlab.bench.BenchConverters.NonNegativeLong;
import streamlab.bench.BenchConverters.PlainName;
import streamlab.bench.BenchConverters.PositiveInt;
import streamlab.bench.BenchConverters.PositiveInts;
import streamlab.bench.BenchConverters.PositiveLong;
import streamlab.bench.BenchConverters.PositiveLongs;
import streamlab.bench.BenchConverters.ProcessFormats;
import streamlab.bench.BenchConverters.ProduceFormats;
import streamlab.bench.BenchConverters.Seconds;
import streamlab.bench.BenchConverters.Variant;
import streamlab.common.WholeValue;

/**
 * The options of the three benchmarks (bin/bench, bin/bench-process, bin/bench-produce), parsed by jcommander like
 * the kit's commands, with converters that refuse a bad value in one line before anything starts (the first bad
 * argument in the order given). The usage texts are written out rather than generated: they group options and
 * explain sizes the way jcommander's listing cannot, and BenchOptionsTest checks that they name every option and no
 * other.
 */
final class BenchOptions {
    private BenchOptions() {}

    /** A refused option: the message, and whether the usage text goes with it. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean withUsage;

        Refused(String message, boolean withUsage) {
            super(message);
            this.withUsage = withUsage;
        }
    }

    /** -h or --help. */
    static final class HelpAsked extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** What an option's value is, for the line that says it is missing ("--count needs a number"). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Needs {
        String value();
    }

    private static final Pattern UNKNOWN = Pattern.compile("Was passed main parameter '(.*)' but no main parameter", Pattern.DOTALL);
    private static final Pattern NO_VALUE = Pattern.compile("Expected a value after parameter (\\S+)");

    /** What every benchmark accepts. */
    abstract static class Options {
        @Parameter(names = {"-h", "--help"}, help = true, converter = Flag.class)
        boolean help;

        /** Fills the fields from argv: a refused argument becomes a {@link Refused}, -h or --help a {@link HelpAsked}. */
        final void read(String[] argv) {
            // A repeated option takes its last value (a list option, jcommander's way, adds to its list); a word
            // starting with @ is an argument, not a file of arguments to expand.
            JCommander jc = JCommander.newBuilder().addObject(this).allowParameterOverwriting(true).expandAtSign(false).build();
            try {
                jc.parse(argv);
            } catch (ParameterException e) {
                if (help) throw new HelpAsked(); // asked for before the bad argument
                throw refusal(e.getMessage());
            }
            if (help) throw new HelpAsked();
        }

        /** jcommander's messages name its API ("main parameter"); the converters' messages already name the option. */
        private Refused refusal(String message) {
            Matcher unknown = UNKNOWN.matcher(message);
            if (unknown.lookingAt()) return new Refused("unknown argument '" + unknown.group(1) + "'", true);
            Matcher noValue = NO_VALUE.matcher(message);
            if (noValue.lookingAt()) return new Refused(noValue.group(1) + " needs " + needs(noValue.group(1)), false);
            return new Refused(message, false);
        }

        private String needs(String option) {
            for (Class<?> c = getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    Parameter p = f.getAnnotation(Parameter.class);
                    Needs n = f.getAnnotation(Needs.class);
                    if (p != null && n != null && Arrays.asList(p.names()).contains(option)) return n.value();
                }
            }
            return "a value";
        }
    }

    private static String defaultBroker(Map<String, String> env) {
        String b = env.get("STREAMLAB_BOOTSTRAP_SERVER");
        return b == null || b.isBlank() ? "127.0.0.1:9092" : b;
    }

    /** bin/bench-produce. */
    static final class Produce extends Options {
        @Parameter(names = "--bootstrap-server")
        @Needs("HOST:PORT")
        String bootstrap;

        @Parameter(names = "--num-records", converter = PositiveLong.class)
        @Needs("a number")
        long records = 1_000_000;

        @Parameter(names = "--compression")
        @Needs("a value")
        String compression = "lz4";

        @Parameter(names = "--formats", listConverter = ProduceFormats.class)
        @Needs("a list")
        List<String> formats = List.of("json", "msgpack");

        @Parameter(names = "--rounds", converter = PositiveInt.class)
        @Needs("a number")
        int rounds = 1;

        static Produce parse(String[] argv, Map<String, String> env) {
            Produce o = new Produce();
            o.bootstrap = defaultBroker(env);
            o.read(argv);
            return o;
        }

        static String usage(String name) {
            return """
                    Usage: %1$s [--bootstrap-server HOST:PORT] [--num-records N] [--compression C]
                                         [--formats "json msgpack"] [--rounds R]
                    Compares 'streamlab produce --rate max' with Kafka's ProducerPerformance on one broker.
                      --bootstrap-server H:P  broker to use (default $STREAMLAB_BOOTSTRAP_SERVER or 127.0.0.1:9092);
                                              the topic bench.produce on it is deleted and recreated
                      --num-records N         records per run (default 1000000)
                      --compression C         none|gzip|lz4|zstd|snappy (default lz4, as produce)
                      --formats LIST          formats to measure (default "json msgpack")
                      --rounds R              runs per tool and format, best one reported (default 1); the order of
                                              the two tools alternates between rounds
                      -h, --help              this text
                    Writes $STREAMLAB_BUILD/bench/produce.md and produce.json.
                    Examples:
                      %1$s
                      %1$s --bootstrap-server 127.0.0.1:19092 --num-records 200000 --rounds 3
                    """.formatted(name);
        }
    }

    /** bin/bench-process. */
    static final class Process extends Options {
        @Parameter(names = "--bootstrap-server")
        @Needs("HOST:PORT")
        String bootstrap;

        @Parameter(names = "--count", converter = PositiveLong.class)
        @Needs("a number")
        long count = 2_000_000;

        @Parameter(names = "--formats", listConverter = ProcessFormats.class)
        @Needs("a list")
        List<String> formats = List.of("json", "msgpack");

        @Parameter(names = "--latency-seconds", converter = PositiveInt.class)
        @Needs("a number")
        int latencySeconds = 60;

        @Parameter(names = "--latency-warmup", converter = Seconds.class)
        @Needs("a number")
        int latencyWarmup = 10;

        @Parameter(names = "--latency-rate", converter = PositiveLong.class)
        @Needs("a number")
        Long latencyRate;

        @Parameter(names = "--no-latency", converter = Flag.class)
        boolean noLatency;

        @Parameter(names = "--no-reference", converter = Flag.class)
        boolean noReference;

        @Parameter(names = "--no-flink", converter = Flag.class)
        boolean noFlink;

        @Parameter(names = "--partitions", converter = PositiveInt.class)
        @Needs("a number")
        int partitions = 2;

        @Parameter(names = "--sensors", converter = PositiveInt.class)
        @Needs("a number")
        int sensors = 1000;

        @Parameter(names = "--master", validateWith = Master.class)
        @Needs("a URL")
        String master = "local[2]";

        @Parameter(names = "--name", validateWith = PlainName.class)
        @Needs("a name")
        String name = "process";

        @Parameter(names = "--rounds", converter = PositiveInt.class)
        @Needs("a number")
        int rounds = 1;

        @Parameter(names = "--no-consumer-perf", converter = Flag.class)
        boolean noConsumerPerf;

        @Parameter(names = "--conf", validateWith = KeyValue.class, splitter = WholeValue.class)
        @Needs("KEY=VALUE")
        List<String> conf = new ArrayList<>();

        /** Format the readings are written in, when not the job's own (msgpack into a JSON job: all dead letters). */
        @Parameter(names = "--input-format", converter = InputFormat.class)
        @Needs("json or msgpack")
        String inputFormat;

        /** Extra process runs on the same topic, each with one more Spark setting: label, KEY=VALUE. */
        @Parameter(names = "--variant", converter = Variant.class, splitter = WholeValue.class)
        @Needs("LABEL:KEY=VALUE")
        List<Map.Entry<String, String>> variants = new ArrayList<>();

        boolean latency() {
            return !noLatency;
        }

        boolean reference() {
            return !noReference;
        }

        boolean flink() {
            return !noFlink;
        }

        boolean consumerPerf() {
            return !noConsumerPerf;
        }

        boolean cluster() {
            return master.startsWith("spark://");
        }

        static Process parse(String[] argv, Map<String, String> env) {
            Process o = new Process();
            o.bootstrap = defaultBroker(env);
            o.read(argv);
            return o;
        }

        static String usage(String name) {
            return """
                    Usage: %1$s [--bootstrap-server HOST:PORT] [--count N] [--formats "json msgpack"]
                                         [--partitions P] [--sensors S] [--master URL] [--name NAME] [--rounds R] [--no-consumer-perf]
                                         [--latency-seconds S] [--latency-rate R] [--latency-warmup S] [--no-latency] [--no-reference] [--no-flink] [--conf KEY=VALUE]...
                                         [--input-format F] [--variant LABEL:KEY=VALUE]...
                    Measures 'streamlab process' (catch-up throughput, result latency, driver memory) on one broker.
                      --bootstrap-server H:P  broker to use (default $STREAMLAB_BOOTSTRAP_SERVER or 127.0.0.1:9092);
                                              the topics bench.process.* on it are deleted and recreated
                      --count N               readings preloaded per format (default 2000000)
                      --formats LIST          formats to measure (default "json msgpack"); json-from-json: JSON
                                              decoded with Spark's from_json (process --json-parser from_json)
                      --partitions P          partitions of the input topics (default 2)
                      --sensors S             sensors in the preloaded readings (default 1000; the latency run keeps 1000)
                      --master URL            local[N] (default local[2]) or spark://HOST:PORT, which runs the job with
                                              bin/submit-job on that standalone cluster
                      --name NAME             output files $STREAMLAB_BUILD/bench/NAME.{md,json} and NAME-FORMAT.log
                                              (default process)
                      --rounds R              runs of the job (and of the Spark and Flink references) per format on the same
                                              topic, each on a fresh checkpoint; the one with the shortest first offset to
                                              last result (Flink: wall) is reported, every run's figures are listed
                                              (default 1)
                      --no-consumer-perf      skip ConsumerPerformance (no ratio)
                      --latency-seconds S     length of the paced latency run (default 60; longer when 3 windows would
                                              not close in S seconds at the pace)
                      --latency-rate R        readings/s of the paced run (default: half the JSON first offset to last
                                              result rate)
                      --latency-warmup S      seconds at the start of the paced run left out of the "after warm-up"
                                              percentiles (default 10)
                      --no-latency            skip the latency run
                      --no-reference          skip the minimal Spark job measured next to process on the JSON topic
                      --no-flink              skip the Flink job of the same shape measured next to process on each
                                              format's topic (its runtime comes from `make flink-runtime`)
                      --conf KEY=VALUE        extra Spark setting passed to every process run (repeatable)
                      --input-format F        write the readings as F (json or msgpack) whatever the job reads: msgpack
                                              with --formats json makes every record a dead letter
                      --variant L:KEY=VALUE   one more process run per format on the same topic with that Spark setting,
                                              its row labelled FORMAT+L (repeatable)
                      -h, --help              this text
                    Examples:
                      %1$s
                      %1$s --bootstrap-server 127.0.0.1:19092 --count 500000 --formats json --latency-seconds 30
                      %1$s --formats json --partitions 4 --no-latency --name process-p4
                      %1$s --formats json --sensors 100000 --count 1000000 --no-latency --no-consumer-perf
                      %1$s --formats json --input-format msgpack --no-latency --name dead-letters
                      %1$s --formats json --no-latency --variant rocksdb:spark.sql.streaming.stateStore.providerClass=org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider
                      %1$s --formats json --no-latency --master spark://127.0.0.1:7077 --name process-cluster
                    """.formatted(name);
        }
    }

    /** bin/bench: the suite. */
    static final class Suite extends Options {
        /** Empty: the suite starts a broker of its own. */
        @Parameter(names = "--bootstrap-server")
        @Needs("HOST:PORT")
        String bootstrap = "";

        @Parameter(names = "--count", converter = PositiveLong.class)
        @Needs("a number")
        long count = 2_000_000;

        @Parameter(names = "--num-records", converter = PositiveLong.class)
        @Needs("a number")
        long numRecords = 500_000;

        @Parameter(names = "--rounds", converter = PositiveInt.class)
        @Needs("a number")
        int rounds = 3;

        @Parameter(names = "--partitions-list", listConverter = PositiveInts.class)
        @Needs("a list")
        List<Integer> partitionsList = List.of(1, 2, 4);

        @Parameter(names = "--sensors-list", listConverter = PositiveInts.class)
        @Needs("a list")
        List<Integer> sensorsList = List.of(10_000, 100_000);

        @Parameter(names = "--readings-per-sensor", converter = PositiveInt.class)
        @Needs("a number")
        int perSensor = 5;

        @Parameter(names = "--latency-seconds", converter = PositiveInt.class)
        @Needs("a number")
        int latencySeconds = 30;

        @Parameter(names = "--catch-up-counts", listConverter = PositiveLongs.class)
        @Needs("a list")
        List<Long> catchUpCounts = List.of(6_000_000L, 20_000_000L);

        @Parameter(names = "--dead-letters", converter = NonNegativeLong.class)
        @Needs("a number")
        long deadLetters = 6_000_000;

        @Parameter(names = "--many-sensors", converter = NonNegativeInt.class)
        @Needs("a number")
        int manySensors = 100_000;

        @Parameter(names = "--many-sensors-readings", converter = PositiveInt.class)
        @Needs("a number")
        int manySensorsReadings = 60;

        @Parameter(names = "--conf", validateWith = KeyValue.class, splitter = WholeValue.class)
        @Needs("KEY=VALUE")
        List<String> conf = new ArrayList<>();

        @Parameter(names = "--skip-produce", converter = Flag.class)
        boolean skipProduce;

        @Parameter(names = "--skip-latency", converter = Flag.class)
        boolean skipLatency;

        @Parameter(names = "--skip-partitions", converter = Flag.class)
        boolean skipPartitions;

        @Parameter(names = "--skip-cluster", converter = Flag.class)
        boolean skipCluster;

        @Parameter(names = "--skip-memory", converter = Flag.class)
        boolean skipMemory;

        @Parameter(names = "--skip-catch-up", converter = Flag.class)
        boolean skipCatchUp;

        @Parameter(names = "--skip-flink", converter = Flag.class)
        boolean skipFlink;

        /** The sections left out, in the order given (results.json lists them so). */
        List<String> skipped = List.of();

        boolean skipped(String section) {
            return skipped.contains(section);
        }

        static Suite parse(String[] argv) {
            Suite o = new Suite();
            o.read(argv);
            Map<String, Boolean> skip = Map.of("produce", o.skipProduce, "latency", o.skipLatency, "partitions", o.skipPartitions,
                    "cluster", o.skipCluster, "memory", o.skipMemory, "catch-up", o.skipCatchUp, "flink", o.skipFlink);
            List<String> args = List.of(argv);
            o.skipped = skip.keySet().stream().filter(skip::get).sorted(Comparator.comparingInt(s -> args.indexOf("--skip-" + s))).toList();
            return o;
        }

        static String usage(String name) {
            return """
                    Usage: %1$s [--bootstrap-server HOST:PORT] [--count N] [--num-records N]
                                 [--rounds R] [--partitions-list "1 2 4"] [--sensors-list "10000 100000"]
                                 [--readings-per-sensor K] [--latency-seconds S] [--conf KEY=VALUE]...
                                 [--catch-up-counts "6000000 20000000"] [--dead-letters N] [--many-sensors N]
                                 [--many-sensors-readings K]
                                 [--skip-produce] [--skip-latency] [--skip-partitions] [--skip-cluster] [--skip-memory]
                                 [--skip-catch-up] [--skip-flink]
                    Runs the benchmark suite and writes $STREAMLAB_BUILD/bench/results.md and results.json.
                      --bootstrap-server H:P  use this running broker instead of starting one (its topics bench.* are
                                              deleted and recreated)
                      --count N               readings per process run: JSON, msgpack, each partition count, the
                                              cluster (default 2000000, 1000 sensors; a fresh JVM spends its first
                                              seconds compiling the job's code, so small counts mostly measure that)
                      --num-records N         records per produce run, per tool and format (default 500000)
                      --rounds R              runs per tool and format of produce, and per format (and of the references) of
                                              process's catch-up; the best reported, every run's figures in results.json
                                              (default 3)
                      --partitions-list LIST  input partitions to compare (default "1 2 4"; 2 reuses the process run)
                      --sensors-list LIST     sensors of the memory runs (default "10000 100000")
                      --readings-per-sensor K readings per sensor in the memory runs (default 5; up to 60 stay in one
                                              window)
                      --latency-seconds S     length of the paced latency run (default 30; longer on a machine too
                                              slow to close 3 windows in S seconds at half its catch-up rate)
                      --catch-up-counts LIST  valid JSON backlogs (1000 sensors) of the catch-up section, each next to
                                              the reference job with the default heap (default "6000000 20000000")
                      --dead-letters N        a backlog of N msgpack records read as JSON: all dead letters (default
                                              6000000; 0 leaves it out)
                      --many-sensors N        a backlog of N sensors at once, with and without RocksDB state (default
                                              100000; 0 leaves it out)
                      --many-sensors-readings K  readings per sensor of that backlog (default 60: one window each)
                      --conf KEY=VALUE        extra Spark setting for every process run (repeatable)
                      --skip-SECTION          leave out produce, latency, partitions, cluster, memory or catch-up
                      --skip-flink            leave out the Flink job measured next to process (its runtime comes from
                                              `make flink-runtime`, which `make bench` runs)
                      -h, --help              this text
                    A default run takes about 17 minutes on 2 cores, 7 without the catch-up section. Examples:
                      %1$s
                      %1$s --count 100000 --num-records 100000 --sensors-list "1000 10000" --skip-cluster
                      %1$s --num-records 2000000 --rounds 5 --sensors-list "10000 100000 300000"
                      %1$s --bootstrap-server 127.0.0.1:9092 --skip-produce --skip-memory
                      %1$s --skip-catch-up
                      %1$s --catch-up-counts "1000000 3000000" --dead-letters 1000000 --many-sensors 10000
                    """.formatted(name);
        }
    }
}
