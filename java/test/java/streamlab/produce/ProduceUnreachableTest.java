package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import streamlab.cli.CliRun;
import streamlab.testkit.FreePorts;

class ProduceUnreachableTest {
    @Test
    void aDownBrokerGivesOneLineNamingTheAddressWithinTheTimeout() {
        String address = "127.0.0.1:" + FreePorts.one();
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("produce", "--bootstrap-server", address, "--connect-timeout", "2s", "--count", "10");
        double secs = (System.nanoTime() - t0) / 1e9;
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("Error: Cannot reach Kafka at " + address + " within 2s");
        assertThat(secs).isLessThan(8);
    }
}
