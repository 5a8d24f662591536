package streamlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.testkit.FreePorts;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.Scripts;

/**
 * The job on a real Spark standalone cluster, started with the kit's scripts: a master and one worker on
 * free ports, a broker, known readings written with a plain KafkaProducer, then {@code bin/submit-job
 * --trigger available-now}. Proves what only a cluster run can: the shaded jar ships to the worker, the
 * executor finds its classes (Kafka connector, our codecs, commons-io/codec from the Spark runtime) and
 * computes exactly the windows a local run would, and the application is recorded by the master.
 * <p>
 * Each part has an address of its own, as on separate hosts: the broker on 127.0.0.2, the master on 127.0.0.3,
 * the worker on 127.0.0.4 and the driver on 127.0.0.5. A script or a setting that assumed everything on one
 * address (127.0.0.1, or the host the driver runs on) would fail here. Where the system has only 127.0.0.1
 * (macOS without aliases) everything runs there instead, and the test says so.
 * <p>
 * The readings make the expected windows obvious: sensor k sends one reading a second for 60 s with
 * temperature base(k) + (second mod 10), so every 10 s window holds 10 readings from base(k) to
 * base(k) + 9, mean base(k) + 4.5. With a 5 s watermark the last reading (59 s) closes the windows
 * that end at 50 s or before: 5 per sensor; the window 50-60 s stays open.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // more than the default 10 m: a cluster start and a job on it: up to 7 min for the results alone on a busy machine
class StandaloneClusterEndToEndIT {
    static final long T0 = 1_700_000_000_000L; // a multiple of 10 s: windows start at T0
    static final Map<String, Double> BASE = new LinkedHashMap<>();
    static final Map<String, Format> FORMAT = new LinkedHashMap<>();

    static {
        BASE.put("room-a", 20.0);
        BASE.put("room-b", -5.5);
        BASE.put("room-c", 31.25);
        // Mixed on one topic: the job's default --format auto decodes each record by its first byte.
        FORMAT.put("room-a", Format.JSON);
        FORMAT.put("room-b", Format.MSGPACK);
        FORMAT.put("room-c", Format.JSON);
    }

    @TempDir
    Path var;

    LocalKafka kafka;
    Scripts sh;

    @AfterEach
    void stopEverything() {
        try {
            if (sh != null) {
                Scripts.Result r = sh.run("stop-spark");
                assertThat(r.exitCode()).as(r.describe()).isZero();
            }
        } finally {
            if (kafka != null) kafka.close();
        }
    }

    @Test
    void submitJobComputesEveryClosedWindowOnTheClusterAndTheMasterRecordsTheApp() throws Exception {
        Path jar = Scripts.jar();
        Path sparkHome = jar.toAbsolutePath().getParent().resolve("runtime/spark");

        boolean spread = loopbackAliases();
        String broker = spread ? "127.0.0.2" : "127.0.0.1";
        String master = spread ? "127.0.0.3" : "127.0.0.1";
        String worker = spread ? "127.0.0.4" : "127.0.0.1";
        String driver = spread ? "127.0.0.5" : "127.0.0.1";
        if (!spread) System.out.println("cluster test: only 127.0.0.1 can be bound here: broker, master, worker and driver share it");
        kafka = LocalKafka.startOn(broker);
        int[] ports = FreePorts.distinct(3);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STREAMLAB_VAR", var.toString());
        env.put("SPARK_MASTER_URL", "spark://" + master + ":" + ports[0]);
        env.put("STREAMLAB_JAR", jar.toString());
        if (Files.isDirectory(sparkHome.resolve("jars"))) env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_MASTER_PORT", Integer.toString(ports[0]));
        env.put("SPARK_MASTER_WEBUI_PORT", Integer.toString(ports[1]));
        env.put("SPARK_WORKER_WEBUI_PORT", Integer.toString(ports[2]));
        env.put("SPARK_DAEMON_MEMORY", "256m");
        env.put("STREAMLAB_DRIVER_MEMORY", "1g");
        env.put("STREAMLAB_WAIT_SECONDS", "120");
        env.put("STREAMLAB_STOP_SECONDS", "20");
        sh = on(env, master);

        ok(sh.run("start-spark-master"));
        ok(on(env, worker).run("start-spark-worker", "--cores", "1", "--memory", "1g"));

        kafka.createTopic("cluster.in", 2);
        kafka.createTopic("cluster.report", 1);
        kafka.createTopic("cluster.dlq", 1);
        send("cluster.in", readings());
        // Its dead letter is written from the executor's JVM, by a producer made from the job's settings there.
        byte[] broken = "not a reading".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        send("cluster.in", List.of(new ProducerRecord<>("", "broken", broken)));

        Path checkpoint = var.resolve("checkpoint");
        Scripts.Result job = on(env, driver).run(Duration.ofSeconds(420), "submit-job", "--bootstrap-server", kafka.bootstrap(),
                "--topic", "cluster.in", "--report-topic", "cluster.report", "--dlq-topic", "cluster.dlq",
                "--window", "10s", "--watermark", "5s", "--trigger", "available-now",
                "--checkpoint", checkpoint.toString());
        ok(job);
        assertThat(job.stdout()).contains("process: done: 180 readings in, 15 windows out, 1 to DLQ, 0 late");
        assertThat(kafka.readAll("cluster.dlq", Duration.ofSeconds(30))).singleElement().satisfies(rec -> {
            assertThat(rec.value()).isEqualTo(broken);
            assertThat(rec.key()).isEqualTo("broken");
            assertThat(rec.headers().lastHeader("streamlab.reason")).isNotNull();
        });

        Map<String, WindowResult> report = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : kafka.readAll("cluster.report", Duration.ofSeconds(30))) {
            WindowResult w = WindowResultCodec.decode(rec.value());
            assertThat(rec.key()).isEqualTo(w.key());
            assertThat(report.put(w.key(), w)).as("window %s written twice", w.key()).isNull();
        }
        assertThat(report).hasSize(15);
        for (Map.Entry<String, Double> s : BASE.entrySet()) {
            double base = s.getValue();
            for (int w = 0; w < 5; w++) {
                long start = T0 + w * 10_000L;
                WindowResult r = report.get(WindowResult.key(s.getKey(), start));
                assertThat(r).as("window %s at +%d s", s.getKey(), w * 10).isNotNull();
                assertThat(r.windowEnd()).isEqualTo(start + 10_000);
                assertThat(r.count()).isEqualTo(10);
                assertThat(r.min()).isEqualTo(base);
                assertThat(r.max()).isEqualTo(base + 9);
                assertThat(r.avg()).isCloseTo(base + 4.5, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(r.firstTs()).isEqualTo(start);
                assertThat(r.lastTs()).isEqualTo(start + 9_000);
                assertThat(r.seqGaps()).isZero();
            }
        }
        assertThat(checkpoint.resolve("offsets")).isDirectory();

        // The master records the finished application (it may take a moment after the driver exits).
        String completed = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String json = get("http://" + master + ":" + ports[1] + "/json/");
            int at = json.indexOf("\"completedapps\"");
            completed = at < 0 ? "" : json.substring(at, Math.max(at, json.indexOf("\"activedrivers\"")));
            if (completed.contains("\"name\" : \"streamlab process\"") && completed.contains("\"state\" : \"FINISHED\"")) break;
            Thread.sleep(500);
        }
        assertThat(completed).contains("\"name\" : \"streamlab process\"").contains("\"state\" : \"FINISHED\"")
                .contains("\"cores\" : 1");
    }

    /** The kit's scripts with every server they start (and the driver) bound to {@code address}. */
    static Scripts on(Map<String, String> env, String address) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put("STREAMLAB_BIND", address);
        return new Scripts(e);
    }

    /** Whether 127.0.0.2-5 can be bound: Linux routes all of 127/8 to the loopback; macOS only 127.0.0.1. */
    static boolean loopbackAliases() {
        for (int i = 2; i <= 5; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0." + i))) {
                // bound: this address is usable
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Readings in event-time order per sensor, sensors interleaved, each sensor in its own format. */
    static List<ProducerRecord<String, byte[]>> readings() {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        for (int second = 0; second < 60; second++) {
            for (Map.Entry<String, Double> s : BASE.entrySet()) {
                Reading r = new Reading(s.getKey(), T0 + second * 1000L, second, s.getValue() + (second % 10));
                out.add(new ProducerRecord<>("", r.sensor(), ReadingCodec.of(FORMAT.get(s.getKey())).encode(r)));
            }
        }
        return out;
    }

    void send(String topic, List<ProducerRecord<String, byte[]>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
            producer.flush();
        }
    }

    static Scripts.Result ok(Scripts.Result r) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    static String get(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
