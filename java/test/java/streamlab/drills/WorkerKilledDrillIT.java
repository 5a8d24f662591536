package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.testkit.FreePorts;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.Scripts;

/**
 * Drill "worker killed": a standalone cluster from the kit's scripts (a master and two workers of one core each,
 * on free ports), the job submitted with {@code bin/submit-job} and limited to one core, so its only executor runs
 * on one worker (the one the master's JSON shows with a core in use). While {@code produce} streams paced,
 * seeded readings, that worker is killed with {@code kill -9} at a random point (seeded, printed). The executor
 * goes with it; the master moves the application to the other worker and the job goes on. After produce stops:
 * every window the final watermark closed is in the report, once after de-duplication by key, with exactly the
 * values computed from produce's {@code --record} CSV. Everything started is stopped, the killed worker's
 * executor included.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES) // more than the default 10 m: a cluster, two job starts and a worker restart: its own waits add up to about 19 min on a busy machine
@Tag("drill")
class WorkerKilledDrillIT {
    static final long WINDOW = 10_000;
    static final long WATERMARK = 5_000;
    static final int SENSORS = 5;
    /** 5 sensors, one reading a second of event time, 10x: 50 records/s for 40 s. */
    static final int COUNT = 2_000;
    static final ObjectMapper JSON = new ObjectMapper();

    Path var;
    LocalKafka kafka;
    Scripts sh;
    int masterUi;
    int workerUiBase;
    final List<Child> children = new ArrayList<>();
    final List<ProcessHandle> executorsOfTheVictim = new ArrayList<>();
    private final long t0 = System.nanoTime();

    @AfterEach
    void stopEverything() {
        try {
            children.forEach(Child::close);
            // Normally gone with their worker; never left behind, whatever happened.
            executorsOfTheVictim.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (sh != null) {
                Scripts.Result r = sh.run("stop-spark");
                assertThat(r.exitCode()).as(r.describe()).isZero();
            }
        } finally {
            if (kafka != null) kafka.close();
            Child.deleteRecursively(var);
        }
    }

    @Test
    void theJobMovesToTheOtherWorkerAndEveryWindowIsThereOnceAndExact() throws Exception {
        long seed = Child.seed();
        Random random = new Random(seed);
        step("seed %d (rerun with -Ddrill.seed=%d)", seed, seed);
        var = Files.createTempDirectory("streamlab-drill-worker-");
        kafka = LocalKafka.start();
        kafka.createTopic("wk.in", 2);
        for (String t : List.of("wk.report", "wk.alerts", "wk.dlq")) kafka.createTopic(t, 1);

        int[] master = FreePorts.distinct(2);
        do {
            workerUiBase = FreePorts.consecutive(2);
        } while (Math.abs(workerUiBase - master[0]) < 2 || Math.abs(workerUiBase - master[1]) < 2);
        masterUi = master[1];
        Map<String, String> env = new LinkedHashMap<>(Child.env(var.resolve("var")));
        env.put("SPARK_HOME", Child.jar().getParent().resolve("runtime/spark").toString());
        env.put("SPARK_MASTER_PORT", Integer.toString(master[0]));
        env.put("SPARK_MASTER_WEBUI_PORT", Integer.toString(masterUi));
        env.put("SPARK_WORKER_WEBUI_PORT", Integer.toString(workerUiBase));
        env.put("SPARK_DAEMON_MEMORY", "256m");
        env.put("STREAMLAB_WAIT_SECONDS", "120");
        env.put("STREAMLAB_STOP_SECONDS", "20");
        sh = new Scripts(env);
        ok(sh.run("start-spark-master"));
        ok(sh.run("start-spark-worker", "--workers", "2", "--cores", "1", "--memory", "1g"));
        step("broker on %s; Spark master spark://127.0.0.1:%d (web UI %d) and 2 workers of 1 core (web UIs %d, %d)",
                kafka.bootstrap(), master[0], masterUi, workerUiBase, workerUiBase + 1);

        Child driver = start("submit-job", env, "submit-job", "--bootstrap-server", kafka.bootstrap(), "--topic", "wk.in",
                "--report-topic", "wk.report", "--alerts-topic", "wk.alerts", "--dlq-topic", "wk.dlq", "--format", "json",
                "--window", "10s", "--watermark", "5s", "--trigger", "1s", "--checkpoint", var.resolve("checkpoint").toString(),
                "--connect-timeout", "20s", "--conf", "spark.cores.max=1", "--conf", "spark.ui.enabled=false");
        driver.awaitErr(Pattern.compile("^process: reading "), Duration.ofSeconds(180));
        Path csv = var.resolve("sent.csv");
        long produceEnds = System.nanoTime() + Duration.ofSeconds(COUNT / SENSORS / 10).toNanos();
        Child produce = start("produce", env, "streamlab", "produce", "--bootstrap-server", kafka.bootstrap(), "--topic", "wk.in",
                "--sensors", Integer.toString(SENSORS), "--count", Integer.toString(COUNT), "--seed", "11",
                "--start", "2024-05-01T00:00:00Z", "--speedup", "10", "--record", csv.toString());
        step("job submitted with bin/submit-job --trigger 1s --conf spark.cores.max=1 (driver pid %d); produce streams %d readings at 10x",
                driver.pid(), COUNT);

        // The kill lands once the job has state and output to reconcile: after its first window results.
        Child.awaitRecords(kafka, "wk.report", 1, Duration.ofSeconds(180), driver);
        int victim = workerWithExecutor(Duration.ofSeconds(60), Set.of());
        int survivor = victim == 1 ? 2 : 1;
        JsonNode executors = get("http://127.0.0.1:" + (workerUiBase + victim - 1) + "/json/").path("executors");
        assertThat(executors.size()).as("executors listed by spark-worker-%d's own JSON", victim).isEqualTo(1);
        step("the job's executor runs on spark-worker-%d (master JSON: coresused 1; worker JSON: executor %s of %s)",
                victim, executors.get(0).path("id").asText(), executors.get(0).path("appid").asText());

        // Up to 4 s later, but on a slow machine not after produce's expected end.
        long delay = Math.min(random.nextInt(4_000), Math.max(0, (produceEnds - System.nanoTime()) / 1_000_000 - 3_000));
        Thread.sleep(delay);
        assertThat(produce.alive()).as("produce still running at the kill: %s", produce.describe()).isTrue();
        long pid = Long.parseLong(Files.readString(var.resolve("var/run/spark-worker-" + victim + ".pid")).trim());
        ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
        assertThat(worker.info().arguments().map(List::of).orElse(List.of()))
                .contains("-Dstreamlab.daemon=spark-worker-" + victim + "@" + var.resolve("var/run"));
        executorsOfTheVictim.addAll(worker.descendants().toList());
        assertThat(executorsOfTheVictim).as("executor JVMs under spark-worker-%d", victim).isNotEmpty();
        int reportBefore = kafka.readAll("wk.report", Duration.ofSeconds(30)).size();
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        worker.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        long killedAt = System.nanoTime();
        step("kill -9 of spark-worker-%d (pid %d, executor pids %s) %d ms after the job's first window results; "
                + "%d report records by then, produce still sending", victim, pid,
                executorsOfTheVictim.stream().map(ProcessHandle::pid).toList(), delay, reportBefore);

        workerWithExecutor(Duration.ofSeconds(120), Set.of(victim));
        step("the master gave the application an executor on spark-worker-%d %.1f s after the kill", survivor,
                (System.nanoTime() - killedAt) / 1e9);
        waitUntil(Duration.ofSeconds(60), () -> executorsOfTheVictim.stream().noneMatch(ProcessHandle::isAlive),
                "the killed worker's executor JVM to exit");
        step("the killed worker's executor JVM exited by itself %.1f s after the kill", (System.nanoTime() - killedAt) / 1e9);

        assertThat(produce.awaitExit(Duration.ofSeconds(180))).as(produce.describe()).isZero();
        step("produce done: %s", JobKilledDrillIT.lastLine(produce.out() + produce.err(), "produce: done"));
        List<Reading> sent = Recorded.read(csv);
        assertThat(sent).hasSize(COUNT);
        Map<String, WindowResult> expected = Recorded.closedWindows(sent, WINDOW, WATERMARK);
        assertThat(expected).hasSizeGreaterThan(SENSORS * 25);
        Set<String> missing = new TreeSet<>(expected.keySet());
        waitUntil(Duration.ofSeconds(180), () -> {
            assertThat(driver.alive()).as("the job still runs: %s", driver.describe()).isTrue();
            for (ConsumerRecord<String, byte[]> rec : kafka.readAll("wk.report", Duration.ofSeconds(30))) {
                missing.remove(WindowResultCodec.decode(rec.value()).key());
            }
            return missing.isEmpty();
        }, () -> "report with every closed window (still missing: " + missing + ")");
        step("all %d closed windows of the recorded CSV in the report %.1f s after the kill", expected.size(),
                (System.nanoTime() - killedAt) / 1e9);
        JsonNode state = get("http://127.0.0.1:" + masterUi + "/json/");
        assertThat(workerState(state, victim)).as("state of the killed worker at the master").isEqualTo("DEAD");
        assertThat(workerState(state, survivor)).isEqualTo("ALIVE");
        assertThat(state.path("activeapps")).extracting(a -> a.path("state").asText()).containsExactly("RUNNING");

        int exit = driver.terminate(Duration.ofSeconds(60));
        step("driver stopped with SIGTERM (exit %d); it logged: %s", exit,
                driver.err().lines().filter(l -> l.contains("Lost executor")).findFirst().orElse("(no 'Lost executor' line)"));
        List<ConsumerRecord<String, byte[]>> report = kafka.readAll("wk.report", Duration.ofSeconds(60));
        int rewritten = Recorded.assertExactlyOnceAfterDedup(report, expected);
        step("windows: %d records for the %d closed windows, each once after de-duplication by sensor|window_start, "
                + "values equal to the computation from the CSV; %d rewrites by retried tasks, all identical",
                report.size(), expected.size(), rewritten);
    }

    /**
     * Waits until exactly one ALIVE worker outside {@code excluded} has a core in use and returns its number
     * (1 or 2, from its web UI port).
     */
    private int workerWithExecutor(Duration bound, Set<Integer> excluded) throws Exception {
        int[] found = {0};
        waitUntil(bound, () -> {
            List<Integer> busy = new ArrayList<>();
            for (JsonNode w : get("http://127.0.0.1:" + masterUi + "/json/").path("workers")) {
                int n = number(w);
                if ("ALIVE".equals(w.path("state").asText()) && w.path("coresused").asInt() > 0 && !excluded.contains(n)) busy.add(n);
            }
            if (busy.size() != 1) return false;
            found[0] = busy.get(0);
            return true;
        }, "one live worker" + (excluded.isEmpty() ? "" : " other than " + excluded) + " with the job's executor");
        return found[0];
    }

    private String workerState(JsonNode master, int n) {
        // A dead worker stays listed as DEAD; a worker registered again would be listed twice: take the newest.
        String state = null;
        for (JsonNode w : master.path("workers")) {
            if (number(w) == n) state = w.path("state").asText();
        }
        return state;
    }

    private int number(JsonNode worker) {
        String ui = worker.path("webuiaddress").asText();
        return Integer.parseInt(ui.substring(ui.lastIndexOf(':') + 1)) - workerUiBase + 1;
    }

    private Child start(String name, Map<String, String> env, String script, String... args) {
        Child c = Child.start(name, var.resolve("logs"), env, script, List.of(args));
        children.add(c);
        return c;
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static Scripts.Result ok(Scripts.Result r) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitUntil(Duration bound, Check check, String what) throws Exception {
        waitUntil(bound, check, () -> what);
    }

    static void waitUntil(Duration bound, Check check, java.util.function.Supplier<String> what) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) throw new AssertionError("no " + what.get() + " within " + bound.toSeconds() + " s");
            Thread.sleep(500);
        }
    }

    void step(String format, Object... args) {
        System.out.printf("worker drill [%5.1f s]: %s%n", (System.nanoTime() - t0) / 1e9, String.format(format, args));
    }
}
