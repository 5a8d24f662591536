package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beust.jcommander.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarks' options as their launchers pass them: values, defaults, and the one line that refuses a bad one. */
class BenchOptionsTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void produceDefaultsComeFromTheUsageTextAndTheEnvironment() {
        BenchOptions.Produce o = BenchOptions.Produce.parse(new String[0], NO_ENV);
        assertThat(o.bootstrap).isEqualTo("127.0.0.1:9092");
        assertThat(o.records).isEqualTo(1_000_000L);
        assertThat(o.compression).isEqualTo("lz4");
        assertThat(o.formats).containsExactly("json", "msgpack");
        assertThat(o.rounds).isEqualTo(1);
        assertThat(BenchOptions.Produce.parse(new String[0], Map.of("STREAMLAB_BOOTSTRAP_SERVER", "10.0.0.5:19092")).bootstrap)
                .isEqualTo("10.0.0.5:19092");
        assertThat(BenchOptions.Produce.parse(new String[0], Map.of("STREAMLAB_BOOTSTRAP_SERVER", " ")).bootstrap)
                .isEqualTo("127.0.0.1:9092");
    }

    @Test
    void produceTakesEveryOption() {
        BenchOptions.Produce o = BenchOptions.Produce.parse(args("--bootstrap-server 127.0.0.1:19092 --num-records 200000"
                + " --compression zstd --formats msgpack --rounds 3"), Map.of("STREAMLAB_BOOTSTRAP_SERVER", "10.0.0.5:19092"));
        assertThat(o.bootstrap).isEqualTo("127.0.0.1:19092");
        assertThat(o.records).isEqualTo(200_000L);
        assertThat(o.compression).isEqualTo("zstd");
        assertThat(o.formats).containsExactly("msgpack");
        assertThat(o.rounds).isEqualTo(3);
    }

    @Test
    void processDefaults() {
        BenchOptions.Process o = BenchOptions.Process.parse(new String[0], Map.of("STREAMLAB_BOOTSTRAP_SERVER", "10.0.0.5:19092"));
        assertThat(o.bootstrap).isEqualTo("10.0.0.5:19092");
        assertThat(o.count).isEqualTo(2_000_000L);
        assertThat(o.formats).containsExactly("json", "msgpack");
        assertThat(o.latencySeconds).isEqualTo(60);
        assertThat(o.latencyWarmup).isEqualTo(10);
        assertThat(o.latencyRate).isNull();
        assertThat(List.of(o.latency(), o.reference(), o.flink(), o.consumerPerf(), o.cluster()))
                .containsExactly(true, true, true, true, false);
        assertThat(o.partitions).isEqualTo(2);
        assertThat(o.sensors).isEqualTo(1000);
        assertThat(o.master).isEqualTo("local[2]");
        assertThat(o.name).isEqualTo("process");
        assertThat(o.rounds).isEqualTo(1);
        assertThat(o.conf).isEmpty();
        assertThat(o.inputFormat).isNull();
        assertThat(o.variants).isEmpty();
    }

    @Test
    void processTakesEveryOption() {
        List<String> a = new ArrayList<>(List.of(args("--bootstrap-server b:1 --count 500000 --latency-seconds 30 --latency-warmup 0"
                + " --latency-rate 20000 --no-latency --no-reference --no-flink --partitions 4 --sensors 100000"
                + " --master spark://127.0.0.1:7077 --name process-p4 --rounds 2 --no-consumer-perf --input-format msgpack")));
        // Values with spaces and commas, as a shell passes them: one argument each.
        a.addAll(List.of("--formats", " json  json-from-json ", "--conf", "spark.a=1,2", "--conf", "spark.b=x=y",
                "--variant", "rocksdb:spark.sql.streaming.stateStore.providerClass=Rocks",
                "--variant", "p8:spark.sql.shuffle.partitions=8"));
        BenchOptions.Process o = BenchOptions.Process.parse(a.toArray(String[]::new), NO_ENV);
        assertThat(o.bootstrap).isEqualTo("b:1");
        assertThat(o.count).isEqualTo(500_000L);
        assertThat(o.formats).containsExactly("json", "json-from-json");
        assertThat(o.latencySeconds).isEqualTo(30);
        assertThat(o.latencyWarmup).isZero();
        assertThat(o.latencyRate).isEqualTo(20_000L);
        assertThat(List.of(o.latency(), o.reference(), o.flink(), o.consumerPerf(), o.cluster()))
                .containsExactly(false, false, false, false, true);
        assertThat(o.partitions).isEqualTo(4);
        assertThat(o.sensors).isEqualTo(100_000);
        assertThat(o.master).isEqualTo("spark://127.0.0.1:7077");
        assertThat(o.name).isEqualTo("process-p4");
        assertThat(o.rounds).isEqualTo(2);
        assertThat(o.conf).containsExactly("spark.a=1,2", "spark.b=x=y");
        assertThat(o.inputFormat).isEqualTo("msgpack");
        assertThat(o.variants).containsExactly(Map.entry("rocksdb", "spark.sql.streaming.stateStore.providerClass=Rocks"),
                Map.entry("p8", "spark.sql.shuffle.partitions=8"));
    }

    @Test
    void aRepeatedOptionTakesItsLastValueAndAListOptionAddsToItsList() {
        BenchOptions.Process o = BenchOptions.Process.parse(args("--count 5 --name a --count 7 --name b"), NO_ENV);
        assertThat(o.count).isEqualTo(7L);
        assertThat(o.name).isEqualTo("b");
        assertThat(BenchOptions.Process.parse(args("--formats json --formats msgpack"), NO_ENV).formats).containsExactly("json", "msgpack");
        assertThat(BenchOptions.Process.parse(args("--no-latency --no-latency"), NO_ENV).latency()).as("a flag given twice").isFalse();
    }

    @Test
    void suiteDefaults() {
        BenchOptions.Suite o = BenchOptions.Suite.parse(new String[0]);
        assertThat(o.bootstrap).as("empty: the suite starts its own broker").isEmpty();
        assertThat(o.count).isEqualTo(2_000_000L);
        assertThat(o.numRecords).isEqualTo(500_000L);
        assertThat(o.rounds).isEqualTo(3);
        assertThat(o.partitionsList).containsExactly(1, 2, 4);
        assertThat(o.sensorsList).containsExactly(10_000, 100_000);
        assertThat(o.perSensor).isEqualTo(5);
        assertThat(o.latencySeconds).isEqualTo(30);
        assertThat(o.catchUpCounts).containsExactly(6_000_000L, 20_000_000L);
        assertThat(o.deadLetters).isEqualTo(6_000_000L);
        assertThat(o.manySensors).isEqualTo(100_000);
        assertThat(o.manySensorsReadings).isEqualTo(60);
        assertThat(o.conf).isEmpty();
        assertThat(o.skipped).isEmpty();
    }

    @Test
    void suiteTakesEveryOption() {
        List<String> a = new ArrayList<>(List.of(args("--bootstrap-server 127.0.0.1:9092 --count 100000 --num-records 200000 --rounds 5"
                + " --readings-per-sensor 60 --latency-seconds 45 --dead-letters 0 --many-sensors 99999999999 --many-sensors-readings 2"
                + " --skip-memory --skip-produce --skip-flink --skip-produce")));
        a.addAll(List.of("--partitions-list", "1 8", "--sensors-list", "1000 10000 300000", "--catch-up-counts", "1000000 3000000",
                "--conf", "spark.sql.shuffle.partitions=4"));
        BenchOptions.Suite o = BenchOptions.Suite.parse(a.toArray(String[]::new));
        assertThat(o.bootstrap).isEqualTo("127.0.0.1:9092");
        assertThat(o.count).isEqualTo(100_000L);
        assertThat(o.numRecords).isEqualTo(200_000L);
        assertThat(o.rounds).isEqualTo(5);
        assertThat(o.perSensor).isEqualTo(60);
        assertThat(o.latencySeconds).isEqualTo(45);
        assertThat(o.deadLetters).isZero();
        assertThat(o.manySensors).as("more sensors than an int holds: as many as it holds").isEqualTo(Integer.MAX_VALUE);
        assertThat(o.manySensorsReadings).isEqualTo(2);
        assertThat(o.partitionsList).containsExactly(1, 8);
        assertThat(o.sensorsList).containsExactly(1000, 10_000, 300_000);
        assertThat(o.catchUpCounts).containsExactly(1_000_000L, 3_000_000L);
        assertThat(o.conf).containsExactly("spark.sql.shuffle.partitions=4");
        assertThat(o.skipped).as("in the order given, once each").containsExactly("memory", "produce", "flink");
        assertThat(o.skipped("produce")).isTrue();
        assertThat(o.skipped("cluster")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bench-produce | --num-records 0               | --num-records must be a positive number, got '0'",
        "bench-produce | --num-records 1000000000000000000 | --num-records must be a positive number, got '1000000000000000000'",
        "bench-produce | --rounds 2147483648           | --rounds must be a positive number, got '2147483648'",
        "bench-produce | --formats avro                | --formats: 'avro' is not json or msgpack",
        "bench-produce | --formats json-from-json      | --formats: 'json-from-json' is not json or msgpack",
        "bench-produce | --rounds                      | --rounds needs a number",
        "bench-produce | --compression                 | --compression needs a value",
        "bench-produce | --bootstrap-server            | --bootstrap-server needs HOST:PORT",
        "bench-process | --count +5                    | --count must be a positive number, got '+5'",
        "bench-process | --count 07                    | --count must be a positive number, got '07'",
        "bench-process | --latency-seconds 0           | --latency-seconds must be a positive number, got '0'",
        "bench-process | --latency-rate 1.5            | --latency-rate must be a positive number, got '1.5'",
        "bench-process | --latency-warmup -1           | --latency-warmup must be a number of seconds, got '-1'",
        "bench-process | --latency-warmup 1000000      | --latency-warmup must be a number of seconds, got '1000000'",
        "bench-process | --partitions 0                | --partitions must be a positive number, got '0'",
        "bench-process | --sensors x                   | --sensors must be a positive number, got 'x'",
        "bench-process | --master yarn                 | --master must be local[N] or spark://HOST:PORT, got 'yarn'",
        "bench-process | --master spark://host         | --master must be local[N] or spark://HOST:PORT, got 'spark://host'",
        "bench-process | --name ../x                   | --name must be a plain file name (letters, digits, . _ -), got '../x'",
        "bench-process | --formats avro                | --formats: 'avro' is not json, json-from-json or msgpack",
        "bench-process | --input-format avro           | --input-format: 'avro' is not json or msgpack",
        "bench-process | --conf =x                     | --conf needs KEY=VALUE, got '=x'",
        "bench-process | --conf spark.a                | --conf needs KEY=VALUE, got 'spark.a'",
        "bench-process | --variant rocksdb             | --variant needs LABEL:KEY=VALUE (label of letters, digits, . _ -), got 'rocksdb'",
        "bench-process | --variant a/b:k=v             | --variant needs LABEL:KEY=VALUE (label of letters, digits, . _ -), got 'a/b:k=v'",
        "bench-process | --variant r:=v                | --variant needs LABEL:KEY=VALUE (label of letters, digits, . _ -), got 'r:=v'",
        "bench-process | --count                       | --count needs a number",
        "bench-process | --master                      | --master needs a URL",
        "bench-process | --name                        | --name needs a name",
        "bench-process | --formats                     | --formats needs a list",
        "bench-process | --conf                        | --conf needs KEY=VALUE",
        "bench-process | --input-format                | --input-format needs json or msgpack",
        "bench-process | --variant                     | --variant needs LABEL:KEY=VALUE",
        "bench         | --count -5                    | --count must be a positive number, got '-5'",
        "bench         | --num-records 0               | --num-records must be a positive number, got '0'",
        "bench         | --readings-per-sensor 1e3     | --readings-per-sensor must be a positive number, got '1e3'",
        "bench         | --many-sensors-readings 0     | --many-sensors-readings must be a positive number, got '0'",
        "bench         | --dead-letters -1             | --dead-letters must be a number (0 or more), got '-1'",
        "bench         | --many-sensors x              | --many-sensors must be a number (0 or more), got 'x'",
        "bench         | --partitions-list 1,2         | --partitions-list must be a positive number, got '1,2'",
        "bench         | --sensors-list 0              | --sensors-list must be a positive number, got '0'",
        "bench         | --catch-up-counts 5e6         | --catch-up-counts must be a positive number, got '5e6'",
        "bench         | --catch-up-counts             | --catch-up-counts needs a list",
        "bench         | --conf x                      | --conf needs KEY=VALUE, got 'x'",
    })
    void aBadValueIsOneLineNamingTheOption(String launcher, String arguments, String message) {
        assertThatThrownBy(() -> parse(launcher, args(arguments))).isInstanceOfSatisfying(BenchOptions.Refused.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.withUsage).isFalse();
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bench         | --frob                  | --frob",
        "bench         | --skip-everything       | --skip-everything",
        "bench-produce | --count 5               | --count",
        "bench-process | --num-records 5         | --num-records",
        "bench-process | --no-latency false      | false",
        "bench-process | results                 | results",
        "bench-process | --count=5               | --count=5",
        "bench-process | @options.txt            | @options.txt",
    })
    void anUnknownArgumentComesWithTheUsage(String launcher, String arguments, String unknown) {
        assertThatThrownBy(() -> parse(launcher, args(arguments))).isInstanceOfSatisfying(BenchOptions.Refused.class, e -> {
            assertThat(e.getMessage()).isEqualTo("unknown argument '" + unknown + "'");
            assertThat(e.withUsage).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help", "--rounds 2 --help", "--help --rounds 0", "-h --frob", "-h --help"})
    void helpIsAskedFor(String arguments) {
        for (String launcher : List.of("bench", "bench-process", "bench-produce")) {
            assertThatThrownBy(() -> parse(launcher, args(arguments))).as(launcher).isInstanceOf(BenchOptions.HelpAsked.class);
        }
    }

    @Test
    void eachUsageTextListsEveryOptionAndNoOther() {
        check(BenchOptions.Produce.class, BenchOptions.Produce.usage("bench-produce"));
        check(BenchOptions.Process.class, BenchOptions.Process.usage("bench-process"));
        check(BenchOptions.Suite.class, BenchOptions.Suite.usage("bench"));
    }

    @Test
    void theLauncherPrintsOneLineAndExitsOneOnABadValue() {
        Run r = BenchOptionsTest.run("bench-process", "--rounds", "0");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err).isEqualTo("bench-process: --rounds must be a positive number, got '0'\n");
    }

    @Test
    void theLauncherPrintsTheUsageBeforeAnUnknownArgument() {
        Run r = BenchOptionsTest.run("bench", "--frob");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err).isEqualTo(BenchOptions.Suite.usage("bench") + "bench: unknown argument '--frob'\n");
    }

    @Test
    void theLauncherPrintsTheUsageOnHelp() {
        Run r = BenchOptionsTest.run("bench-produce", "--help");
        assertThat(r.code).isZero();
        assertThat(r.out).isEqualTo(BenchOptions.Produce.usage("bench-produce"))
                .startsWith("Usage: bench-produce [--bootstrap-server HOST:PORT]");
        assertThat(r.err).isEmpty();
    }

    /** The synopsis names exactly the declared options, and every option the text explains is one of them. */
    private static void check(Class<?> options, String usage) {
        TreeSet<String> declared = new TreeSet<>();
        for (Class<?> c = options; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Parameter p = f.getAnnotation(Parameter.class);
                if (p != null) declared.addAll(List.of(p.names()));
            }
        }
        declared.removeAll(List.of("-h", "--help"));
        Matcher end = Pattern.compile("\n\\S").matcher(usage);
        assertThat(end.find()).isTrue();
        String synopsis = usage.substring(0, end.start());
        TreeSet<String> inSynopsis = new TreeSet<>();
        Matcher m = Pattern.compile("\\[(--[a-z-]+)").matcher(synopsis);
        while (m.find()) inSynopsis.add(m.group(1));
        assertThat(inSynopsis).as("options in the synopsis of %s", options.getSimpleName()).isEqualTo(declared);
        assertThat(usage).as("-h, --help").containsPattern("(?m)^  -h, --help +this text$");
        Matcher explained = Pattern.compile("(?m)^  (--[a-z-]+|--skip-SECTION)(?= )").matcher(usage);
        while (explained.find()) {
            if (!explained.group(1).equals("--skip-SECTION")) {
                assertThat(declared).as("explained in the usage").contains(explained.group(1));
            }
        }
        for (String option : declared) {
            if (!option.startsWith("--skip-") || option.equals("--skip-flink")) {
                assertThat(usage).as("%s explained", option).containsPattern("(?m)^  " + Pattern.quote(option) + " ");
            }
        }
    }

    private static Object parse(String launcher, String[] argv) {
        return switch (launcher) {
            case "bench" -> BenchOptions.Suite.parse(argv);
            case "bench-process" -> BenchOptions.Process.parse(argv, NO_ENV);
            case "bench-produce" -> BenchOptions.Produce.parse(argv, NO_ENV);
            default -> throw new IllegalArgumentException(launcher);
        };
    }

    private static String[] args(String s) {
        return s.trim().split(" +");
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchMain.run(args, NO_ENV, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
