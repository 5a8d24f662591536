package streamlab.drills;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Admin and read-back for tests whose broker {@code LocalKafka}'s own clients cannot use: a SASL
 * listener, several brokers, topics with settings (replication, min.insync.replicas, max.message.bytes).
 * Every client starts from {@code base}: bootstrap servers plus whatever security settings apply.
 */
public final class Clients {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final Properties base;

    public Clients(String bootstrap, Properties security) {
        base = new Properties();
        base.putAll(security);
        base.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    }

    public Properties base() {
        Properties p = new Properties();
        p.putAll(base);
        return p;
    }

    public Admin admin() {
        Properties p = base();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return Admin.create(p);
    }

    /** Creates the topic and waits until every partition has a leader and all replicas in sync. */
    public void createTopic(String name, int partitions, int replicas, Map<String, String> configs) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicas).configs(configs)))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                try {
                    TopicDescription d = describe(admin, name);
                    if (d.partitions().size() == partitions && d.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty() && p.isr().size() == replicas)) {
                        return;
                    }
                } catch (ExecutionException notYetVisible) {
                    // metadata propagates asynchronously; ask again
                }
                if (System.nanoTime() > deadline) throw new IllegalStateException("topic " + name + " not ready in time");
                Thread.sleep(100);
            }
        }
    }

    public static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
    }

    /** Every record of the topic up to its end offsets when called, in partition then offset order. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration timeout) {
        Properties p = base();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 << 20);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .collect(Collectors.toList());
            if (partitions.isEmpty()) throw new IllegalStateException("topic " + topic + " does not exist");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new HashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read of " + topic + " did not reach end offsets " + end);
                }
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
                    if (rec.offset() < end.get(tp)) byPartition.computeIfAbsent(tp, k -> new ArrayList<>()).add(rec);
                }
            }
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            partitions.forEach(tp -> all.addAll(byPartition.getOrDefault(tp, List.of())));
            return all;
        }
    }
}
