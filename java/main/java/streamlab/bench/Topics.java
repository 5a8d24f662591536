package streamlab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The bench's topics, through the kit's Kafka client: recreated empty before each run, and read back for
 * the figures only the broker knows (how many records, and when Spark's producer sent them: CreateTime).
 */
final class Topics implements AutoCloseable {
    private final String bootstrap;
    private final Admin admin;

    Topics(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        admin = Admin.create(p);
    }

    /** Deletes TOPIC if it exists and creates it empty. Deletion is asynchronous: waits until the name is gone. */
    void recreate(String topic, int partitions) throws Exception {
        if (admin.listTopics().names().get().contains(topic)) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (admin.listTopics().names().get().contains(topic)) {
            if (System.nanoTime() > until) throw new IllegalStateException("topic " + topic + " still exists 30 s after deletion");
            Thread.sleep(200);
        }
        for (int i = 0; ; i++) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
                return;
            } catch (ExecutionException e) {
                // A deletion the controller has not finished yet: the name is still taken for a moment.
                if (!(e.getCause() instanceof TopicExistsException) || i >= 50) throw e;
                Thread.sleep(200);
            }
        }
    }

    /** Records on TOPIC: the sum of its partitions' end offsets. */
    long endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            return c.endOffsets(partitions(c, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The records of TOPIC from the beginning (at most {@code max} per partition), each partition to its end offset as of now. */
    List<ConsumerRecord<byte[], byte[]>> read(String topic, long from, long max) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> tps = partitions(c, topic);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            c.assign(tps);
            Map<TopicPartition, Long> stop = end.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> Math.min(e.getValue(), from + max)));
            for (TopicPartition tp : tps) c.seek(tp, Math.min(from, end.get(tp)));
            Set<TopicPartition> open = tps.stream().filter(tp -> c.position(tp) < stop.get(tp)).collect(Collectors.toSet());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!open.isEmpty()) {
                if (System.nanoTime() > until) throw new IllegalStateException("could not read " + topic + " to its end in 60 s");
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < stop.get(new TopicPartition(r.topic(), r.partition()))) out.add(r);
                }
                open.removeIf(tp -> c.position(tp) >= stop.get(tp));
                c.pause(tps.stream().filter(tp -> !open.contains(tp)).collect(Collectors.toList()));
            }
        }
        return out;
    }

    /** The newest CreateTime (epoch ms) on a topic of one partition from offset FROM on; null without records. */
    Long newestCreateTime(String topic, long from) {
        return read(topic, from, Long.MAX_VALUE / 2).stream().map(ConsumerRecord::timestamp).max(Long::compare).orElse(null);
    }

    /** The oldest CreateTime (epoch ms) on TOPIC: the earliest of its partitions' first records; null when it is empty. */
    Long oldestCreateTime(String topic) {
        return read(topic, 0, 1).stream().map(ConsumerRecord::timestamp).min(Long::compare).orElse(null);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        return c.partitionsFor(topic, Duration.ofSeconds(30)).stream().map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
