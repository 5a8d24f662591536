package streamlab.score;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.DecodeException;
import streamlab.common.StopSignal;
import streamlab.common.UserException;

/** Where the alerts come from: a jsonl file ({@code report --output jsonl}) or the alerts topic, start to end. */
final class AlertSource {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertSource() {}

    /**
     * One alert per line; lines of {@code report --output jsonl} of another type (windows) are skipped, as
     * are blank lines. A line that is not an alert stops with file and line number.
     */
    static List<Alert> readFile(Path file) {
        List<Alert> alerts = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                try {
                    String type = topLevelType(line);
                    if (type != null && !"alert".equals(type)) continue;
                    alerts.add(AlertCodec.decodeJson(line.getBytes(StandardCharsets.UTF_8)));
                } catch (DecodeException | IOException e) {
                    throw new UserException("--alerts-file: " + file + ":" + n + ": not an alert: " + firstLine(e.getMessage()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new UserException("--alerts-file: no such file: " + file);
        } catch (IOException e) {
            throw new UserException("--alerts-file: cannot read " + file + ": " + e.getMessage());
        }
        return alerts;
    }

    /**
     * Every record of {@code topic} from the beginning up to the end offsets found at the start, without a
     * consumer group (nothing is committed). Records that are not alerts are counted and reported on {@code err}.
     */
    static List<Alert> readTopic(Properties client, String topic, Duration timeout, PrintStream err) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-score");
        List<Alert> alerts = new ArrayList<>();
        long skipped = 0;
        String firstSkip = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) throw new UserException("--alerts-topic: topic '" + topic + "' does not exist");
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo i : infos) parts.add(new TopicPartition(topic, i.partition()));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts, timeout));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done(consumer, end)) {
                if (StopSignal.requested()) throw new UserException("score: interrupted while reading " + topic);
                if (System.nanoTime() > deadline) {
                    throw new UserException("--alerts-topic: could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Long stop = end.get(new TopicPartition(r.topic(), r.partition()));
                    if (stop == null || r.offset() >= stop) continue;
                    try {
                        alerts.add(AlertCodec.decode(r.value()));
                    } catch (DecodeException | IllegalArgumentException e) {
                        skipped++;
                        if (firstSkip == null) firstSkip = r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage();
                    }
                }
            }
        }
        if (skipped > 0) err.println("score: skipped " + skipped + " records that are not alerts (first: " + firstSkip + ")");
        return alerts;
    }

    /** The top-level {@code type} field of a JSON object line, or null. */
    private static String topLevelType(String line) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("type".equals(name) && v == JsonToken.VALUE_STRING) return p.getText();
                p.skipChildren();
            }
            return null;
        }
    }

    private static boolean done(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) return false;
        }
        return true;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
