package streamlab.flink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Flink job the bench measures {@code process} against: the smallest idiomatic DataStream job of the same
 * shape as the textbook Spark job (streamlab.bench.ReferenceJob). A bounded Kafka source from the earliest to
 * the latest offsets at start, readings decoded (records that do not decode dropped), event time with 30 s of
 * bounded out-of-orderness, keyed by sensor, 1-minute tumbling windows with an incremental count/min/max/avg,
 * results as JSON to a Kafka topic. Local environment (a mini cluster in this JVM), parallelism 2. At the end of
 * the input the watermark jumps to the end of time, so every window is closed and written, the last ones too.
 * <p>
 * Usage: {@code FlinkReferenceJob BOOTSTRAP TOPIC RESULT_TOPIC json|msgpack [COUNTS_FILE]}; prints (and writes to
 * COUNTS_FILE as {@code records=N}, {@code dropped=N}, {@code windows=N} lines) what it read and wrote.
 */
public final class FlinkReferenceJob {
    static final String RECORDS = "records";
    static final String DROPPED = "dropped";
    static final String WINDOWS = "windows";

    private FlinkReferenceJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !(args[3].equals("json") || args[3].equals("msgpack"))) {
            System.err.println("usage: FlinkReferenceJob BOOTSTRAP TOPIC RESULT_TOPIC json|msgpack [COUNTS_FILE]");
            System.exit(2);
        }
        String bootstrap = args[0];
        boolean json = args[3].equals("json");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);

        KafkaSource<byte[]> source = KafkaSource.<byte[]>builder().setBootstrapServers(bootstrap).setTopics(args[1])
                .setGroupId("streamlab-flink-reference").setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class)).build();
        KafkaSink<WindowResult> sink = KafkaSink.<WindowResult>builder().setBootstrapServers(bootstrap)
                .setRecordSerializer(KafkaRecordSerializationSchema.<WindowResult>builder().setTopic(args[2])
                        .setKeySerializationSchema(WindowResult::key).setValueSerializationSchema(WindowResult::json).build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();

        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                .flatMap(new Decode(json)).name("decode")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Reading>forBoundedOutOfOrderness(Duration.ofSeconds(30))
                        .withTimestampAssigner((r, previous) -> r.ts))
                .keyBy(r -> r.sensor)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .aggregate(new WindowStats(), new Emit()).name("window")
                .sinkTo(sink).name("kafka");

        JobExecutionResult result = env.execute("streamlab flink reference");
        long records = result.<Long>getAccumulatorResult(RECORDS);
        long dropped = result.<Long>getAccumulatorResult(DROPPED);
        Long windows = result.<Long>getAccumulatorResult(WINDOWS);
        long w = windows == null ? 0 : windows;
        System.out.println("flink-reference: " + records + " records read (" + dropped + " dropped), " + w + " windows written");
        if (args.length > 4) {
            Files.writeString(Path.of(args[4]), RECORDS + "=" + records + "\n" + DROPPED + "=" + dropped + "\n" + WINDOWS + "=" + w + "\n",
                    StandardCharsets.UTF_8);
        }
    }

    /** Decodes a record; counts every record read and every one dropped (Flink's accumulators, summed at the end). */
    static final class Decode extends RichFlatMapFunction<byte[], Reading> {
        private final boolean json;
        private final LongCounter records = new LongCounter();
        private final LongCounter dropped = new LongCounter();

        Decode(boolean json) {
            this.json = json;
        }

        @Override
        public void open(OpenContext context) {
            getRuntimeContext().addAccumulator(RECORDS, records);
            getRuntimeContext().addAccumulator(DROPPED, dropped);
        }

        @Override
        public void flatMap(byte[] value, Collector<Reading> out) {
            records.add(1);
            Reading r = value == null ? null : json ? ReadingDecoder.json(value) : ReadingDecoder.msgpack(value);
            if (r == null) {
                dropped.add(1);
            } else {
                out.collect(r);
            }
        }
    }

    /** Turns a window's accumulator into its result, with the window's bounds; counts the windows written. */
    static final class Emit extends ProcessWindowFunction<WindowStats.Acc, WindowResult, String, TimeWindow> {
        private final LongCounter windows = new LongCounter();

        @Override
        public void open(OpenContext context) {
            getRuntimeContext().addAccumulator(WINDOWS, windows);
        }

        @Override
        public void process(String sensor, Context context, Iterable<WindowStats.Acc> accs, Collector<WindowResult> out) {
            WindowStats.Acc a = accs.iterator().next();
            WindowResult r = new WindowResult();
            r.sensor = sensor;
            r.windowStart = context.window().getStart();
            r.windowEnd = context.window().getEnd();
            r.count = a.count;
            r.min = a.min;
            r.max = a.max;
            r.avg = a.sum / a.count;
            windows.add(1);
            out.collect(r);
        }
    }
}
