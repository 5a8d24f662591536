package streamlab.process;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes rejected records to the DLQ from the task that decoded them, so a flood of rejects never crosses the
 * shuffle: as rows of their own they were serialized, written to disk, read back by both branches of the plan
 * and dropped by one of them, which made a record that needs no state cost more than a reading that does.
 * <p>
 * At least once, like Spark's Kafka sink: each task flushes before it ends and fails if a send failed, so the
 * micro-batch (and its offsets) is committed only after its dead letters are in Kafka; a task or batch run again
 * sends its dead letters again. The records are the ones the sink wrote: the original key and value, with the
 * {@link DeadLetters} headers, through the same client settings ({@link SinkOptions}).
 * <p>
 * One producer per JVM and job (it is thread-safe, and opening one costs a metadata round trip), opened by the
 * first task that needs it. The driver closes its own at the end of the job; an executor's ends with its JVM
 * (the client's thread is a daemon), with nothing unsent, as every task flushed. No shutdown hook closes it:
 * on Ctrl-C one would race the query's graceful stop, and fail a batch still sending.
 */
final class DeadLetterProducer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Producer<byte[], byte[]>> OPEN = new ConcurrentHashMap<>();

    /** Unique per job: two jobs in one JVM (tests) never share, nor close, each other's producer. */
    private final String id;
    private final Map<String, String> config;
    private final String topic;

    /** @param client the job's Kafka client settings ({@code bootstrap.servers}, {@code --command-config}) */
    DeadLetterProducer(Properties client, String topic) {
        this.id = UUID.randomUUID().toString();
        Map<String, String> c = new HashMap<>();
        client.stringPropertyNames().forEach(k -> c.put(k, client.getProperty(k)));
        this.config = Map.copyOf(c);
        this.topic = topic;
    }

    /** The sends of one task: call {@link Task#finish()} at its end. */
    Task task() {
        return new Task(OPEN.computeIfAbsent(id, k -> open()));
    }

    private Producer<byte[], byte[]> open() {
        Map<String, Object> c = new HashMap<>(config);
        SinkOptions.DEFAULTS.forEach(c::putIfAbsent);
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Closes this job's producer in this JVM, if it opened one. */
    void close() {
        Producer<byte[], byte[]> p = OPEN.remove(id);
        if (p != null) p.close(Duration.ofSeconds(10));
    }

    final class Task {
        private final Producer<byte[], byte[]> producer;
        private final AtomicReference<Exception> failed = new AtomicReference<>();
        /** A flood has few reasons, mostly one: its bytes are made once, not per record. */
        private String reason;
        private byte[] reasonBytes;

        private Task(Producer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        void send(byte[] key, byte[] value, String reason, String source) {
            check();
            List<Header> headers = List.of(
                    new RecordHeader(DeadLetters.REASON_HEADER, bytes(reason)),
                    new RecordHeader(DeadLetters.SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(topic, null, key, value, headers), (m, e) -> {
                if (e != null) failed.compareAndSet(null, e);
            });
        }

        private byte[] bytes(String r) {
            if (!r.equals(reason)) {
                reason = r;
                reasonBytes = r.getBytes(StandardCharsets.UTF_8);
            }
            return reasonBytes;
        }

        /** Waits until every record sent is acknowledged; throws if one was not. */
        void finish() {
            producer.flush();
            check();
        }

        private void check() {
            Exception e = failed.get();
            if (e != null) throw new IllegalStateException("cannot write dead letters to " + topic + ": " + e.getMessage(), e);
        }
    }
}
