package streamlab.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import streamlab.common.UserException;

/** {@code report --lag}: per partition, a group's committed offset, the end offset and the difference. */
public final class LagReport {
    /** {@code committed} is null where the group never committed; its lag is then the whole partition. */
    public record Row(String topic, int partition, Long committed, long end) {
        public long lag() {
            return Math.max(0, end - (committed == null ? 0 : committed));
        }
    }

    private LagReport() {}

    /** Rows for every partition of {@code topic}, or, without a topic, for every partition the group committed. */
    public static List<Row> fetch(Admin admin, String group, String topic, Duration timeout) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            if (topic != null) {
                TopicDescription d = describe(admin, topic, timeout);
                for (TopicPartitionInfo p : d.partitions()) partitions.add(new TopicPartition(topic, p.partition()));
            } else {
                committed.forEach((tp, om) -> {
                    if (om != null) partitions.add(tp);
                });
            }
            if (partitions.isEmpty()) {
                throw new UserException("consumer group '" + group + "' has no committed offsets (it does not exist or"
                        + " never committed; the Spark job keeps its offsets in its checkpoint, not in a group)");
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<Row> rows = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata om = committed.get(tp);
                rows.add(new Row(tp.topic(), tp.partition(), om == null ? null : om.offset(), ends.get(tp).offset()));
            }
            rows.sort(Comparator.comparing(Row::topic).thenComparingInt(Row::partition));
            return rows;
        } catch (ExecutionException e) {
            throw new UserException("cannot read the offsets of group '" + group + "': " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new UserException("Kafka did not answer within " + timeout.toSeconds() + " s while reading group '" + group + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted");
        }
    }

    private static TopicDescription describe(Admin admin, String topic, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new UserException("--topic: topic '" + topic + "' does not exist");
            }
            throw e;
        }
    }

    public static String render(String group, List<Row> rows) {
        int topicW = "TOPIC".length();
        for (Row r : rows) topicW = Math.max(topicW, r.topic().length());
        String fmt = "%-" + topicW + "s  %9s  %10s  %10s  %8s%n";
        StringBuilder sb = new StringBuilder();
        sb.append("group ").append(group).append('\n');
        sb.append(String.format(fmt, "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"));
        long total = 0;
        for (Row r : rows) {
            sb.append(String.format(fmt, r.topic(), r.partition(), r.committed() == null ? "-" : r.committed(), r.end(), r.lag()));
            total += r.lag();
        }
        sb.append("total lag ").append(total).append('\n');
        return sb.toString();
    }
}
