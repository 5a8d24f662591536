package streamlab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.testkit.FreePorts;
import streamlab.testkit.ListeningSockets;
import streamlab.testkit.Scripts;
import streamlab.testkit.Scripts.Result;

/** The Spark standalone master and worker through bin/ scripts, on free ports. */
class SparkStandaloneScriptsIT {
    @TempDir
    Path var;

    Scripts sh;
    int masterPort;
    int masterUiPort;
    int workerUiPort;
    final List<Long> startedPids = new ArrayList<>();

    @BeforeEach
    void setUp() {
        int[] ports = FreePorts.distinct(3);
        masterPort = ports[0];
        masterUiPort = ports[1];
        workerUiPort = ports[2];
        sh = new Scripts(Map.of(
                "STREAMLAB_VAR", var.toString(),
                "STREAMLAB_BIND", "127.0.0.1",
                "SPARK_MASTER_PORT", Integer.toString(masterPort),
                "SPARK_MASTER_WEBUI_PORT", Integer.toString(masterUiPort),
                "SPARK_WORKER_WEBUI_PORT", Integer.toString(workerUiPort),
                "SPARK_DAEMON_MEMORY", "256m",
                "STREAMLAB_STOP_SECONDS", "20"));
    }

    @AfterEach
    void stopEverything() {
        Result r = sh.run("stop-spark");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(startedPids).as("processes left running").allMatch(ScriptsIT::exits);
    }

    @Test
    void masterAndWorkerStartRegisterAndStop() throws Exception {
        Result master = ok(sh.run("start-spark-master"));
        assertThat(master.stdout()).contains("spark://127.0.0.1:" + masterPort);
        long masterPid = pid("spark-master-1");
        ok(sh.run("start-spark-worker", "--cores", "1", "--memory", "512m"));
        long workerPid = pid("spark-worker-1");

        assertThat(Files.readString(var.resolve("log/spark-worker-1.log")))
                .contains("Successfully registered with master spark://127.0.0.1:" + masterPort);
        // The master's own view: one live worker with what we offered.
        String json = get("http://127.0.0.1:" + masterUiPort + "/json/");
        assertThat(json).contains("\"aliveworkers\" : 1").contains("\"cores\" : 1").contains("\"memory\" : 512");

        Result status = ok(sh.run("status"));
        assertThat(status.stdout())
                .containsPattern("spark-master-1\\s+running\\s+" + masterPid + "\\s+" + masterPort
                        + "\\s+http://127\\.0\\.0\\.1:" + masterUiPort)
                .containsPattern("spark-worker-1\\s+running\\s+" + workerPid + "\\s+" + workerUiPort
                        + "\\s+http://127\\.0\\.0\\.1:" + workerUiPort);

        for (long pid : ListeningSockets.supported("master and worker bind loopback only") ? List.of(masterPid, workerPid) : List.<Long>of()) {
            assertThat(ListeningSockets.of(pid)).as("sockets of process " + pid)
                    .extracting(InetSocketAddress::getAddress)
                    .isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        }

        Result again = sh.run("start-spark-worker");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("spark-worker-1 is running as process " + workerPid);

        // What a finished application leaves in a worker's folder: removed by stop-spark.
        Path appDir = var.resolve("spark/work/worker-1/app-20250101000000-0000");
        Files.createDirectories(appDir.resolve("0"));
        Files.writeString(appDir.resolve("0/stderr"), "executor log");

        Result stop = ok(sh.run("stop-spark"));
        assertThat(stop.stdout()).containsSubsequence(
                "stopping spark-worker-1 (process " + workerPid + ")", "stopping spark-master-1 (process " + masterPid + ")");
        assertThat(ScriptsIT.exits(masterPid)).as("master gone").isTrue();
        assertThat(ScriptsIT.exits(workerPid)).as("worker gone").isTrue();
        assertThat(appDir).doesNotExist();
        assertThat(var.resolve("spark/work/worker-1")).isDirectory();
        assertThat(ok(sh.run("stop-spark")).stdout()).contains("no Spark master or worker to stop");
        assertThat(sh.run("status").exitCode()).isEqualTo(2);
    }

    @Test
    void workerWithoutMasterSaysSo() {
        Result r = sh.run("start-spark-worker");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("no Spark master at spark://127.0.0.1:" + masterPort)
                .contains("bin/start-spark-master");
    }

    @Test
    void submitJobWithoutMasterSaysSoBeforeStartingSpark() throws IOException {
        // Only its existence is checked before the master is.
        Path jar = Files.createFile(var.resolve("app.jar"));
        Result r = sh.with(Map.of("STREAMLAB_JAR", jar.toString())).run("submit-job", "--trigger", "available-now");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("no Spark master at spark://127.0.0.1:" + masterPort)
                .contains("bin/start-spark-master");
    }

    private Result ok(Result r) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    private long pid(String name) throws IOException {
        long pid = Long.parseLong(Files.readString(var.resolve("run/" + name + ".pid")).trim());
        startedPids.add(pid);
        return pid;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
