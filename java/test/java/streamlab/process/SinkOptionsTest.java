package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkOptionsTest {
    @Test
    void batchesAndCompressesUnlessTheClientSettingsSayOtherwise() {
        Map<String, String> m = SinkOptions.of(Map.of("kafka.bootstrap.servers", "127.0.0.1:9092", "kafka.compression.type", "zstd"));
        assertThat(m).containsEntry("kafka.bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("kafka.compression.type", "zstd")
                .containsEntry("kafka.linger.ms", "5")
                .containsEntry("kafka.batch.size", "262144")
                .hasSize(4);
    }
}
