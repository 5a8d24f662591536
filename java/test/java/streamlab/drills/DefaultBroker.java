package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import streamlab.testkit.FreePorts;
import streamlab.testkit.Scripts;

/**
 * The one broker a student starts with {@code bin/start-zookeeper} and {@code bin/start-kafka} (the kit's default,
 * ZooKeeper mode), on free ports in a folder of its own, and its JVM for the faults: {@code kill -9},
 * {@code kill -STOP} / {@code -CONT}, and {@code bin/start-kafka --node 1} to bring it back.
 */
final class DefaultBroker implements AutoCloseable {
    final Path var;
    final Scripts scripts;
    final String bootstrap;
    final Clients clients;

    private DefaultBroker(Path var, Scripts scripts, String bootstrap) {
        this.var = var;
        this.scripts = scripts;
        this.bootstrap = bootstrap;
        this.clients = new Clients(bootstrap, new Properties());
    }

    static DefaultBroker start(Path var) {
        int[] ports = FreePorts.distinct(2);
        Scripts scripts = new Scripts(Map.of("STREAMLAB_VAR", var.toString(), "STREAMLAB_BIND", "127.0.0.1",
                "ZK_PORT", Integer.toString(ports[0]), "KAFKA_PORT", Integer.toString(ports[1]),
                "KAFKA_HEAP_OPTS", "-Xmx384m -Xms128m", "ZK_HEAP_OPTS", "-Xmx128m", "STREAMLAB_STOP_SECONDS", "20"));
        DefaultBroker broker = new DefaultBroker(var, scripts, "127.0.0.1:" + ports[1]);
        for (String script : List.of("start-zookeeper", "start-kafka")) {
            Scripts.Result r = scripts.run(script);
            if (r.exitCode() != 0) {
                broker.close();
                throw new AssertionError(r.describe());
            }
        }
        return broker;
    }

    /** The broker's JVM, checked to be the kit's kafka-1 of this folder (a PID file can be stale). */
    ProcessHandle process() throws IOException {
        long pid = Long.parseLong(Files.readString(var.resolve("run/kafka-1.pid")).trim());
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("kafka-1 (process " + pid + ") is not running"));
        assertThat(h.info().arguments().map(List::of).orElse(List.of())).as("arguments of process %d", pid)
                .contains("-Dstreamlab.daemon=kafka-1@" + var.resolve("run"));
        return h;
    }

    /** {@code kill -SIGNAL} of the broker's JVM; returns its process id. */
    long signal(String signal) throws Exception {
        long pid = process().pid();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -" + signal + " " + pid + " failed");
        return pid;
    }

    /** {@code kill -9}, then waits until the JVM is gone. */
    long kill9() throws Exception {
        ProcessHandle h = process();
        signal("KILL");
        h.onExit().get(30, TimeUnit.SECONDS);
        return h.pid();
    }

    /** {@code bin/start-kafka --node 1}, which returns once the broker serves clients again; how long that took. */
    Duration restart() {
        long t0 = System.nanoTime();
        Scripts.Result r = scripts.run("start-kafka", "--node", "1");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Stops Kafka (resuming a frozen broker first: a stopped JVM ignores SIGTERM), then ZooKeeper. */
    @Override
    public void close() {
        try {
            signal("CONT");
        } catch (Throwable notRunning) {
            // nothing to resume
        }
        Scripts.Result kafka = scripts.run("stop-kafka");
        Scripts.Result zk = scripts.run("stop-zookeeper");
        assertThat(kafka.exitCode()).as(kafka.describe()).isZero();
        assertThat(zk.exitCode()).as(zk.describe()).isZero();
    }
}
