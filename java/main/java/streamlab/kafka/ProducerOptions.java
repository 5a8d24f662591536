package streamlab.kafka;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import streamlab.common.WholeValue;

/** Producer settings shared by {@code produce} and {@code replay}; the defaults favour no loss. */
public class ProducerOptions {
    public enum Compression { NONE, GZIP, LZ4, ZSTD, SNAPPY }

    @Parameter(names = "--compression", description = "Batch compression: none|gzip|lz4|zstd|snappy")
    public Compression compression = Compression.LZ4;

    @Parameter(names = "--acks", description = "Producer acks: all|1|0 (idempotence needs all)")
    public String acks = "all";

    @Parameter(names = "--producer-property", description = "Extra producer setting KEY=VALUE (repeatable), as in kafka-console-producer",
            splitter = WholeValue.class)
    public List<String> producerProperties = new ArrayList<>();

    /** Idempotent, acks=all, batched and compressed, then the user's overrides on top. */
    public Properties producerProperties(KafkaOptions kafka) {
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString("all".equals(acks) || "-1".equals(acks)));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression.name().toLowerCase());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(kafka.connectTimeout.toMillis()));
        for (String kv : producerProperties) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new ParameterException("--producer-property: '" + kv + "' is not KEY=VALUE");
            p.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return p;
    }
}
