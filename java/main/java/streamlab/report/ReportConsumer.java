package streamlab.report;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                started(partitions);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // Committed now, while they are still ours: after the rebalance another member may own them.
                Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    OffsetAndMetadata o = pending.remove(tp);
                    if (o != null) mine.put(tp, o);
                }
                if (ReportConsumer.this.commit && !mine.isEmpty()) {
                    try {
                        consumer.commitSync(mine, Duration.ofSeconds(10));
                    } catch (KafkaException e) {
                        // the new owner starts from the last committed offset: shown again, not lost
                    }
                }
            }
        });
    }

    /**
     * A named group must resume where it stopped on every partition it was given, not only on those that
     * happened to return records before the run ended: otherwise a run that started --from-beginning and
     * stopped early leaves the other partitions without an offset, and the next run (without
     * --from-beginning) starts those at the end and never shows what they hold. So the start position of
     * every assigned partition is committed too. And a partition without an offset in a group that has
     * offsets elsewhere (a topic created since, partitions added) is read from its beginning: the group has
     * been reading, and that partition holds nothing it has seen.
     */
    private void started(Collection<TopicPartition> partitions) {
        if (!commit || partitions.isEmpty()) return;
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), Duration.ofSeconds(10));
            boolean groupHasOffsets = committed.values().stream().anyMatch(Objects::nonNull);
            List<TopicPartition> fresh = partitions.stream().filter(tp -> committed.get(tp) == null).toList();
            if (groupHasOffsets && !fresh.isEmpty()) consumer.seekToBeginning(fresh);
            for (TopicPartition tp : partitions) {
                pending.putIfAbsent(tp, new OffsetAndMetadata(consumer.position(tp, Duration.ofSeconds(10))));
            }
        } catch (KafkaException e) {
            // A broker too slow to answer now: the run goes on; partitions it shows records from still get offsets.
        }
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
