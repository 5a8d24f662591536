package streamlab.process;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.testkit.CliRun;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.LocalSpark;

/**
 * Throughput figures for the report, printed, never asserted (timing depends on the machine). Not part of
 * the suite (the name does not end in Test); run it on purpose:
 * {@code mvn -o test -Dtest=ProcessThroughputBench -Dstreamlab.bench.readings=200000}.
 */
class ProcessThroughputBench {
    static final int N = Integer.getInteger("streamlab.bench.readings", 200_000);

    @Test
    void plans() {
        SparkSession spark = LocalSpark.start("ProcessThroughputBench");
        try {
            List<byte[]> values = TestReadings.encode(TestReadings.generate(1, 2, 10, 1_700_000_000_000L, 1_000), Format.MSGPACK);
            for (InputFormat f : InputFormat.values()) {
                System.out.println("BENCH plan " + f + ":\n" + ReadingDecoder.readings(SparkTests.kafkaRows(spark, values).cache(), f,
                        Duration.ofMinutes(5)).queryExecution().executedPlan().treeString());
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void decoderAlone() {
        SparkSession spark = LocalSpark.start("ProcessThroughputBench");
        try {
            List<Reading> readings = TestReadings.generate(1, 100, N / 100, 1_700_000_000_000L, 1_000);
            for (Format f : Format.values()) {
                List<byte[]> values = TestReadings.encode(readings, f);
                Dataset<Row> rows = SparkTests.kafkaRows(spark, values).cache();
                rows.count();
                for (int round = 0; round < 3; round++) {
                    long t = System.nanoTime();
                    Row r = ReadingDecoder.readings(rows, InputFormat.valueOf(f.name()), Duration.ofMinutes(5)).agg(sum(col("seq"))).first();
                    double s = (System.nanoTime() - t) / 1e9;
                    System.out.printf("BENCH decode %s round %d: %,d readings in %.2f s = %,.0f readings/s (check %s)%n",
                            f.lower(), round, values.size(), s, values.size() / s, r.get(0));
                }
                rows.unpersist();
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void endToEndAvailableNow() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            List<Reading> readings = TestReadings.generate(2, 100, N / 100, 1_700_000_000_000L, 1_000);
            readings.sort(java.util.Comparator.comparingLong(Reading::ts));
            for (Format f : Format.values()) {
                String topic = "bench." + f.lower();
                kafka.createTopic(topic, 2);
                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
                p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
                p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
                ReadingCodec codec = ReadingCodec.of(f);
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                    for (Reading r : readings) producer.send(new ProducerRecord<>(topic, r.sensor(), codec.encode(r)));
                }
                Path ckpt = Files.createTempDirectory("bench-ckpt");
                long t = System.nanoTime();
                // No SparkSession exists here: each run pays for starting Spark, as a user's run does.
                CliRun run = CliRun.of("process", "--bootstrap-server", kafka.bootstrap(), "--topic", topic,
                        "--report-topic", "bench.report", "--dlq-topic", "bench.dlq", "--format", f.lower(),
                        "--trigger", "available-now", "--checkpoint", ckpt.toString(), "--conf", "spark.ui.enabled=false");
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf("BENCH process %s: exit %d, %,d readings in %.1f s including Spark start = %,.0f readings/s%n",
                        f.lower(), run.exit(), readings.size(), s, readings.size() / s);
                run.err().lines().filter(l -> l.startsWith("process: batch") || l.startsWith("process: first")).forEach(l -> System.out.println("BENCH   " + l));
                run.out().lines().forEach(l -> System.out.println("BENCH   " + l));
                LocalKafka.deleteRecursively(ckpt);
            }
        }
    }
}
