package streamlab.kafka;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;

/**
 * Sends readings to one topic, keyed by sensor so each sensor's readings stay ordered in one
 * partition, and counts what the broker acknowledged. The record timestamp is left to the
 * producer (send time): recorded data from years ago would otherwise fall to the topic's retention.
 */
public final class ReadingSender implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final ReadingCodec codec;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Callback callback = (meta, e) -> {
        if (e == null) {
            acked.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstError.compareAndSet(null, e);
        }
    };

    public ReadingSender(Properties producerProperties, String topic, ReadingCodec codec) {
        this(new KafkaProducer<>(producerProperties), topic, codec);
    }

    ReadingSender(Producer<String, byte[]> producer, String topic, ReadingCodec codec) {
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
    }

    public void send(Reading r) {
        sendRaw(r.sensor(), codec.encode(r));
    }

    /** For bytes that are deliberately not a valid reading (fault injection, tests). */
    public void sendRaw(String key, byte[] value) {
        bytes.addAndGet(value.length);
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(topic, key, value), callback);
    }

    public void flush() {
        producer.flush();
    }

    public long sent() {
        return sent.get();
    }

    public long acked() {
        return acked.get();
    }

    public long failed() {
        return failed.get();
    }

    public long bytes() {
        return bytes.get();
    }

    /** The first send error, if any: the one worth showing the user. */
    public Exception firstError() {
        return firstError.get();
    }

    public ReadingCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        producer.close();
    }
}
