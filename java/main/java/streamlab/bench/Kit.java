package streamlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the kit is and how its programs are started, from the environment bin/streamlab-env.sh exports to the
 * bench's launcher. The job and produce run through bin/streamlab (Spark's class path), Kafka's tools through
 * bin/kafka-run-class (the broker's): each in a JVM of its own, so the two class paths never meet.
 */
final class Kit {
    /** The Kafka tools run with C2 and G1: bin/kafka-run-class's C1 and serial collector suit short tools, not a benchmark. */
    static final String TOOL_JVM_OPTS = "-XX:TieredStopAtLevel=4 -XX:-UseSerialGC -XX:+UseG1GC";

    final Path home;
    final Path bin;
    final Path build;
    final Path benchDir;
    final Path kafkaLibs;
    final Path sparkHome;
    final String driverMemory;
    final String java;
    final int waitSeconds;
    /** Set for every program the bench starts: the copy of the jar the suite runs (STREAMLAB_JAR), if any. */
    final Map<String, String> childEnv = new java.util.HashMap<>();

    Kit(Map<String, String> env) {
        home = Path.of(need(env, "STREAMLAB_HOME"));
        // The launchers export what bin/streamlab-env.sh derived; the defaults here are the same.
        bin = home.resolve("bin");
        build = Path.of(env.getOrDefault("STREAMLAB_BUILD", home.resolve("target").toString()));
        benchDir = build.resolve("bench");
        kafkaLibs = Path.of(env.getOrDefault("KAFKA_LIBS", build.resolve("runtime/kafka/libs").toString()));
        sparkHome = Path.of(env.getOrDefault("SPARK_HOME", build.resolve("runtime/spark").toString()));
        driverMemory = env.getOrDefault("STREAMLAB_DRIVER_MEMORY", "2g");
        waitSeconds = Integer.parseInt(env.getOrDefault("STREAMLAB_WAIT_SECONDS", "60"));
        String javaHome = env.get("JAVA_HOME");
        java = javaHome != null && !javaHome.isBlank() && Files.isExecutable(Path.of(javaHome, "bin", "java"))
                ? Path.of(javaHome, "bin", "java").toString() : "java";
    }

    private static String need(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) throw new IllegalStateException(name + " is not set: start the bench with bin/bench");
        return v;
    }

    /** The environment of a program the bench starts: {@link #childEnv} and {@code extra}. */
    Map<String, String> env(Map<String, String> extra) {
        Map<String, String> m = new java.util.HashMap<>(childEnv);
        m.putAll(extra);
        return m;
    }

    /** bin/streamlab ARGS. */
    List<String> streamlab(String... args) {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("streamlab").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A class of the Kafka runtime, through bin/kafka-run-class. */
    List<String> kafkaClass(String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("kafka-run-class").toString(), mainClass));
        cmd.addAll(args);
        return cmd;
    }

    /** The environment of a Kafka tool run: same heap as the job, the benchmark's compiler and collector. */
    Map<String, String> kafkaToolEnv() {
        return env(Map.of("KAFKA_TOOLS_HEAP_OPTS", "-Xmx" + driverMemory, "KAFKA_OPTS", TOOL_JVM_OPTS));
    }
}
