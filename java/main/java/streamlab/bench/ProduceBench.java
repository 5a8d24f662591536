package streamlab.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How fast {@code streamlab produce --rate max} writes to Kafka, next to Kafka's own ProducerPerformance with the
 * same record size, acks, compression, linger and batch size, in the same run against the same broker.
 * <p>
 * Each run gets the topic {@value #TOPIC} (1 partition) deleted and created anew. Record sizes are matched per
 * format: for json ProducerPerformance sends our own JSON records (up to 20,000 of them read back from the
 * topic after our run, as a --payload-file: enough distinct payloads that repeats inside a batch do not
 * flatter its compression); msgpack cannot go through --payload-file (the tool splits the file on a delimiter
 * and reads it as UTF-8), so ProducerPerformance sends --record-size bytes equal to our mean msgpack size.
 * Our records also carry the sensor id as key (about 11 bytes); ProducerPerformance sends none.
 */
final class ProduceBench {
    static final String TOPIC = "bench.produce";
    private static final Pattern OURS = Pattern.compile("produce: done: .* ([0-9,]+) records/s, .* ([0-9.]+) bytes/record");
    private static final Pattern PP = Pattern.compile("^(\\d+) records sent, ([0-9.]+) records/sec", Pattern.MULTILINE);

    /** One format's figures: the best run of each tool. */
    record Row(String format, BigDecimal bytesPerRecord, long producerPerf, long streamlab, BigDecimal ratio, String sizing) {}

    /** The section: its setup and rows. */
    record Result(long records, int rounds, String compression, String loadAverage, List<Row> rows) {}

    private final Kit kit;
    private final Topics topics;
    private final String bootstrap;
    private final BenchOptions.Produce o;
    private final Path work;
    private final Log log;

    ProduceBench(Kit kit, Topics topics, String bootstrap, BenchOptions.Produce o, Path work, Log log) {
        this.kit = kit;
        this.topics = topics;
        this.bootstrap = bootstrap;
        this.o = o;
        this.work = work;
        this.log = log;
    }

    Result run() throws Exception {
        log.progress("bench-produce: " + o.records + " records per run, compression " + o.compression + ", broker " + bootstrap);
        List<Row> rows = new ArrayList<>();
        for (String format : o.formats) {
            long bestOurs = 0;
            long bestPp = 0;
            BigDecimal bytes = null;
            for (int round = 1; round <= o.rounds; round++) {
                // The order alternates: ours first in odd rounds, as the JSON payload file needs a topic holding our records.
                if (round % 2 == 1) {
                    Ours ours = ours(format);
                    bestOurs = Math.max(bestOurs, ours.rate);
                    bytes = ours.bytes;
                    if (format.equals("json")) payload();
                }
                long pp = format.equals("json") ? producerPerf("--payload-file", work.resolve("payload.json").toString())
                        : producerPerf("--record-size", Long.toString(bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValue()));
                bestPp = Math.max(bestPp, pp);
                if (round % 2 == 0) bestOurs = Math.max(bestOurs, ours(format).rate);
            }
            rows.add(new Row(format, bytes, bestPp, bestOurs, Fmt.ratio(bestOurs, bestPp),
                    format.equals("json") ? "payload-file" : "record-size"));
        }
        return new Result(o.records, o.rounds, o.compression, Machine.loadAverage(), rows);
    }

    private record Ours(long rate, BigDecimal bytes) {}

    private Ours ours(String format) throws Exception {
        topics.recreate(TOPIC, 1);
        log.progress("  streamlab produce --format " + format + " --rate max --count " + o.records + " --sensors 1000 ...");
        Path err = work.resolve("ours-" + format + ".log");
        int rc = ChildRun.quiet(kit.streamlab("produce", "--bootstrap-server", bootstrap, "--topic", TOPIC, "--format", format,
                "--rate", "max", "--count", Long.toString(o.records), "--sensors", "1000", "--seed", "1", "--start", ProcessBench.START,
                "--compression", o.compression, "--acks", "all"), kit.env(Map.of()), null, err);
        String text = Files.readString(err);
        if (rc != 0) throw new BenchException("streamlab produce failed:\n" + Log.tail(text, 5));
        Matcher m = null;
        for (String line : text.split("\n")) {
            Matcher l = OURS.matcher(line);
            if (l.find()) m = l;
        }
        if (m == null) throw new BenchException("no summary line from streamlab produce:\n" + Log.tail(text, 5));
        return new Ours(Long.parseLong(m.group(1).replace(",", "")), new BigDecimal(m.group(2)));
    }

    private long producerPerf(String sizing, String value) throws Exception {
        topics.recreate(TOPIC, 1);
        log.progress("  ProducerPerformance " + sizing + " " + value + " ...");
        Path out = work.resolve("pp.log");
        int rc = ChildRun.quiet(kit.kafkaClass("org.apache.kafka.tools.ProducerPerformance", List.of("--topic", TOPIC,
                "--num-records", Long.toString(o.records), "--throughput", "-1", sizing, value, "--producer-props", "acks=all",
                "enable.idempotence=true", "compression.type=" + o.compression, "linger.ms=5", "batch.size=131072",
                "bootstrap.servers=" + bootstrap)), kit.kafkaToolEnv(), out, out);
        String text = Files.readString(out);
        if (rc != 0) throw new BenchException("ProducerPerformance failed:\n" + Log.tail(text, 5));
        // The final line, for all records; the periodic ones before it count fewer.
        Matcher m = PP.matcher(text);
        Double rate = null;
        while (m.find()) {
            if (Long.parseLong(m.group(1)) == o.records) rate = Double.parseDouble(m.group(2));
        }
        if (rate == null) throw new BenchException("no result line from ProducerPerformance:\n" + Log.tail(text, 5));
        return Math.round(rate);
    }

    /** Our JSON records as ProducerPerformance payloads, read back from the topic of our last run, one a line. */
    private void payload() throws IOException {
        long n = Math.min(o.records, 20_000);
        List<ConsumerRecord<byte[], byte[]>> records = topics.read(TOPIC, 0, n);
        if (records.size() != n) throw new BenchException("could not read " + n + " JSON records back from " + TOPIC);
        StringBuilder b = new StringBuilder();
        for (ConsumerRecord<byte[], byte[]> r : records) b.append(new String(r.value(), StandardCharsets.UTF_8)).append('\n');
        Files.writeString(work.resolve("payload.json"), b);
    }
}
