package streamlab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.testkit.FreePorts;
import streamlab.testkit.ListeningSockets;
import streamlab.testkit.Scripts;
import streamlab.testkit.Scripts.Result;

/**
 * ZooKeeper and Kafka (ZooKeeper mode) through the bin/ scripts, as a user runs them, on free
 * ports with a temporary STREAMLAB_VAR. Every test ends with bin/stop-all, also when it fails.
 */
class ScriptsIT {
    static final List<String> KIT_TOPICS =
            List.of("sensors.temperature", "report", "alerts", "sensors.temperature.dlq");

    @TempDir
    Path var;

    Scripts sh;
    int zkPort;
    int kafkaPort;
    final List<Long> startedPids = new ArrayList<>();

    @BeforeEach
    void setUp() {
        int[] ports = FreePorts.distinct(2);
        zkPort = ports[0];
        kafkaPort = ports[1];
        sh = new Scripts(Map.of(
                "STREAMLAB_VAR", var.toString(),
                "STREAMLAB_BIND", "127.0.0.1",
                "ZK_PORT", Integer.toString(zkPort),
                "KAFKA_PORT", Integer.toString(kafkaPort),
                "KAFKA_HEAP_OPTS", "-Xmx384m -Xms128m",
                "STREAMLAB_STOP_SECONDS", "20"));
    }

    @AfterEach
    void stopEverything() {
        Result r = sh.run("stop-all");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(startedPids).as("processes left running").allMatch(ScriptsIT::exits);
    }

    @Test
    void zookeeperAndKafkaLifecycle() throws IOException {
        ok(sh.run("start-zookeeper"));
        long zk = pid("zookeeper-1");
        ok(sh.run("start-kafka"));
        long kafka = pid("kafka-1");

        Result status = ok(sh.run("status"));
        assertThat(status.stdout())
                .containsPattern("zookeeper-1\\s+running\\s+" + zk + "\\s+" + zkPort)
                .containsPattern("kafka-1\\s+running\\s+" + kafka + "\\s+" + kafkaPort)
                .contains("Kafka: zookeeper mode, bootstrap servers 127.0.0.1:" + kafkaPort);

        // Nothing of the lab is reachable from another machine.
        if (ListeningSockets.supported("ZooKeeper and Kafka bind loopback only")) {
            assertThat(ListeningSockets.of(zk)).extracting(InetSocketAddress::getAddress)
                    .isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
            assertThat(ListeningSockets.of(kafka)).extracting(InetSocketAddress::getAddress)
                    .isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
            assertThat(ListeningSockets.of(kafka)).extracting(InetSocketAddress::getPort).contains(kafkaPort);
        }
        assertThat(Files.readString(var.resolve("conf/zookeeper-1.cfg")))
                .contains("clientPortAddress=127.0.0.1").contains("admin.enableServer=false");

        Result again = sh.run("start-kafka");
        assertThat(again.exitCode()).as(again.describe()).isEqualTo(1);
        assertThat(again.stderr()).contains("kafka-1 is running as process " + kafka + ". Stop it first.");
        assertThat(pid("kafka-1")).as("the refused start keeps the PID file").isEqualTo(kafka);

        Result created = ok(sh.run("create-topics"));
        for (String t : KIT_TOPICS) {
            assertThat(created.stdout()).containsPattern("(?m)^created " + t.replace(".", "\\.") + " \\(");
        }
        assertThat(created.stdout()).contains("created report (partitions 2, replication factor 1, cleanup.policy=compact,delete)");
        Result found = ok(sh.run("create-topics"));
        assertThat(found.stdout().lines()).containsExactly(
                "found   sensors.temperature", "found   report", "found   alerts", "found   sensors.temperature.dlq");
        Result described = ok(sh.run("kafka-topics", "--bootstrap-server", "127.0.0.1:" + kafkaPort,
                "--describe", "--topic", "report"));
        assertThat(described.stdout()).contains("PartitionCount: 2").contains("cleanup.policy=compact,delete");

        Result stopKafka = ok(sh.run("stop-kafka"));
        assertThat(stopKafka.stdout()).contains("stopping kafka-1 (process " + kafka + ")");
        assertThat(exits(kafka)).as("kafka-1 gone").isTrue();
        ok(sh.run("stop-zookeeper"));
        assertThat(exits(zk)).as("zookeeper-1 gone").isTrue();

        assertThat(ok(sh.run("stop-zookeeper")).stdout()).contains("no ZooKeeper to stop");
        assertThat(ok(sh.run("stop-kafka")).stdout()).contains("no Kafka broker to stop");
        Result after = sh.run("status");
        assertThat(after.exitCode()).as(after.describe()).isEqualTo(2);
        assertThat(after.stdout()).contains("nothing runs");
        try (var pidFiles = Files.list(var.resolve("run"))) {
            assertThat(pidFiles).isEmpty();
        }
    }

    /**
     * Issue 16: with three brokers every kit topic gets min.insync.replicas=2, so that a reading acknowledged with
     * acks=all is on two brokers and survives the loss of any one; and stop-kafka (no mapfile, no tac: bash 3.2
     * and BSD tools) stops the highest broker first and leaves none running.
     */
    @Test
    void threeBrokersGetMinInsyncReplicasTwoAndStopHighestFirst() {
        int port = FreePorts.consecutive(3);
        int controller = FreePorts.consecutive(3);
        Scripts three = sh.with(Map.of("KAFKA_PORT", Integer.toString(port), "KAFKA_CONTROLLER_PORT", Integer.toString(controller),
                "KAFKA_HEAP_OPTS", "-Xmx320m -Xms64m"));
        ok(three.run("start-kafka", "--kraft", "--brokers", "3"));
        List<Long> brokers = List.of(pid("kafka-1"), pid("kafka-2"), pid("kafka-3"));

        Result created = ok(three.run("create-topics"));
        assertThat(created.stdout().lines()).containsExactly(
                "created sensors.temperature (partitions 2, replication factor 3, min.insync.replicas=2)",
                "created report (partitions 2, replication factor 3, cleanup.policy=compact,delete, min.insync.replicas=2)",
                "created alerts (partitions 2, replication factor 3, min.insync.replicas=2)",
                "created sensors.temperature.dlq (partitions 1, replication factor 3, min.insync.replicas=2)");
        Result described = ok(three.run("kafka-topics", "--bootstrap-server", "127.0.0.1:" + port, "--describe"));
        for (String t : KIT_TOPICS) {
            assertThat(described.stdout()).as(described.stdout())
                    .containsPattern("(?m)^Topic: " + t.replace(".", "\\.") + "\\t.*ReplicationFactor: 3\\t.*min\\.insync\\.replicas=2");
        }

        Result stop = ok(three.run("stop-kafka"));
        assertThat(stop.stdout().lines().filter(l -> l.startsWith("stopping "))).containsExactly(
                "stopping kafka-3 (process " + brokers.get(2) + ")",
                "stopping kafka-2 (process " + brokers.get(1) + ")",
                "stopping kafka-1 (process " + brokers.get(0) + ")");
        assertThat(brokers).as("brokers gone").allMatch(ScriptsIT::exits);
    }

    @Test
    void kafkaInZookeeperModeSaysWhenZookeeperIsMissing() {
        Result r = sh.run("start-kafka");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("ZooKeeper is not running on 127.0.0.1:" + zkPort)
                .contains("bin/start-zookeeper");
        assertThat(var.resolve("run/kafka-1.pid")).doesNotExist();
    }

    @Test
    void statusReportsAServerThatDiedAndStopCleansUp() {
        ok(sh.run("start-zookeeper"));
        long zk = pid("zookeeper-1");
        ProcessHandle.of(zk).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(exits(zk)).isTrue();

        Result status = sh.run("status");
        assertThat(status.exitCode()).as(status.describe()).isEqualTo(1);
        assertThat(status.stdout()).containsPattern("zookeeper-1\\s+DOWN \\(stale PID file\\)\\s+" + zk);

        Result stop = ok(sh.run("stop-zookeeper"));
        assertThat(stop.stdout()).contains("zookeeper-1 was not running (removed its stale PID file)");
        assertThat(sh.run("status").exitCode()).isEqualTo(2);
    }

    @Test
    void aBrokerThatCannotStartIsReportedWithItsLog() {
        Result r = sh.with(Map.of("KAFKA_HEAP_OPTS", "-Xmx1m", "KAFKA_CONTROLLER_PORT",
                Integer.toString(FreePorts.one()))).run("start-kafka", "--kraft");
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).contains("kafka-1 failed to start")
                .contains("last lines of " + var.resolve("log/kafka-1.log"))
                .contains("Too small");
        assertThat(var.resolve("run/kafka-1.pid")).doesNotExist();
    }

    @Test
    void aPortInUseIsNamedBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(zkPort, 1, InetAddress.getLoopbackAddress())) {
            Result r = sh.run("start-zookeeper");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).contains("port " + zkPort + " on 127.0.0.1 is already in use");
        }
        assertThat(var.resolve("run/zookeeper-1.pid")).doesNotExist();
    }

    @Test
    void unknownOptionsPrintUsage() {
        Result r = sh.run("start-kafka", "--brokrs", "2");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Usage: start-kafka").contains("unknown option: --brokrs");
        assertThat(ok(sh.run("create-topics", "--help")).stdout()).contains("--replication-factor");
    }

    @Test
    void nodeRestartsOneBrokerOfAClusterStartedHereOnly() {
        Result none = sh.run("start-kafka", "--node", "2");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).contains("--node 2: no cluster was started here");
        Result mixed = sh.run("start-kafka", "--node", "1", "--kraft");
        assertThat(mixed.exitCode()).isEqualTo(1);
        assertThat(mixed.stderr()).contains("no --kraft with it");
        assertThat(ok(sh.run("start-kafka", "--help")).stdout()).contains("--node I");
    }

    private Result ok(Result r) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    private long pid(String name) {
        try {
            long pid = Long.parseLong(Files.readString(var.resolve("run/" + name + ".pid")).trim());
            startedPids.add(pid);
            return pid;
        } catch (IOException e) {
            throw new AssertionError("no PID file for " + name, e);
        }
    }

    static boolean alive(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive();
    }

    /**
     * True once {@code pid} is gone, waiting up to 10 s: a stopped daemon is an orphan that init
     * reaps a moment after it exits, and until then it still counts as alive here.
     */
    static boolean exits(long pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
