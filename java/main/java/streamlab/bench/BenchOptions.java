package streamlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The options of the three benchmarks (bin/bench, bin/bench-process, bin/bench-produce), with the checks that
 * refuse a bad one in one line before anything starts. Written by hand rather than with jcommander so that the
 * launchers keep their usage texts and messages ("--rounds must be a positive number, got '0'").
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

    /** Walks the arguments: each option takes its value through {@link #value}. */
    private static final class Args {
        private final List<String> args;
        private int i;

        Args(String[] args) {
            this.args = Arrays.asList(args);
        }

        boolean more() {
            return i < args.size();
        }

        String next() {
            return args.get(i++);
        }

        String value(String option, String what) {
            if (i >= args.size()) throw new Refused(option + " needs " + what, false);
            return args.get(i++);
        }
    }

    static long positive(String option, String v) {
        if (!v.matches("[1-9][0-9]{0,17}")) throw new Refused(option + " must be a positive number, got '" + v + "'", false);
        return Long.parseLong(v);
    }

    static long nonNegative(String option, String v) {
        if (!v.matches("[0-9]{1,18}")) throw new Refused(option + " must be a number (0 or more), got '" + v + "'", false);
        return Long.parseLong(v);
    }

    static int positiveInt(String option, String v) {
        long n = positive(option, v);
        if (n > Integer.MAX_VALUE) throw new Refused(option + " must be a positive number, got '" + v + "'", false);
        return (int) n;
    }

    private static List<String> words(String s) {
        String t = s.trim();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    private static String defaultBroker(Map<String, String> env) {
        String b = env.get("STREAMLAB_BOOTSTRAP_SERVER");
        return b == null || b.isBlank() ? "127.0.0.1:9092" : b;
    }

    /** bin/bench-produce. */
    static final class Produce {
        String bootstrap;
        long records = 1_000_000;
        String compression = "lz4";
        List<String> formats = List.of("json", "msgpack");
        int rounds = 1;

        static Produce parse(String[] argv, Map<String, String> env) {
            Produce o = new Produce();
            o.bootstrap = defaultBroker(env);
            Args a = new Args(argv);
            String records = "1000000";
            String rounds = "1";
            String formats = "json msgpack";
            while (a.more()) {
                String arg = a.next();
                switch (arg) {
                    case "--bootstrap-server" -> o.bootstrap = a.value(arg, "HOST:PORT");
                    case "--num-records" -> records = a.value(arg, "a number");
                    case "--compression" -> o.compression = a.value(arg, "a value");
                    case "--formats" -> formats = a.value(arg, "a list");
                    case "--rounds" -> rounds = a.value(arg, "a number");
                    case "-h", "--help" -> throw new HelpAsked();
                    default -> throw new Refused("unknown argument '" + arg + "'", true);
                }
            }
            o.records = positive("--num-records", records);
            o.rounds = positiveInt("--rounds", rounds);
            o.formats = words(formats);
            for (String f : o.formats) {
                if (!f.equals("json") && !f.equals("msgpack")) throw new Refused("--formats: '" + f + "' is not json or msgpack", false);
            }
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
    static final class Process {
        String bootstrap;
        long count = 2_000_000;
        List<String> formats = List.of("json", "msgpack");
        int latencySeconds = 60;
        int latencyWarmup = 10;
        Long latencyRate;
        boolean latency = true;
        boolean reference = true;
        boolean flink = true;
        int partitions = 2;
        int sensors = 1000;
        String master = "local[2]";
        String name = "process";
        int rounds = 1;
        boolean consumerPerf = true;
        List<String> conf = new ArrayList<>();
        /** Format the readings are written in, when not the job's own (msgpack into a JSON job: all dead letters). */
        String inputFormat;
        /** Extra process runs on the same topic, each with one more Spark setting: label, KEY=VALUE. */
        List<Map.Entry<String, String>> variants = new ArrayList<>();

        boolean cluster() {
            return master.startsWith("spark://");
        }

        static Process parse(String[] argv, Map<String, String> env) {
            Process o = new Process();
            o.bootstrap = defaultBroker(env);
            Args a = new Args(argv);
            String count = "2000000";
            String formats = "json msgpack";
            String latencySeconds = "60";
            String warmup = "10";
            String rate = null;
            String partitions = "2";
            String sensors = "1000";
            String rounds = "1";
            while (a.more()) {
                String arg = a.next();
                switch (arg) {
                    case "--bootstrap-server" -> o.bootstrap = a.value(arg, "HOST:PORT");
                    case "--count" -> count = a.value(arg, "a number");
                    case "--formats" -> formats = a.value(arg, "a list");
                    case "--latency-seconds" -> latencySeconds = a.value(arg, "a number");
                    case "--latency-warmup" -> warmup = a.value(arg, "a number");
                    case "--latency-rate" -> rate = a.value(arg, "a number");
                    case "--no-latency" -> o.latency = false;
                    case "--no-reference" -> o.reference = false;
                    case "--no-flink" -> o.flink = false;
                    case "--partitions" -> partitions = a.value(arg, "a number");
                    case "--sensors" -> sensors = a.value(arg, "a number");
                    case "--master" -> o.master = a.value(arg, "a URL");
                    case "--name" -> o.name = a.value(arg, "a name");
                    case "--rounds" -> rounds = a.value(arg, "a number");
                    case "--no-consumer-perf" -> o.consumerPerf = false;
                    case "--conf" -> o.conf.add(a.value(arg, "KEY=VALUE"));
                    case "--input-format" -> o.inputFormat = a.value(arg, "json or msgpack");
                    case "--variant" -> {
                        String v = a.value(arg, "LABEL:KEY=VALUE");
                        int colon = v.indexOf(':');
                        if (colon <= 0 || !v.substring(0, colon).matches("[A-Za-z0-9._-]+") || v.indexOf('=', colon) <= colon + 1) {
                            throw new Refused("--variant needs LABEL:KEY=VALUE (label of letters, digits, . _ -), got '" + v + "'", false);
                        }
                        o.variants.add(Map.entry(v.substring(0, colon), v.substring(colon + 1)));
                    }
                    case "-h", "--help" -> throw new HelpAsked();
                    default -> throw new Refused("unknown argument '" + arg + "'", true);
                }
            }
            if (o.inputFormat != null && !List.of("json", "msgpack").contains(o.inputFormat)) {
                throw new Refused("--input-format: '" + o.inputFormat + "' is not json or msgpack", false);
            }
            o.count = positive("--count", count);
            if (!warmup.matches("[0-9]{1,6}")) throw new Refused("--latency-warmup must be a number of seconds, got '" + warmup + "'", false);
            o.latencyWarmup = Integer.parseInt(warmup);
            o.latencySeconds = positiveInt("--latency-seconds", latencySeconds);
            if (rate != null) o.latencyRate = positive("--latency-rate", rate);
            o.partitions = positiveInt("--partitions", partitions);
            o.sensors = positiveInt("--sensors", sensors);
            o.rounds = positiveInt("--rounds", rounds);
            if (!o.name.matches("[A-Za-z0-9._-]+")) {
                throw new Refused("--name must be a plain file name (letters, digits, . _ -), got '" + o.name + "'", false);
            }
            if (!o.master.matches("local(\\[.*\\])?|spark://.+:.+")) {
                throw new Refused("--master must be local[N] or spark://HOST:PORT, got '" + o.master + "'", false);
            }
            o.formats = words(formats);
            for (String f : o.formats) {
                if (!List.of("json", "json-from-json", "msgpack").contains(f)) {
                    throw new Refused("--formats: '" + f + "' is not json, json-from-json or msgpack", false);
                }
            }
            for (String kv : o.conf) {
                if (kv.indexOf('=') <= 0) throw new Refused("--conf needs KEY=VALUE, got '" + kv + "'", false);
            }
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
    static final class Suite {
        String bootstrap = "";
        long count = 2_000_000;
        long numRecords = 500_000;
        int rounds = 3;
        List<Integer> partitionsList = List.of(1, 2, 4);
        List<Integer> sensorsList = List.of(10_000, 100_000);
        int perSensor = 5;
        int latencySeconds = 30;
        List<Long> catchUpCounts = List.of(6_000_000L, 20_000_000L);
        long deadLetters = 6_000_000;
        int manySensors = 100_000;
        int manySensorsReadings = 60;
        List<String> conf = new ArrayList<>();
        List<String> skipped = new ArrayList<>();

        boolean skipped(String section) {
            return skipped.contains(section);
        }

        static Suite parse(String[] argv) {
            Suite o = new Suite();
            Args a = new Args(argv);
            String count = "2000000";
            String numRecords = "500000";
            String rounds = "3";
            String partitions = "1 2 4";
            String sensors = "10000 100000";
            String perSensor = "5";
            String latency = "30";
            String catchUp = "6000000 20000000";
            String deadLetters = "6000000";
            String manySensors = "100000";
            String manySensorsReadings = "60";
            while (a.more()) {
                String arg = a.next();
                switch (arg) {
                    case "--bootstrap-server" -> o.bootstrap = a.value(arg, "HOST:PORT");
                    case "--count" -> count = a.value(arg, "a number");
                    case "--num-records" -> numRecords = a.value(arg, "a number");
                    case "--rounds" -> rounds = a.value(arg, "a number");
                    case "--partitions-list" -> partitions = a.value(arg, "a list");
                    case "--sensors-list" -> sensors = a.value(arg, "a list");
                    case "--readings-per-sensor" -> perSensor = a.value(arg, "a number");
                    case "--latency-seconds" -> latency = a.value(arg, "a number");
                    case "--conf" -> o.conf.add(a.value(arg, "KEY=VALUE"));
                    case "--catch-up-counts" -> catchUp = a.value(arg, "a list");
                    case "--dead-letters" -> deadLetters = a.value(arg, "a number");
                    case "--many-sensors" -> manySensors = a.value(arg, "a number");
                    case "--many-sensors-readings" -> manySensorsReadings = a.value(arg, "a number");
                    case "--skip-produce", "--skip-latency", "--skip-partitions", "--skip-cluster", "--skip-memory", "--skip-catch-up", "--skip-flink" -> {
                        String section = arg.substring("--skip-".length());
                        if (!o.skipped.contains(section)) o.skipped.add(section);
                    }
                    case "-h", "--help" -> throw new HelpAsked();
                    default -> throw new Refused("unknown argument '" + arg + "'", true);
                }
            }
            o.count = positive("--count", count);
            o.numRecords = positive("--num-records", numRecords);
            o.rounds = positiveInt("--rounds", rounds);
            o.perSensor = positiveInt("--readings-per-sensor", perSensor);
            o.latencySeconds = positiveInt("--latency-seconds", latency);
            o.partitionsList = words(partitions).stream().map(p -> positiveInt("--partitions-list", p)).toList();
            o.sensorsList = words(sensors).stream().map(s -> positiveInt("--sensors-list", s)).toList();
            o.catchUpCounts = words(catchUp).stream().map(n -> positive("--catch-up-counts", n)).toList();
            o.deadLetters = nonNegative("--dead-letters", deadLetters);
            o.manySensors = (int) Math.min(Integer.MAX_VALUE, nonNegative("--many-sensors", manySensors));
            o.manySensorsReadings = positiveInt("--many-sensors-readings", manySensorsReadings);
            for (String kv : o.conf) {
                if (kv.indexOf('=') <= 0) throw new Refused("--conf needs KEY=VALUE, got '" + kv + "'", false);
            }
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
