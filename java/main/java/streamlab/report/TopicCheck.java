package streamlab.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Which of the topics we read exist: the first question when nothing arrives. */
final class TopicCheck {
    private TopicCheck() {}

    /** The topics among {@code topics} that the cluster does not have; empty if the check itself fails. */
    static List<String> missing(Properties clientProperties, List<String> topics, Duration timeout) {
        try (Admin admin = Admin.create(clientProperties)) {
            Set<String> names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = new ArrayList<>();
            for (String t : topics) if (!names.contains(t)) missing.add(t);
            return missing;
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
