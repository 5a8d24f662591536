package streamlab.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import streamlab.testkit.LocalKafka;

/** The KRaft path of bin/start-kafka, through the harness other tests use. */
class LocalKafkaIT {
    static LocalKafka kafka;

    @BeforeAll
    static void up() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void down() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void producesAndReadsBackRecordsInPartitionOrder() throws Exception {
        kafka.createTopic("roundtrip", 2);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("roundtrip", i % 2, "s-" + i, ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        List<ConsumerRecord<String, byte[]>> all = kafka.readAll("roundtrip", Duration.ofSeconds(30));

        assertThat(all).extracting(ConsumerRecord::key).containsExactly("s-0", "s-2", "s-4", "s-1", "s-3");
        assertThat(all).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("v0", "v2", "v4", "v1", "v3");
        assertThat(all).extracting(ConsumerRecord::partition).containsExactly(0, 0, 0, 1, 1);
    }

    @Test
    void createTopicWaitsUntilTheTopicIsListedWithItsPartitions() {
        kafka.createTopic("created", 3);
        kafka.createTopic("created", 3); // idempotent: a second call finds it

        assertThat(kafka.topics()).contains("created");
        assertThat(kafka.readAll("created", Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void readingAMissingTopicFailsWithItsName() {
        assertThatThrownBy(() -> kafka.readAll("no-such-topic", Duration.ofSeconds(3)))
                .hasMessageContaining("no-such-topic");
    }

    @Test
    void brokerRunsInKraftModeFromItsOwnTempFolder() throws Exception {
        assertThat(kafka.varDir().toString()).doesNotStartWith(System.getProperty("streamlab.home", "/nonexistent"));
        String state = Files.readString(kafka.varDir().resolve("kafka.state"));
        assertThat(state).contains("mode=kraft").contains("bootstrap=" + kafka.bootstrap());
        assertThat(Files.readString(kafka.varDir().resolve("conf/kafka-1.properties")))
                .contains("process.roles=broker,controller");
    }
}
