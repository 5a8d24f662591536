package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.beust.jcommander.JCommander;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Format;
import streamlab.testkit.CliRun;

/** Options of {@code process}: defaults, derived settings and one-line usage errors (no Spark, no Kafka). */
class ProcessArgumentsTest {
    static ProcessCommand parse(String... args) {
        ProcessCommand c = new ProcessCommand();
        JCommander.newBuilder().addObject(c).build().parse(args);
        c.validate();
        return c;
    }

    @Test
    void defaultsAreTheKitsTopicsAndTimings() {
        ProcessCommand c = parse();
        assertThat(c.topic).isEqualTo("sensors.temperature");
        assertThat(c.reportTopic).isEqualTo("report");
        assertThat(c.alertsTopic).isEqualTo("alerts");
        assertThat(c.dlqTopic).isEqualTo("sensors.temperature.dlq");
        assertThat(c.lateTopic).isNull();
        assertThat(c.windowSpec()).isEqualTo(new WindowSpec(Duration.ofMinutes(1), null, Duration.ofSeconds(30)));
        assertThat(c.maxFuture).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.trigger).isEqualTo(TriggerSpec.every(Duration.ofSeconds(2)));
        assertThat(c.startingOffsets).isEqualTo(StartingOffsets.EARLIEST);
        assertThat(c.emitMode).isEqualTo(EmitMode.APPEND);
    }

    @Test
    void reportFormatFollowsTheInputAndAutoMeansJson() {
        assertThat(parse("--format", "msgpack").reportFormat()).isEqualTo(Format.MSGPACK);
        assertThat(parse("--format", "json").reportFormat()).isEqualTo(Format.JSON);
        assertThat(parse("--format", "auto").reportFormat()).isEqualTo(Format.JSON);
        assertThat(parse("--format", "msgpack", "--output-format", "json").reportFormat()).isEqualTo(Format.JSON);
    }

    @Test
    void triggerIsADurationOrAvailableNow() {
        assertThat(parse("--trigger", "available-now").trigger.availableNow()).isTrue();
        assertThat(parse("--trigger", "500ms").trigger).isEqualTo(TriggerSpec.every(Duration.ofMillis(500)));
    }

    @Test
    void checkpointDefaultsUnderTheVarFolder() {
        Path expected = System.getenv("STREAMLAB_VAR") != null ? Path.of(System.getenv("STREAMLAB_VAR"))
                : Path.of(System.getProperty("streamlab.home", System.getProperty("user.dir")), "var");
        assertThat(parse().checkpointDir()).isEqualTo(expected.resolve("checkpoints/process"));
        assertThat(parse("--checkpoint", "/tmp/x").checkpointDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void sparkConfIsKeyValueAndTheLastOneWins() {
        assertThat(parse("--conf", "a=1", "--conf", "b = x=y", "--conf", "a=2").sparkConf())
                .containsExactly(java.util.Map.entry("a", "2"), java.util.Map.entry("b", "x=y"));
        assertThat(parse("--conf", "spark.jars=a.jar,b.jar").sparkConf()).as("a value with commas is one setting")
                .containsExactly(java.util.Map.entry("spark.jars", "a.jar,b.jar"));
    }

    @Test
    void commandConfigPropertiesReachTheConnectorWithTheKafkaPrefix(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n");
        ProcessCommand c = parse("--bootstrap-server", "h:1", "--command-config", file.toString());
        Properties client = c.kafka.clientProperties();
        assertThat(ProcessJob.kafkaOptions(client)).containsEntry("kafka.bootstrap.servers", "h:1")
                .containsEntry("kafka.security.protocol", "SASL_PLAINTEXT").containsEntry("kafka.sasl.mechanism", "PLAIN")
                .hasSize(3);
    }

    @Test
    void usageErrorsAreOneLineNamingTheOption() {
        assertError(CliRun.of("process", "--trigger", "soon"), "--trigger: 'soon' is neither a duration");
        assertError(CliRun.of("process", "--window", "10s", "--slide", "20s"), "--slide (20s) must not be longer than --window (10s)");
        assertError(CliRun.of("process", "--window", "0s"), "--window must be longer than 0");
        assertError(CliRun.of("process", "--conf", "novalue"), "--conf: 'novalue' is not KEY=VALUE");
        assertError(CliRun.of("process", "--max-offsets-per-trigger", "0"), "--max-offsets-per-trigger must be positive");
        assertError(CliRun.of("process", "--format", "xml"), "--format");
    }

    private static void assertError(CliRun r, String message) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).startsWith("Argument error: ").contains(message);
        assertThat(r.err()).doesNotContain("\tat ");
    }
}
