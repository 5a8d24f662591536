package streamlab.produce;

import java.io.PrintStream;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import streamlab.codec.ReadingCodec;
import streamlab.common.ProgressLine;
import streamlab.common.StopSignal;
import streamlab.common.UserException;
import streamlab.kafka.ReadingSender;
import streamlab.kafka.SendSummary;

/** One run of {@code produce}: paces the {@link EmissionStream} into a {@link ReadingSender}. */
final class ProduceRun {
    private static final String NAME = "produce";
    /** Failed sends are checked this often (records): the callback counts them on another thread. */
    private static final int ERROR_CHECK_EVERY = 4096;

    private final ProduceCommand options;
    private final long startMs;
    private final long seed;
    private final PrintStream err;
    /** Read by the progress thread; written once per tick, not per record. */
    private volatile long eventTime;

    ProduceRun(ProduceCommand options, long startMs, long seed, PrintStream err) {
        this.options = options;
        this.startMs = startMs;
        this.seed = seed;
        this.err = err;
        this.eventTime = startMs;
    }

    int run() throws Exception {
        StopSignal.install();
        options.kafka.checkReachable();
        ReadingCodec codec = ReadingCodec.of(options.format);
        try (TruthWriter truth = options.truth == null ? null : new TruthWriter(options.truth);
             ReadingRecorder recorder = options.record == null ? null : new ReadingRecorder(options.record);
             ReadingSender sender = new ReadingSender(options.producer.producerProperties(options.kafka), options.topic, codec)
                     .failWhenUnanswered(options.kafka.bootstrapServer, options.kafka.connectTimeout)) {
            EmissionStream stream = new EmissionStream(options.sensors, options.interval.toMillis(), startMs, seed, options.faultPlan(),
                    codec, truth == null ? TruthSink.NONE : truth, options.count == null ? Long.MAX_VALUE : options.count);
            Pacer pacer = pacer();
            long t0 = pacer.startNanos();
            try (ProgressLine progress = new ProgressLine(err, 1000, () -> SendSummary.progress(NAME, sender, t0,
                    "event time " + Instant.ofEpochMilli(eventTime)))) {
                send(stream, pacer, sender, recorder);
                if (StopSignal.requested()) {
                    sender.flushWithin(ReadingSender.stopGrace(options.kafka.connectTimeout));
                } else {
                    sender.flush();
                }
            }
            err.println(SendSummary.summary(NAME, sender, t0));
            if (StopSignal.requested()) {
                String line = sender.stoppedReport(NAME, ReadingSender.stopGrace(options.kafka.connectTimeout));
                if (line != null) err.println(line);
            }
            if (sender.failed() > 0) {
                Exception e = sender.firstError();
                throw new UserException(ProgressLine.count(sender.failed()) + " of " + ProgressLine.count(sender.sent())
                        + " sends to " + options.topic + " failed; first error: " + (e == null ? "unknown" : e.getMessage()), e);
            }
        }
        return 0;
    }

    private Pacer pacer() {
        long durationNanos = options.duration == null ? 0 : options.duration.toNanos();
        if (options.rate != null) return Pacer.rate(Ticker.SYSTEM, StopSignal::requested, durationNanos, options.rate);
        double speedup = options.speedup == null ? 1.0 : options.speedup;
        return Pacer.eventTime(Ticker.SYSTEM, StopSignal::requested, durationNanos, startMs, speedup);
    }

    /** The hot loop: no clock reads, formatting or locks per record beyond what pacing needs. */
    private void send(EmissionStream stream, Pacer pacer, ReadingSender sender, ReadingRecorder recorder) {
        long index = 0;
        long tick = Long.MIN_VALUE;
        boolean paced = true;
        Emission e;
        try {
            while ((e = stream.next()) != null) {
                if (paced && !pacer.await(index, e.sendTime())) {
                    // Stop (Ctrl-C or --duration): what was already decided, held late readings included, goes out now.
                    stream.finish();
                    paced = false;
                }
                if (e.sendTime() != tick) {
                    tick = e.sendTime();
                    eventTime = tick;
                    sender.checkAnswering();
                }
                switch (e.kind()) {
                    case READING -> {
                        sender.send(e.reading());
                        if (recorder != null) recorder.record(e.reading());
                    }
                    case DUPLICATE -> sender.send(e.reading());
                    case MALFORMED -> sender.sendRaw(e.reading().sensor(), e.raw());
                }
                if (++index % ERROR_CHECK_EVERY == 0 && sender.failed() > 0) return;
            }
        } catch (KafkaException ex) {
            throw new UserException("Sending to " + options.topic + " at " + options.kafka.bootstrapServer + " failed: " + ex.getMessage(), ex);
        }
    }
}
