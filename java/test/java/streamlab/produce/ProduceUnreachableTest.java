package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import streamlab.testkit.CliRun;
import streamlab.testkit.FreePorts;

class ProduceUnreachableTest {
    @Test
    void aDownBrokerGivesOneLineNamingTheAddressWithinTheTimeout() {
        String address = "127.0.0.1:" + FreePorts.one();
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("produce", "--bootstrap-server", address, "--connect-timeout", "2s", "--count", "10");
        double secs = (System.nanoTime() - t0) / 1e9;
        assertThat(r.exit()).isEqualTo(1);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as("the run's plan, then the error in one line, no stack trace").hasSize(2);
        assertThat(lines.get(0)).startsWith("produce: 10 sensors every 1s");
        assertThat(lines.get(1)).startsWith("Error: Cannot reach Kafka at " + address + " within 2s");
        assertThat(secs).isLessThan(8);
    }
}
