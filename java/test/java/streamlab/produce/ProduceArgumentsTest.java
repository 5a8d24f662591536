package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.beust.jcommander.JCommander;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import streamlab.kafka.KafkaOptions;
import streamlab.kafka.ProducerOptions;
import streamlab.testkit.CliRun;

/** Bad arguments are refused before any connection is tried: exit 2, one line naming the option. */
class ProduceArgumentsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--sensors -3                       | --sensors must be at least 1, got -3",
            "--sensors 0                        | --sensors must be at least 1",
            "--rate 0                           | --rate: must be more than 0",
            "--rate fast                        | --rate: 'fast' is not a number",
            "--duration soon                    | --duration: 'soon' is not a duration",
            "--duration 0s                      | --duration must be more than 0",
            "--count 0                          | --count must be at least 1",
            "--interval 0ms                     | --interval must be at least 1ms",
            "--speedup 0                        | --speedup must be a number more than 0",
            "--speedup 10 --rate 5              | --speedup and --rate: give one or the other",
            "--spike-rate 1.5                   | --spike-rate must be between 0 and 1, got 1.5",
            "--late-rate -0.1                   | --late-rate must be between 0 and 1",
            "--sensors 3 --stuck-count 2 --silence-count 2 | is more than --sensors (3)",
            "--fault-length 500ms               | --fault-length (500ms) must be at least --interval (1s)",
            "--start yesterday                  | --start: 'yesterday' is neither an ISO-8601 instant",
            "--format xml                       | --format",
    })
    void refusedWithExit2NamingTheOption(String args, String message) {
        CliRun r = CliRun.of(("produce --bootstrap-server 127.0.0.1:1 " + args.strip()).split("\\s+"));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        String first = r.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("Argument error: ").contains(message);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aProducerPropertyWithCommasIsOneSetting() {
        ProducerOptions o = new ProducerOptions();
        JCommander.newBuilder().addObject(o).build().parse("--producer-property", "interceptor.classes=a.B,c.D",
                "--producer-property", "linger.ms=20");
        Properties p = o.producerProperties(new KafkaOptions());
        assertThat(p.getProperty("interceptor.classes")).isEqualTo("a.B,c.D");
        assertThat(p.getProperty("linger.ms")).isEqualTo("20");
    }

    @ParameterizedTest
    @CsvSource({"2024-05-01T00:00:00Z, 1714521600000", "1714521600000, 1714521600000", "2024-05-01T02:00:00+02:00, 1714521600000"})
    void startAcceptsIsoInstantsAndEpochMillis(String text, long expected) {
        assertThat(new StartTimeConverter("--start").convert(text)).isEqualTo(expected);
    }
}
