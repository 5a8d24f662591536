package streamlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;

/**
 * The Flink reference job (java/flink-reference, streamlab.flink.FlinkReferenceJob): how it is started, what it
 * reports, and the check that it closed the same windows as {@code process}. It runs on a runtime of its own,
 * target/runtime/flink (the job's jar and Flink 1.20 with its Kafka connector), resolved by {@code make
 * flink-runtime}; the kit's class path (Spark's) never meets it.
 */
final class FlinkReference {
    static final String MAIN_CLASS = "streamlab.flink.FlinkReferenceJob";
    static final String JAR = "streamlab-flink-reference.jar";
    /** How far a window's average may differ between the engines: they add the same doubles in another order. */
    static final double AVG_TOLERANCE = 1e-9;

    /**
     * The module flags Flink 1.20's distribution starts its JVMs with on Java 17 ({@code env.java.opts.all} of its
     * config.yaml). This job runs without them (its types are POJOs, so Kryo, the serializer that reaches into
     * java.util and java.lang, is never used), but a change that brings Kryo in would then fail only at run time.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** What the job read and wrote, from its counts file. */
    record Counts(long records, long dropped, long windows) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlinkReference() {}

    /** The runtime under the kit's build directory. */
    static Path runtime(Path build) {
        return build.resolve("runtime/flink");
    }

    /** Null when the runtime is there, else why not and how to get it. */
    static String missing(Path runtime) {
        if (Files.isRegularFile(runtime.resolve(JAR)) && Files.isDirectory(runtime.resolve("libs"))) return null;
        return "the Flink runtime is not resolved (" + runtime + "): run `make flink-runtime`, or leave Flink out with --no-flink";
    }

    /**
     * The job's JVM: Java 17 ({@code java}), Flink's module flags, the heap the bench gives the Spark driver, its
     * runtime's jars only; warnings and errors of Flink's logging on stderr.
     */
    static List<String> command(String java, Path runtime, String heap, String bootstrap, String topic, String resultTopic, String format,
            Path counts) {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                runtime.resolve(JAR) + File.pathSeparator + runtime.resolve("libs") + File.separator + "*", MAIN_CLASS,
                bootstrap, topic, resultTopic, format, counts.toString()));
        return cmd;
    }

    static Counts counts(Path file) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
        }
        if (!m.keySet().containsAll(List.of("records", "dropped", "windows"))) {
            throw new IOException("incomplete counts from the Flink job in " + file + ": " + m);
        }
        return new Counts(m.get("records"), m.get("dropped"), m.get("windows"));
    }

    /** A window as both jobs write it, keyed by {@code sensor|window_start}. */
    record Window(String sensor, long start, long end, long count, double min, double max, double avg) {
        String key() {
            return sensor + "|" + start;
        }
    }

    /** The windows on process's report topic (JSON or msgpack results, chosen by their first byte). */
    static Map<String, Window> processWindows(List<? extends ConsumerRecord<?, byte[]>> records) {
        Map<String, Window> m = new TreeMap<>();
        for (ConsumerRecord<?, byte[]> r : records) {
            WindowResult w = WindowResultCodec.decode(r.value());
            Window x = new Window(w.sensor(), w.windowStart(), w.windowEnd(), w.count(), w.min(), w.max(), w.avg());
            m.put(x.key(), x);
        }
        return m;
    }

    /** The windows on the Flink job's result topic (the textbook job's JSON fields). */
    static Map<String, Window> flinkWindows(List<? extends ConsumerRecord<?, byte[]>> records) {
        Map<String, Window> m = new TreeMap<>();
        for (ConsumerRecord<?, byte[]> r : records) {
            try {
                JsonNode n = JSON.readTree(r.value());
                Window x = new Window(n.get("sensor").asText(), n.get("window_start").asLong(), n.get("window_end").asLong(),
                        n.get("count").asLong(), n.get("min").asDouble(), n.get("max").asDouble(), n.get("avg").asDouble());
                m.put(x.key(), x);
            } catch (IOException e) {
                throw new UncheckedIOException("a result of the Flink job is no JSON: " + e.getMessage(), e);
            }
        }
        return m;
    }

    /**
     * Null when every window process closed is among Flink's with the same bounds, count, min and max, and an
     * average within {@value #AVG_TOLERANCE}; else what differs (the first few). Flink has more: at the end of a
     * bounded input it closes the last windows, which process (a stream that has not ended) keeps open.
     */
    static String compare(Map<String, Window> process, Map<String, Window> flink) {
        if (process.isEmpty()) return "process closed no window to compare";
        List<String> diffs = new ArrayList<>();
        int bad = 0;
        for (Window p : process.values()) {
            Window f = flink.get(p.key());
            String why = f == null ? "missing from Flink's results"
                    : p.end() != f.end() || p.count() != f.count() || Double.compare(p.min(), f.min()) != 0
                            || Double.compare(p.max(), f.max()) != 0 || Math.abs(p.avg() - f.avg()) > AVG_TOLERANCE
                            ? "process " + p + ", Flink " + f : null;
            if (why != null && bad++ < 5) diffs.add("  " + p.key() + ": " + why);
        }
        if (bad == 0) return null;
        return bad + " of the " + process.size() + " windows process closed differ in Flink's results (" + flink.size() + " windows):\n"
                + String.join("\n", diffs);
    }
}
