package streamlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Spark's event log of a run ({@code spark.eventLog.enabled}): when its first task was launched, the start of "first offset". */
final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLog() {}

    /** The launch time (epoch ms) of the first task in the event logs in DIR; null when there is none. */
    static Long firstTaskLaunch(Path dir) throws IOException {
        Long first = null;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try (BufferedReader r = Files.newBufferedReader(f)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        // Cheap test before parsing: most lines are other events.
                        if (!line.startsWith("{\"Event\":\"SparkListenerTaskStart\"")) continue;
                        JsonNode launch = JSON.readTree(line).path("Task Info").path("Launch Time");
                        if (launch.canConvertToLong() && (first == null || launch.asLong() < first)) first = launch.asLong();
                    }
                }
            }
        }
        return first;
    }
}
