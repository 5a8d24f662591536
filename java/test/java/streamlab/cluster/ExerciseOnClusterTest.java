package streamlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static streamlab.cluster.StandaloneClusterEndToEndTest.get;
import static streamlab.cluster.StandaloneClusterEndToEndTest.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.JsonReadingCodec;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;
import streamlab.exercise.Exercises;
import streamlab.testkit.FreePorts;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.Scripts;

/**
 * An exercise's reference solution on a real Spark standalone cluster, as exercise 6 has students run theirs:
 * a master and one worker started with the kit's scripts on free ports, a broker, readings with copies a
 * restarted producer would send, then {@code bin/submit-exercise 6 --solution --trigger available-now} in
 * several micro-batches. Proves that the exercise classes ship to the executor in the kit's jar (the solution
 * is loaded by name, from java/solutions), and that the de-duplication of exercise 6 holds across batches on
 * the cluster: every closed window comes out once, with each reading counted once.
 * <p>
 * Sensor k sends one reading a second for 60 s, seq = the second, temperature base(k) + (second mod 10); every
 * seventh reading is sent twice in a row and five seconds are sent again a little later. With 10 s
 * windows and a 5 s watermark, the windows that end at 50 s or before close: 5 per sensor, 10 readings each.
 */
class ExerciseOnClusterTest {
    static final long T0 = 1_700_000_000_000L; // a multiple of 10 s: windows start at T0
    static final Map<String, Double> BASE = new LinkedHashMap<>();

    static {
        BASE.put("room-a", 20.0);
        BASE.put("room-b", -5.5);
        BASE.put("room-c", 31.25);
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
    void submitExerciseRunsTheSolutionOfExercise6OnTheClusterAndEveryWindowCountsEachReadingOnce() throws Exception {
        Path jar = Path.of(System.getProperty("streamlab.jar", Scripts.home().resolve("target/streamlab.jar").toString()));
        Assumptions.assumeTrue(Files.isRegularFile(jar), "no jar at " + jar + ": run the package phase first");
        Assumptions.assumeTrue(solutionPresent(), "the reference solutions are not in this copy of the kit");
        Path sparkHome = jar.toAbsolutePath().getParent().resolve("runtime/spark");

        kafka = LocalKafka.start();
        int[] ports = FreePorts.distinct(3);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STREAMLAB_VAR", var.toString());
        env.put("STREAMLAB_BIND", "127.0.0.1");
        env.put("STREAMLAB_JAR", jar.toString());
        if (Files.isDirectory(sparkHome.resolve("jars"))) env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_MASTER_PORT", Integer.toString(ports[0]));
        env.put("SPARK_MASTER_WEBUI_PORT", Integer.toString(ports[1]));
        env.put("SPARK_WORKER_WEBUI_PORT", Integer.toString(ports[2]));
        env.put("SPARK_DAEMON_MEMORY", "256m");
        env.put("STREAMLAB_DRIVER_MEMORY", "1g");
        env.put("STREAMLAB_WAIT_SECONDS", "120");
        env.put("STREAMLAB_STOP_SECONDS", "20");
        sh = new Scripts(env);

        ok(sh.run("start-spark-master"));
        ok(sh.run("start-spark-worker", "--cores", "1", "--memory", "1g"));

        // One partition: the records are read in send order, so a copy is never behind the watermark.
        kafka.createTopic("ex6.in", 1);
        kafka.createTopic("ex6.report", 1);
        List<Reading> sent = readings();
        send("ex6.in", sent);
        assertThat(sent).hasSize(180 + 26 + 15);

        Scripts.Result job = sh.run(Duration.ofSeconds(420), "submit-exercise", "6", "--solution",
                "--bootstrap-server", kafka.bootstrap(), "--topic", "ex6.in", "--report-topic", "ex6.report",
                "--window", "10s", "--watermark", "5s", "--trigger", "available-now", "--max-offsets-per-trigger", "80",
                "--checkpoint", var.resolve("checkpoint").toString());
        ok(job);
        assertThat(job.stderr()).contains("exercise-6: streamlab.solutions.e6.ClusterJobSolution reading ex6.in");
        assertThat(job.stdout()).contains("exercise-6: done: 221 records in, 15 windows out, 0 dropped as late");

        Map<String, WindowResult> report = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> rec : kafka.readAll("ex6.report", Duration.ofSeconds(30))) {
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
                assertThat(r.count()).as("readings of %s", r.key()).isEqualTo(10);
                assertThat(r.min()).isEqualTo(base);
                assertThat(r.max()).isEqualTo(base + 9);
                assertThat(r.avg()).isCloseTo(base + 4.5, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(r.firstTs()).isEqualTo(start);
                assertThat(r.lastTs()).isEqualTo(start + 9_000);
                assertThat(r.seqGaps()).isZero();
            }
        }

        // The master ran the application on the worker: it records it as finished, with the worker's core.
        String completed = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String json = get("http://127.0.0.1:" + ports[1] + "/json/");
            int at = json.indexOf("\"completedapps\"");
            completed = at < 0 ? "" : json.substring(at, Math.max(at, json.indexOf("\"activedrivers\"")));
            if (completed.contains("\"name\" : \"streamlab exercise 6\"") && completed.contains("\"state\" : \"FINISHED\"")) break;
            Thread.sleep(500);
        }
        assertThat(completed).contains("\"name\" : \"streamlab exercise 6\"").contains("\"state\" : \"FINISHED\"")
                .contains("\"cores\" : 1");
    }

    /**
     * In send order: each second's readings, every seventh sent twice in a row; after second 47 the producer
     * "restarts" and sends seconds 43-47 again (newer than the watermark then, so only de-duplication keeps
     * them from counting twice in the window 40-50 s).
     */
    static List<Reading> readings() {
        List<Reading> out = new ArrayList<>();
        int n = 0;
        for (int second = 0; second < 60; second++) {
            for (Map.Entry<String, Double> s : BASE.entrySet()) {
                Reading r = reading(s.getKey(), second);
                out.add(r);
                if (n++ % 7 == 0) out.add(r);
            }
            if (second == 47) {
                for (int again = 43; again <= 47; again++) for (String sensor : BASE.keySet()) out.add(reading(sensor, again));
            }
        }
        return out;
    }

    /** An instructor's hand-out copy has no java/solutions: nothing to submit then. */
    static boolean solutionPresent() {
        try {
            Class.forName(Exercises.find(6).orElseThrow().solutionClass());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static Reading reading(String sensor, int second) {
        return new Reading(sensor, T0 + second * 1000L, second, BASE.get(sensor) + (second % 10));
    }

    void send(String topic, List<Reading> readings) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Reading r : readings) producer.send(new ProducerRecord<>(topic, r.sensor(), JsonReadingCodec.INSTANCE.encode(r)));
            producer.flush();
        }
    }
}
