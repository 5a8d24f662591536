package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplerTest {
    @Test
    void psCpuTimeInEitherFormat() {
        assertThat(Sampler.cpuSeconds("00:01:02")).isEqualTo(62.0);
        assertThat(Sampler.cpuSeconds("1-02:03:04")).isEqualTo(93784.0);
        // BSD ps: minutes, seconds and hundredths
        assertThat(Sampler.cpuSeconds("0:03.25")).isEqualTo(3.25);
    }

    @Test
    void aLiveProcessHasAResidentSetAndCpuTime() {
        Sampler.Sample s = Sampler.sample(ProcessHandle.current().pid());
        assertThat(s).isNotNull();
        assertThat(s.rssKb()).as("this JVM holds more than 10 MB").isGreaterThan(10_000);
        assertThat(s.cpuSeconds()).isPositive();
    }
}
