package streamlab.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import streamlab.codec.DecodeException;
import streamlab.codec.Format;
import streamlab.codec.JsonReadingCodec;
import streamlab.codec.MsgpackReadingCodec;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;

/**
 * The map side of the job: turns one input partition of a micro-batch into
 * <ul>
 *   <li>one {@link ReadingPack} row per sensor (key = sensor id), so the shuffle moves a few large rows
 *       instead of one row per reading, with the newest event time of the partition's readings so far
 *       ({@code newest}): what lets {@link SensorFunction} write the windows these readings close in this
 *       batch already;</li>
 *   <li>for each rejected record, either nothing (a {@link DeadLetterProducer} writes it to the DLQ from here, in
 *       the streaming job) or a row with its original key and bytes and the reason, keyed by its source
 *       ({@code topic-partition@offset}, the {@code streamlab.source} header), which {@link Pipeline} writes
 *       straight out, never through the state operator; unique keys spread them evenly over the shuffle
 *       partitions, where one key would put a flood of them in one task;</li>
 *   <li>one marker row (key {@value PackedRow#SIDE_KEY}) whose {@code event_time} is the newest event time of the
 *       partition's readings. Only markers carry an event time, so they alone move the watermark, and
 *       Spark's late-row filter before the state operator can only ever drop a marker: lateness is
 *       decided per reading and per window by {@link SensorWindows}, which knows the windows.</li>
 * </ul>
 * Input columns: {@link #INPUT}; output rows: {@link PackedRow}. Packs are flushed every {@value #FLUSH_BYTES} bytes, so memory stays
 * bounded whatever the batch size.
 */
final class Packer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final int FLUSH_BYTES = 8 << 20;

    /** What the packer reads, in this order: a decoded reading or a reason, then the record as Kafka gave it. */
    static final String[] INPUT = {"sensor", "ts", "seq", "temperature", ReadingDecoder.REASON, "key", "value", "topic",
            "partition", "offset", "now"};
    private static final int SENSOR = 0;
    private static final int TS = 1;
    private static final int SEQ = 2;
    private static final int TEMPERATURE = 3;
    private static final int REASON = 4;
    private static final int KEY = 5;
    private static final int VALUE = 6;
    private static final int TOPIC = 7;
    private static final int PARTITION = 8;
    private static final int OFFSET = 9;
    /** The micro-batch's time, set only where the packer decodes (and so checks --max-future) itself. */
    private static final int NOW = 10;

    private final boolean originals;
    private final InputFormat decode;
    private final Duration maxFuture;
    private final Counters counters;
    private final DeadLetterProducer deadLetters;

    /**
     * @param originals keep each reading's original key and value (for {@code --late-topic})
     * @param decode    null when the input columns hold decoded readings; else the format of the bytes this
     *                  packer decodes itself with the kit's codecs ({@code AUTO}: either, by the first byte)
     * @param maxFuture {@code --max-future}, for the readings this packer decodes
     * @param deadLetters where rejects are written from here; null: they become rows of the output
     */
    Packer(boolean originals, InputFormat decode, Duration maxFuture, Counters counters, DeadLetterProducer deadLetters) {
        this.originals = originals;
        this.decode = decode;
        this.maxFuture = maxFuture;
        this.counters = counters;
        this.deadLetters = deadLetters;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return new Iterator<>() {
            private final Map<String, ReadingPack.Builder> packs = new LinkedHashMap<>();
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private long bytes;
            private long maxTs = Long.MIN_VALUE;
            private long readings;
            private long rejects;
            private DeadLetterProducer.Task sent;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && !done) fill();
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return ready.poll();
            }

            private void fill() {
                while (input.hasNext() && ready.isEmpty() && bytes < FLUSH_BYTES) take(input.next());
                if (bytes >= FLUSH_BYTES) flush();
                if (!input.hasNext() && ready.isEmpty()) {
                    flush();
                    if (sent != null) sent.finish();
                    if (maxTs != Long.MIN_VALUE) ready.add(PackedRow.marker(maxTs));
                    if (counters != null) {
                        counters.readings.add(readings);
                        counters.deadLetters.add(rejects);
                    }
                    done = true;
                }
            }

            private void take(Row r) {
                if (decode != null) {
                    takeBytes(r);
                    return;
                }
                if (!r.isNullAt(REASON)) {
                    reject(r, r.getString(REASON));
                    return;
                }
                add(r, r.getString(SENSOR), r.getLong(TS), r.getLong(SEQ), r.getDouble(TEMPERATURE));
            }

            /** The kit's codecs in Java: no UDF, no struct to convert, and the codecs' reasons, as the Spark path gives. */
            private void takeBytes(Row r) {
                byte[] value = (byte[]) r.get(VALUE);
                String reason;
                Reading reading = null;
                if (value == null || value.length == 0) {
                    reason = "empty record";
                } else {
                    try {
                        ReadingCodec codec = switch (decode) {
                            case MSGPACK -> MsgpackReadingCodec.INSTANCE;
                            case JSON -> JsonReadingCodec.INSTANCE;
                            case AUTO -> ReadingCodec.of(Format.detect(value));
                        };
                        // A flood of another format is refused by its first byte, with the codec's reason and no exception.
                        reason = codec.refusedAtFirstByte(value);
                        if (reason == null) {
                            reading = codec.decode(value);
                            reason = ReadingDecoder.rangeReason(reading.ts(), r.getLong(NOW), maxFuture);
                        }
                    } catch (DecodeException e) {
                        reason = e.getMessage();
                    } catch (RuntimeException e) {
                        reason = "undecodable: " + e;
                    }
                }
                if (reason != null) {
                    reject(r, reason);
                } else {
                    add(r, reading.sensor(), reading.ts(), reading.seq(), reading.temperature());
                }
            }

            private void reject(Row r, String reason) {
                String source = DeadLetters.source(r.getString(TOPIC), r.getInt(PARTITION), r.getLong(OFFSET));
                if (deadLetters == null) {
                    ready.add(PackedRow.reject(source, r.get(KEY), r.get(VALUE), reason));
                } else {
                    if (sent == null) sent = deadLetters.task();
                    sent.send((byte[]) r.get(KEY), (byte[]) r.get(VALUE), reason, source);
                }
                rejects++;
            }

            private void add(Row r, String sensor, long ts, long seq, double temperature) {
                ReadingPack.Builder b = packs.computeIfAbsent(sensor, s -> new ReadingPack.Builder(originals));
                int before = b.bytes;
                if (originals) {
                    b.add(ts, seq, temperature, r.getInt(PARTITION), r.getLong(OFFSET), (byte[]) r.get(KEY), (byte[]) r.get(VALUE));
                } else {
                    b.add(ts, seq, temperature, 0, 0, null, null);
                }
                bytes += b.bytes - before;
                readings++;
                if (ts > maxTs) maxTs = ts;
            }

            private void flush() {
                // A pack flushed before the partition's end carries the newest event time up to it: never more
                // than the batch's newest, from which Spark's next watermark follows.
                for (Map.Entry<String, ReadingPack.Builder> e : packs.entrySet()) {
                    ready.add(PackedRow.pack(e.getKey(), e.getValue().toBytes(), maxTs));
                }
                packs.clear();
                bytes = 0;
            }
        };
    }
}
