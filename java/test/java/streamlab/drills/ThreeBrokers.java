package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import streamlab.testkit.FreePorts;
import streamlab.testkit.Scripts;

/**
 * Three KRaft brokers from {@code bin/start-kafka --kraft --brokers 3} (each also a controller), on free ports in a
 * folder of their own, and their JVMs for the faults: {@code kill -9} of one node and {@code bin/start-kafka --node I}
 * to bring it back.
 */
final class ThreeBrokers {
    final Path var;
    final Scripts scripts;
    /** The client port of node 1; node I listens on {@code port + I - 1}. */
    final int port;
    final String bootstrap;
    final Clients clients;

    private ThreeBrokers(Path var, Scripts scripts, int port) {
        this.var = var;
        this.scripts = scripts;
        this.port = port;
        this.bootstrap = "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2);
        this.clients = new Clients(bootstrap, new Properties());
    }

    static ThreeBrokers start(Path var) {
        int port = FreePorts.consecutive(3);
        int controllerPort;
        do {
            controllerPort = FreePorts.consecutive(3);
        } while (Math.abs(controllerPort - port) < 3);
        Map<String, String> env = new HashMap<>();
        env.put("STREAMLAB_VAR", var.toString());
        env.put("STREAMLAB_BIND", "127.0.0.1");
        env.put("KAFKA_PORT", Integer.toString(port));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
        env.put("KAFKA_HEAP_OPTS", "-Xmx320m -Xms64m");
        env.put("STREAMLAB_STOP_SECONDS", "20");
        // A node restarted under load first catches up with the quorum's metadata: seen taking over 60 s at load 20.
        env.put("STREAMLAB_WAIT_SECONDS", "150");
        ThreeBrokers cluster = new ThreeBrokers(var, new Scripts(env), port);
        Scripts.Result started = cluster.scripts.run("start-kafka", "--kraft", "--brokers", "3");
        assertThat(started.exitCode()).as(started.describe()).isZero();
        return cluster;
    }

    /** The leader of a partition, by the cluster's metadata. */
    int leaderOf(String topic, int partition) throws Exception {
        try (Admin admin = clients.admin()) {
            return Clients.describe(admin, topic).partitions().get(partition).leader().id();
        }
    }

    /** {@code kill -9} of node {@code id}'s JVM (checked to be this folder's kafka-ID), then waits until it is gone. */
    long kill9(int id) throws Exception {
        long pid = Long.parseLong(Files.readString(var.resolve("run/kafka-" + id + ".pid")).trim());
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow();
        assertThat(broker.info().arguments().map(List::of).orElse(List.of())).contains(
                "-Dstreamlab.daemon=kafka-" + id + "@" + var.resolve("run"));
        new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
        broker.onExit().get(30, TimeUnit.SECONDS);
        return pid;
    }

    /** {@code bin/start-kafka --node ID}, then waits until every partition of {@code topics} has 3 in-sync replicas. */
    void restartIntoIsr(int id, List<String> topics, Duration bound) throws Exception {
        Scripts.Result restarted = scripts.run("start-kafka", "--node", Integer.toString(id));
        assertThat(restarted.exitCode()).as(restarted.describe()).isZero();
        long deadline = System.nanoTime() + bound.toNanos();
        try (Admin admin = clients.admin()) {
            for (String topic : topics) {
                while (!Clients.describe(admin, topic).partitions().stream().allMatch(p -> p.isr().size() == 3)) {
                    if (System.nanoTime() > deadline) throw new AssertionError("kafka-" + id + " not back in the ISR of " + topic + " within " + bound);
                    Thread.sleep(300);
                }
            }
        }
    }

    void stop() {
        Scripts.Result r = scripts.run("stop-kafka");
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }
}
