package streamlab.kafka;

import com.beust.jcommander.Parameter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import streamlab.common.DurationConverter;
import streamlab.common.Durations;
import streamlab.common.UserException;

/** Kafka connection options shared by every command, named as in Kafka's own tools. */
public class KafkaOptions {
    public static final String DEFAULT_BOOTSTRAP =
            System.getenv().getOrDefault("STREAMLAB_BOOTSTRAP_SERVER", "127.0.0.1:9092");

    @Parameter(names = "--bootstrap-server", description = "Kafka brokers, host:port[,host:port] (env STREAMLAB_BOOTSTRAP_SERVER)")
    public String bootstrapServer = DEFAULT_BOOTSTRAP;

    @Parameter(names = "--command-config", description = "Properties file with extra Kafka client settings (e.g. SASL/SSL)")
    public Path commandConfig;

    @Parameter(names = "--connect-timeout", converter = DurationConverter.class,
            description = "Give up when Kafka cannot be reached within this time")
    public Duration connectTimeout = Duration.ofSeconds(30);

    /** Bootstrap servers plus the command config file, the base of every client's properties. */
    public Properties clientProperties() {
        Properties p = new Properties();
        if (commandConfig != null) {
            try (Reader r = Files.newBufferedReader(commandConfig)) {
                p.load(r);
            } catch (IOException e) {
                throw new UserException("--command-config: cannot read " + commandConfig + ": " + e.getMessage());
            }
        }
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        return p;
    }

    /**
     * Fails fast, with one line naming the address, when no broker answers: Kafka clients would
     * otherwise retry silently for minutes.
     */
    public void checkReachable() {
        Properties p = clientProperties();
        int ms = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().clusterId().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            String why = e instanceof ExecutionException && e.getCause() != null ? ": " + e.getCause().getMessage() : "";
            throw new UserException("Cannot reach Kafka at " + bootstrapServer + " within "
                    + Durations.format(connectTimeout) + why + " (is it running? try bin/status)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("Interrupted while connecting to Kafka at " + bootstrapServer);
        }
    }
}
