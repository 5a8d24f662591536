package streamlab.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.common.Durations;
import streamlab.common.ProgressLine;
import streamlab.common.StopSignal;
import streamlab.common.UserException;

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
    /** When the broker last answered a send (or sending resumed with nothing pending). */
    private volatile long lastAnswerNanos = System.nanoTime();
    /** The most a stopped command waits for its sends in flight. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private String bootstrap = "Kafka";
    private Duration stallTimeout;
    private volatile boolean abandon;
    private final Callback callback = (meta, e) -> {
        lastAnswerNanos = System.nanoTime();
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
        if (pending() == 0) lastAnswerNanos = System.nanoTime();
        bytes.addAndGet(value.length);
        long n = sent.incrementAndGet();
        producer.send(new ProducerRecord<>(topic, key, value), callback);
        if ((n & 1023) == 0) checkAnswering();
    }

    /**
     * Fail fast when the broker stops answering: without this a sender keeps buffering for the producer's
     * delivery timeout (2 minutes), and its final flush waits as long again.
     *
     * @param bootstrap how to name the broker in the message
     * @param timeout   how long sends may go unanswered ({@code --connect-timeout})
     */
    public ReadingSender failWhenUnanswered(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        this.stallTimeout = timeout;
        return this;
    }

    /**
     * Sends the producer retried (a leader moved, a broker went away): Kafka's own {@code record-retry-total}.
     * Retries are how the idempotent producer survives a broker failure without loss or duplicates.
     */
    public long retries() {
        for (var e : producer.metrics().entrySet()) {
            if (e.getKey().name().equals("record-retry-total") && e.getKey().group().equals("producer-metrics")) {
                Object v = e.getValue().metricValue();
                return v instanceof Number n ? n.longValue() : 0;
            }
        }
        return 0;
    }

    /** Sends not yet acknowledged nor failed. */
    public long pending() {
        return sent.get() - acked.get() - failed.get();
    }

    /** Throws if sends are pending and the broker has not answered any for the timeout. */
    public void checkAnswering() {
        if (stallTimeout == null || pending() == 0 || System.nanoTime() - lastAnswerNanos <= stallTimeout.toNanos()) return;
        throw new UserException("Kafka at " + bootstrap + " stopped answering: no acknowledgement for "
                + Durations.format(stallTimeout) + " (--connect-timeout), " + ProgressLine.count(pending())
                + " records unconfirmed (" + ProgressLine.count(acked.get()) + " of " + ProgressLine.count(sent.get())
                + " acknowledged); stopped");
    }

    /**
     * Waits until every send is answered, or, with {@link #failWhenUnanswered}, throws once the broker goes quiet;
     * after a stop request at most {@link #stopGrace}.
     */
    public void flush() {
        if (stallTimeout == null) {
            producer.flush();
            return;
        }
        while (pending() > 0) {
            if (StopSignal.requested()) {
                // Ctrl-C while flushing: the wait is bounded, so the command can still say what is unconfirmed
                flushWithin(stopGrace(stallTimeout));
                return;
            }
            checkAnswering();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * After a stop request (Ctrl-C): waits for the sends in flight, at most {@code grace}, and returns how many
     * are still unanswered. Those are abandoned at {@link #close()}: the caller reports them, rather than the
     * JVM exiting in the middle of a wait with nothing said.
     */
    public long flushWithin(Duration grace) {
        long end = System.nanoTime() + grace.toNanos();
        while (pending() > 0 && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        abandon = pending() > 0;
        return pending();
    }

    /**
     * How long {@link #flushWithin} may wait after Ctrl-C: the command's {@code --connect-timeout}, at most
     * {@link #STOP_GRACE}, so the summary is out before the stop hook's own bound (20 s) ends the JVM.
     */
    public static Duration stopGrace(Duration connectTimeout) {
        return connectTimeout.compareTo(STOP_GRACE) < 0 ? connectTimeout : STOP_GRACE;
    }

    /**
     * After a stop request, the line that says what became of the sends: all confirmed, or how many were not
     * (then a {@link UserException}, so the run does not look complete).
     */
    public String stoppedReport(String command, Duration grace) {
        long left = pending();
        if (left == 0 && failed() == 0) {
            return command + ": stopped on request; all " + ProgressLine.count(sent()) + " records sent were confirmed by Kafka";
        }
        if (left == 0) return null;
        throw new UserException("stopped on request with " + ProgressLine.count(left) + " of " + ProgressLine.count(sent())
                + " records sent to " + topic + " not confirmed by Kafka at " + bootstrap + " within " + Durations.format(grace)
                + " (" + ProgressLine.count(acked()) + " confirmed): they may or may not have been written");
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
        // Bounded: after a failure, records still buffered are abandoned (and counted by the message) rather than waited for.
        producer.close(abandon ? Duration.ZERO : stallTimeout == null ? Duration.ofMillis(Long.MAX_VALUE) : stallTimeout);
    }
}
