package streamlab.report;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The report's Kafka consumer. Offsets are committed by hand, and only up to the records already
 * shown ({@link #processed}), so a crash or Ctrl-C never skips a record the user did not see.
 */
final class ReportConsumer implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final boolean commit;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    ReportConsumer(Properties base, String group, boolean fromBeginning, boolean commit, List<String> topics) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-report");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        // reading must not create topics: a typo would otherwise leave an empty topic behind
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // a topic created after we start (alerts, before the alert query first runs) is found within seconds
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(p);
        this.commit = commit;
        consumer.subscribe(topics);
    }

    ConsumerRecords<String, byte[]> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    /**
     * True once the group has given this consumer partitions and their start offsets are known
     * (which may mean asking the broker for the earliest or latest offsets: seconds on a busy machine).
     */
    boolean ready() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) return false;
        try {
            for (TopicPartition tp : assigned) consumer.position(tp, Duration.ofSeconds(10));
            return true;
        } catch (KafkaException e) {
            return false;
        }
    }

    /** Marks a record as shown: its offset will be committed at the next {@link #commit()}. */
    void processed(String topic, int partition, long offset) {
        pending.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset + 1));
    }

    /** Commits what was shown since the last commit (nothing for a throw-away group). */
    void commit() {
        if (!commit || pending.isEmpty()) return;
        consumer.commitSync(Map.copyOf(pending), Duration.ofSeconds(10));
        pending.clear();
    }

    /** How many records the consumer is behind the end of its assigned partitions; null while unknown. */
    Long lag() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) return null;
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(2));
            long lag = 0;
            for (TopicPartition tp : assigned) {
                long end = ends.getOrDefault(tp, 0L);
                lag += Math.max(0, end - consumer.position(tp, Duration.ofSeconds(1)));
            }
            return lag;
        } catch (KafkaException e) {
            return null;
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
