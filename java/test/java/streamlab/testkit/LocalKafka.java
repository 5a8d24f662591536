package streamlab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real single-node Kafka broker (KRaft combined mode) for tests, started with the kit's own
 * {@code bin/start-kafka --kraft} on free ports with its own temporary STREAMLAB_VAR, so it never
 * touches a running lab. About 5 s to start; share one per test class:
 *
 * <pre>{@code
 * static LocalKafka kafka;
 * @BeforeAll static void up() { kafka = LocalKafka.start(); }
 * @AfterAll static void down() { kafka.close(); }
 *
 * kafka.createTopic("sensors.temperature", 2);
 * ... run the code under test with --bootstrap-server kafka.bootstrap() ...
 * List<ConsumerRecord<String, byte[]>> out = kafka.readAll("alerts", Duration.ofSeconds(30));
 * }</pre>
 *
 * The broker is a separate process (the test JVM has Spark's Kafka client, never the broker).
 * {@link #close()} stops it with {@code bin/stop-kafka} and deletes the folder; a shutdown hook
 * does the same if a test run ends without calling close.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path var;
    private final Scripts scripts;
    private final String bootstrap;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalKafka(Path var, Scripts scripts, String bootstrap) {
        this.var = var;
        this.scripts = scripts;
        this.bootstrap = bootstrap;
        // A JVM ending without close() (a run killed at its time limit) is a failure: its broker's logs are kept.
        this.shutdownHook = new Thread(() -> {
            TestLogs.keep(var, "shutdown");
            stopAndDelete();
        }, "LocalKafka-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts one KRaft broker; throws with the broker's log tail when it does not come up. */
    public static LocalKafka start() {
        return start(new String[0]);
    }

    /**
     * Same, with extra {@code bin/start-kafka} options after {@code --kraft} (e.g. {@code --sasl}).
     * {@link #admin()} and {@link #readAll} connect without credentials, so a SASL broker needs the
     * test's own clients.
     */
    public static LocalKafka start(String... startKafkaArgs) {
        return startOn("127.0.0.1", startKafkaArgs);
    }

    /**
     * Same, bound to another address (e.g. 127.0.0.2, to prove that a client finds the broker wherever it is,
     * not only on 127.0.0.1).
     */
    public static LocalKafka startOn(String address, String... startKafkaArgs) {
        IllegalStateException last = null;
        // Free ports are only free when chosen; another process may take one before the broker
        // binds it. One retry makes that race practically harmless.
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                return startOnce(address, startKafkaArgs);
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    private static LocalKafka startOnce(String address, String... startKafkaArgs) {
        Path var;
        try {
            var = Files.createTempDirectory("streamlab-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] ports = FreePorts.distinct(2);
        Map<String, String> env = new HashMap<>();
        env.put("STREAMLAB_VAR", var.toString());
        env.put("STREAMLAB_BIND", address);
        env.put("KAFKA_PORT", Integer.toString(ports[0]));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]));
        // Small heap: several engineers' test brokers share one machine.
        env.put("KAFKA_HEAP_OPTS", "-Xmx384m -Xms128m");
        env.put("STREAMLAB_STOP_SECONDS", "20");
        Scripts scripts = new Scripts(env);

        List<String> args = new ArrayList<>(List.of("--kraft"));
        args.addAll(List.of(startKafkaArgs));
        Scripts.Result r = scripts.run("start-kafka", args.toArray(String[]::new));
        if (r.exitCode() != 0) {
            scripts.run("stop-kafka");
            String message = "bin/start-kafka --kraft failed (exit " + r.exitCode() + ") with STREAMLAB_VAR="
                    + var + "\n" + r.stdout() + r.stderr() + "\n" + logTail(var.resolve("log/kafka-1.log"), 40);
            if (r.stderr().contains("already in use")) {
                deleteRecursively(var);
                throw new PortTakenException(message);
            }
            // The folder is kept: its logs are what one reads next (a copy under target/test-logs for CI).
            TestLogs.keep(var, "LocalKafka-start");
            throw new IllegalStateException(message);
        }
        return new LocalKafka(var, scripts, address + ":" + ports[0]);
    }

    /** host:port of the broker, for --bootstrap-server and bootstrap.servers. */
    public String bootstrap() {
        return bootstrap;
    }

    /** The broker's STREAMLAB_VAR (logs in log/, config in conf/, data in data/). */
    public Path varDir() {
        return var;
    }

    /** Runs other bin/ scripts against this broker (same STREAMLAB_VAR and ports). */
    public Scripts scripts() {
        return scripts;
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                        .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
                }
            }
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (true) {
                try {
                    TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames()
                            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
                    if (d.partitions().size() == partitions
                            && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        return;
                    }
                } catch (ExecutionException notYetVisible) {
                    // metadata propagates asynchronously; ask again
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has no leader for all "
                            + partitions + " partitions after " + ADMIN_TIMEOUT.toSeconds() + "s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker at " + bootstrap + " did not answer within "
                    + ADMIN_TIMEOUT.toSeconds() + "s", e);
        }
    }

    /**
     * Every record of {@code topic} from the beginning up to the end offsets taken when called,
     * in partition then offset order. Deterministic: it reads exactly what is there, so a test
     * must first wait for its producer to finish. Throws if the end is not reached in time.
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The broker auto-creates topics for the labs; a read must not create what it looks for.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .collect(Collectors.toList());
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist at " + bootstrap);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new HashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read of " + topic + " did not reach end offsets " + end
                            + " within " + timeout.toSeconds() + "s");
                }
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
                    if (rec.offset() < end.get(tp)) {
                        byPartition.computeIfAbsent(tp, k -> new ArrayList<>()).add(rec);
                    }
                }
            }
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            partitions.forEach(tp -> all.addAll(byPartition.getOrDefault(tp, List.of())));
            return all;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** An Admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(p);
    }

    /** Topic names on the broker (internal topics excluded). */
    public Set<String> topics() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics at " + bootstrap + ": " + e, e);
        }
    }

    /** Stops the broker with bin/stop-kafka and deletes its folder. Safe to call twice. */
    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // close() called from another shutdown hook: ours runs anyway and finds nothing to do
        }
    }

    private synchronized void stopAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        Scripts.Result r = scripts.run("stop-kafka");
        if (r.exitCode() != 0) {
            throw new IllegalStateException("bin/stop-kafka failed; the broker may still run.\n" + r.describe());
        }
        deleteRecursively(var);
    }

    static String logTail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return "(no broker log at " + log + ")";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- last lines of " + log + " ----\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Deletes a folder tree; used for the temporary STREAMLAB_VAR of servers started by tests. When a test of the
     * running class failed, the logs in it are first kept under target/test-logs ({@link TestLogs}).
     */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        TestLogs.keepIfFailed(dir);
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort: a temp folder
                }
            });
        } catch (IOException ignored) {
            // best effort: a temp folder
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
