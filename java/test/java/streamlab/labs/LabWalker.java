package streamlab.labs;

import java.io.File;
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
import java.util.stream.Stream;
import streamlab.testkit.FreePorts;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.Scripts;

/**
 * Runs lab steps as a student would in a terminal at the kit's top folder, after {@code source labs/env.sh},
 * but on free ports and in a temporary STREAMLAB_VAR so that a walk never meets a lab that runs on the
 * defaults. One walker is one student: state (running servers, topics, checkpoints) carries over from lab to
 * lab, as the labs expect.
 * <p>
 * Cleanup is by identity, never by name: {@link #close()} runs {@code bin/stop-all} with the walk's
 * environment, then ends any process still carrying this walk's STREAMLAB_VAR in its environment (a job a
 * lab started with {@code &} and whose lab failed before stopping it), then deletes the folder.
 */
final class LabWalker implements AutoCloseable {
    /** The defaults the READMEs are written with, mapped to this walk's ports. */
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Path var;
    private final Path logs;
    private final List<Background> background = new ArrayList<>();
    /** The student's shell, which sources labs/env.sh and runs each step: bash, or zsh as on a Mac. */
    private final String shell;
    private int stepCounter;

    /** A step's exit code and what it printed (stdout and stderr in the order written). */
    record Result(int exitCode, String output, boolean timedOut) {}

    private record Background(LabReadme.Step step, Process process, Path log) {}

    LabWalker(Path jar) {
        this(jar, "bash", Map.of());
    }

    /** A walk in SHELL (bash or zsh) with EXTRA variables on top of the walk's own (a PATH of a test's own). */
    LabWalker(Path jar, String shell, Map<String, String> extra) {
        this.shell = shell;
        try {
            var = Files.createTempDirectory("streamlab-labs-");
            logs = Files.createDirectories(var.resolve("walk"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int zk = FreePorts.one();
        int kafka = FreePorts.consecutive(3);
        int controller = FreePorts.consecutive(3);
        int master = FreePorts.one();
        int masterUi = FreePorts.one();
        int workerUi = FreePorts.consecutive(2);
        ports.put(2181, zk);
        for (int i = 0; i < 3; i++) {
            ports.put(9092 + i, kafka + i);
            ports.put(19092 + i, controller + i);
        }
        ports.put(7077, master);
        ports.put(8080, masterUi);
        ports.put(8081, workerUi);
        ports.put(8082, workerUi + 1);

        Path walkVar = var;
        shutdownHook = new Thread(() -> {
            streamlab.testkit.TestLogs.keep(walkVar, "shutdown");
            close();
        }, "LabWalker-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        env.put("STREAMLAB_HOME", Scripts.home().toString());
        env.put("STREAMLAB_VAR", var.toString());
        env.put("STREAMLAB_BIND", "127.0.0.1");
        env.put("STREAMLAB_JAR", jar.toString());
        // The Spark runtime resolved next to the jar (a build dir of its own, or target/).
        Path sparkHome = jar.toAbsolutePath().getParent().resolve("runtime/spark");
        if (Files.isDirectory(sparkHome.resolve("jars"))) env.put("SPARK_HOME", sparkHome.toString());
        env.put("ZK_PORT", Integer.toString(zk));
        env.put("KAFKA_PORT", Integer.toString(kafka));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(controller));
        env.put("SPARK_MASTER_PORT", Integer.toString(master));
        env.put("SPARK_MASTER_WEBUI_PORT", Integer.toString(masterUi));
        env.put("SPARK_WORKER_WEBUI_PORT", Integer.toString(workerUi));
        env.put("STREAMLAB_BOOTSTRAP_SERVER", "127.0.0.1:" + kafka);
        // Smaller heaps than a student's: the walk shares a 2-core machine with other builds.
        env.put("KAFKA_HEAP_OPTS", "-Xmx384m -Xms128m");
        env.put("SPARK_DAEMON_MEMORY", "256m");
        env.put("STREAMLAB_DRIVER_MEMORY", "1g");
        // The steps' kit JVMs (process, exercise run/check, report, produce) are short runs on a few hundred
        // records, where C2 compiles code that hardly runs again: without it `exercise check 2` takes 28 CPU
        // seconds instead of 45, `process --trigger available-now` 11 instead of 18, with the same output. Both
        // walks run at once on 2 cores, so CPU is their wall time. (Kafka's tools run this way already.)
        env.put("STREAMLAB_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        // The compiler directives only keep start-up code from C2, which these JVMs do not run.
        env.put("STREAMLAB_JIT", "default");
        env.put("STREAMLAB_WAIT_SECONDS", "120");
        env.put("STREAMLAB_STOP_SECONDS", "20");
        env.put("NO_COLOR", "1");
        env.put("COLUMNS", "160");
        env.putAll(extra);
    }

    /** The variables every step gets (ports, STREAMLAB_VAR, ...). */
    Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** One more variable in every step's environment (the exercise walk runs the reference solutions). */
    void setenv(String name, String value) {
        env.put(name, value);
    }

    Map<Integer, Integer> ports() {
        return ports;
    }

    Path var() {
        return var;
    }

    /** Runs a foreground step to its end (or its timeout). */
    Result run(LabReadme.Step step) {
        Path log = logFile();
        try {
            Process p = start(step.command(), log, false);
            boolean done = p.waitFor(step.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(done ? p.exitValue() : -1, read(log), !done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a background step; {@link #stopBackground()} ends it as Ctrl-C would. */
    void startBackground(LabReadme.Step step) {
        Path log = logFile();
        background.add(new Background(step, start(step.command(), log, true), log));
    }

    /**
     * Stops the background steps of the lab (SIGINT to each one's process group, then SIGKILL after 40 s)
     * and returns, per step, what it printed.
     */
    Map<LabReadme.Step, Result> stopBackground() {
        Map<LabReadme.Step, Result> out = new LinkedHashMap<>();
        for (Background b : background) signalGroup(b.process(), "INT");
        for (Background b : background) {
            try {
                boolean done = b.process().waitFor(40, TimeUnit.SECONDS);
                if (!done) {
                    signalGroup(b.process(), "KILL");
                    b.process().waitFor(10, TimeUnit.SECONDS);
                }
                out.put(b.step(), new Result(done ? b.process().exitValue() : -1, read(b.log()), !done));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        background.clear();
        return out;
    }

    /** Runs bin/SCRIPT with the walk's environment (lab-check, stop-all). */
    Result script(Duration timeout, String script, String... args) {
        StringBuilder cmd = new StringBuilder("bin/").append(script);
        for (String a : args) cmd.append(' ').append(a);
        return run(new LabReadme.Step(0, cmd.toString(), false, timeout, java.util.Optional.empty()));
    }

    private Process start(String command, Path log, boolean ownGroup) {
        List<String> cmd = new ArrayList<>();
        // setsid: a background step gets its own process group, so that one signal reaches the whole
        // pipeline it runs, as Ctrl-C does in a terminal.
        if (ownGroup) cmd.add("setsid");
        cmd.add(shell);
        cmd.add("-c");
        cmd.add("set -eo pipefail\nsource labs/env.sh\n" + command);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(Scripts.home().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Values inherited from the shell that started Maven would point the walk at a lab's folders.
        for (String k : List.of("STREAMLAB_ENV_LOADED", "STREAMLAB_LOG_DIR", "STREAMLAB_PID_DIR", "STREAMLAB_DATA_DIR",
                "STREAMLAB_BUILD", "KAFKA_LIBS", "SPARK_CONF_DIR", "SPARK_MASTER_URL", "BOOTSTRAP", "LABS",
                "ZOOKEEPER", "SPARK_UI")) {
            pb.environment().remove(k);
        }
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start bash", e);
        }
    }

    private Path logFile() {
        return logs.resolve(String.format("step-%03d.log", ++stepCounter));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void signalGroup(Process p, String signal) {
        if (!p.isAlive()) return;
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + p.pid()).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A JVM that ends before close() (the test JVM's watchdog) still stops the walk's servers and keeps its logs. */
    private Thread shutdownHook;
    private boolean closed;

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
        stopBackground();
        Result stop = script(Duration.ofSeconds(180), "stop-all");
        killLeftovers();
        if (stop.exitCode() != 0) {
            System.out.println("[labs] bin/stop-all exited " + stop.exitCode() + ":\n" + stop.output());
        }
        if (!Boolean.getBoolean("labs.keep")) LocalKafka.deleteRecursively(var);
    }

    /** Ends processes whose environment holds this walk's STREAMLAB_VAR: only this walk starts such processes. */
    private void killLeftovers() {
        String marker = "STREAMLAB_VAR=" + var;
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
                    .filter(p -> environHas(p.resolve("environ"), marker))
                    .forEach(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(h -> {
                        System.out.println("[labs] ending leftover process " + h.pid() + ": " + h.info().commandLine().orElse("?"));
                        h.destroyForcibly();
                    }));
        } catch (IOException e) {
            System.out.println("[labs] cannot list /proc: " + e);
        }
    }

    private static boolean environHas(Path environ, String entry) {
        try {
            for (String kv : new String(Files.readAllBytes(environ), StandardCharsets.UTF_8).split("\0")) {
                if (kv.equals(entry)) return true;
            }
        } catch (IOException | SecurityException gone) {
            // processes come and go; others' are unreadable
        }
        return false;
    }
}
