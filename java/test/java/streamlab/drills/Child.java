package streamlab.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import streamlab.testkit.Scripts;

/**
 * A bin/ command run as a child process of its own, the way a user runs it, with stdout and stderr in files
 * ({@code DIR/NAME.out}, {@code DIR/NAME.err}) so that a drill can read them while it runs. {@code bin/streamlab}
 * and {@code bin/submit-job} exec java: the child is the JVM itself, so {@link #kill9()} is a crash of the job and
 * {@link #terminate} a Ctrl-C. {@link #close()} kills what still runs, for the drills' cleanup.
 */
final class Child implements AutoCloseable {
    /** Set by bin/streamlab-env.sh from STREAMLAB_VAR; inherited values would point at the lab's folders. */
    private static final List<String> DERIVED = List.of("STREAMLAB_ENV_LOADED", "STREAMLAB_LOG_DIR", "STREAMLAB_PID_DIR",
            "STREAMLAB_DATA_DIR", "SPARK_HOME", "STREAMLAB_JAVA_OPTS");

    /** The job's progress line of a micro-batch that read some data (one per batch, or per query and batch). */
    static final Pattern DATA_BATCH = Pattern.compile("^process: (?:\\S+ )?batch \\d+: [1-9][0-9,]* rows");

    final String name;
    final Process process;
    final Path out;
    final Path err;

    private Child(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** The shaded jar of the build ({@link Scripts#jar()}); the runtimes are beside it. */
    static Path jar() {
        return Scripts.jar();
    }

    /**
     * What every kit command needs to run on the build: its own STREAMLAB_VAR, the jar, a 1 GB driver. The jar is
     * a copy in {@code var}, so that every JVM of a drill runs the same build even when a {@code make build}
     * replaces target/streamlab.jar meanwhile (a JVM whose jar is rewritten under it fails to load classes).
     */
    static Map<String, String> env(Path var) {
        Path copy = var.resolve("streamlab.jar");
        try {
            Files.createDirectories(var);
            if (!Files.exists(copy)) Files.copy(jar(), copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar() + " to " + copy, e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STREAMLAB_VAR", var.toString());
        env.put("STREAMLAB_BIND", "127.0.0.1");
        env.put("STREAMLAB_BUILD", jar().getParent().toString());
        env.put("STREAMLAB_JAR", copy.toString());
        env.put("STREAMLAB_DRIVER_MEMORY", "1g");
        return env;
    }

    /** Starts {@code bin/SCRIPT ARGS} with {@code env} on top of a cleaned inherited environment. */
    static Child start(String name, Path dir, Map<String, String> env, String script, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Scripts.home().resolve("bin").resolve(script).toString());
        cmd.addAll(args);
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(Scripts.home().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            DERIVED.forEach(pb.environment()::remove);
            pb.environment().put("STREAMLAB_HOME", Scripts.home().toString());
            pb.environment().putAll(env);
            return new Child(name, pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    /** For assertion messages. */
    String describe() {
        String state = process.isAlive() ? "still running" : "exit " + process.exitValue();
        return name + " (process " + pid() + ", " + state + ")\n--- stdout ---\n" + out() + "--- stderr ---\n" + tail(err(), 60);
    }

    /**
     * Waits until a line of stderr matches {@code pattern} and returns the match; fails when the process exits
     * first or the bound passes.
     */
    Matcher awaitErr(Pattern pattern, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            for (String line : err().lines().toList()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before printing /" + pattern + "/: " + describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " printed no /" + pattern + "/ within " + bound.toSeconds() + " s: " + describe());
            }
            Thread.sleep(200);
        }
    }

    /** Waits for the exit and returns the code; fails (after killing it) when the bound passes. */
    int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            String d = describe();
            close();
            throw new AssertionError(name + " still ran after " + bound.toSeconds() + " s (killed now): " + d);
        }
        return process.exitValue();
    }

    /** {@code kill -9 PID}: no shutdown hook, no stop of the queries, exactly what a crash leaves. */
    void kill9() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -9 " + pid() + " failed");
    }

    /** {@code kill -INT PID}: what Ctrl-C in the terminal sends to the command. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -INT " + pid() + " failed");
    }

    /** SIGTERM (what Ctrl-C does to the job), then SIGKILL if it is still there after {@code grace}. */
    int terminate(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + f + ": " + e + ")";
        }
    }

    /**
     * Waits until {@code topic} holds at least {@code n} records and returns how many it holds; fails when
     * {@code job} exits first or the bound passes.
     */
    static int awaitRecords(streamlab.testkit.LocalKafka kafka, String topic, int n, Duration bound, Child job)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            int have = kafka.readAll(topic, Duration.ofSeconds(30)).size();
            if (have >= n) return have;
            if (!job.alive()) throw new AssertionError(job.name + " exited before writing to " + topic + ": " + job.describe());
            if (System.nanoTime() > deadline) {
                throw new AssertionError(job.name + " wrote no " + n + " records to " + topic + " within " + bound.toSeconds()
                        + " s: " + job.describe());
            }
            Thread.sleep(500);
        }
    }

    /** The seed of a drill's random choices: -Ddrill.seed=N repeats a run, else a fresh one (printed). */
    static long seed() {
        Long fixed = Long.getLong("drill.seed");
        return fixed != null ? fixed : new java.security.SecureRandom().nextLong();
    }

    /** Deletes a folder tree, best effort (temporary folders of a drill). */
    static void deleteRecursively(Path dir) {
        streamlab.testkit.LocalKafka.deleteRecursively(dir);
    }

    /** The first group of {@code pattern} in {@code text} as a number ("1,234" is 1234), or fails. */
    static long number(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) throw new AssertionError("no /" + pattern + "/ in:\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
