package streamlab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suite's own broker and Spark cluster, so that its figures never include a lab's topics or another user's
 * traffic and it never deletes topics a lab uses. Started and stopped with the kit's bin/ scripts, with their
 * state in the bench's own folder (never the lab's STREAMLAB_VAR), on the kit's default ports when those are
 * free and on the next free ones otherwise.
 */
final class Servers {
    private final Kit kit;
    private final Path var;
    private final Path log;
    private final String bind;
    private final Map<String, String> env;
    private final Set<Integer> taken = new HashSet<>();
    private final Map<String, String> ports = new HashMap<>();
    private boolean kafka;
    private boolean spark;

    Servers(Kit kit, Path var, Path log, Map<String, String> env) {
        this.kit = kit;
        this.var = var;
        this.log = log;
        this.env = env;
        bind = env.getOrDefault("STREAMLAB_BIND", "127.0.0.1");
    }

    /** A KRaft broker of its own; returns HOST:PORT. */
    String startBroker() throws Exception {
        ProcessBench.deleteTree(var);
        int port = freePort(intEnv("KAFKA_PORT", 9092));
        ports.put("KAFKA_PORT", Integer.toString(port));
        ports.put("KAFKA_CONTROLLER_PORT", Integer.toString(freePort(intEnv("KAFKA_CONTROLLER_PORT", 19092))));
        say("starting a broker of its own (KRaft) on " + bind + ":" + port + ", state in " + var);
        kafka = true;
        script("the bench's broker did not start", "start-kafka", "--kraft");
        return bind + ":" + port;
    }

    /** A Spark master and one worker offering 2 cores and 2g; returns the master's URL. */
    String startCluster() throws Exception {
        int port = freePort(intEnv("SPARK_MASTER_PORT", 7077));
        ports.put("SPARK_MASTER_PORT", Integer.toString(port));
        ports.put("SPARK_MASTER_WEBUI_PORT", Integer.toString(freePort(intEnv("SPARK_MASTER_WEBUI_PORT", 8080))));
        ports.put("SPARK_WORKER_WEBUI_PORT", Integer.toString(freePort(intEnv("SPARK_WORKER_WEBUI_PORT", 8081))));
        String url = "spark://" + bind + ":" + port;
        ports.put("SPARK_MASTER_URL", url);
        say("starting a Spark master on " + url + " and one worker (2 cores, 2g)");
        spark = true;
        script("the bench's Spark master did not start", "start-spark-master");
        script("the bench's Spark worker did not start", "start-spark-worker", "--workers", "1", "--cores", "2", "--memory", "2g");
        return url;
    }

    void stopCluster() throws Exception {
        if (!spark) return;
        spark = false;
        script("stopping the bench's Spark cluster failed", "stop-spark");
    }

    /** Stops what was started; the topics of a run are hundreds of MB and worth nothing afterwards, the logs stay. */
    void stopAll() {
        try {
            stopCluster();
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
        }
        if (kafka) {
            kafka = false;
            try {
                script("stopping the bench's broker failed", "stop-kafka");
                ProcessBench.deleteTree(var.resolve("data"));
            } catch (Exception e) {
                System.err.println("bench: " + e.getMessage());
            }
        }
    }

    private void script(String failure, String name, String... args) throws Exception {
        Map<String, String> e = new HashMap<>(kit.env(Map.of()));
        e.put("STREAMLAB_VAR", var.toString());
        e.put("STREAMLAB_LOG_DIR", var.resolve("log").toString());
        e.put("STREAMLAB_PID_DIR", var.resolve("run").toString());
        e.put("STREAMLAB_DATA_DIR", var.resolve("data").toString());
        e.putAll(ports);
        List<String> cmd = new java.util.ArrayList<>(List.of(kit.bin.resolve(name).toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        // Their output to the log; their errors (a port taken, the tail of a server's log) to the user.
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("STREAMLAB_MAIN_CLASS");
        pb.environment().putAll(e);
        int rc = pb.start().waitFor();
        if (rc != 0) throw new BenchException(failure + " (see above and " + log + ")");
    }

    private void say(String line) throws IOException {
        System.err.println("bench: " + line);
        Files.writeString(log, java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + line
                + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private int intEnv(String name, int fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
    }

    /** The first port from FIRST up that nothing listens on and that this run has not handed out yet. */
    private int freePort(int first) {
        for (int p = first; p < first + 100; p++) {
            if (!taken.contains(p) && !listening(p)) {
                taken.add(p);
                return p;
            }
        }
        throw new BenchException("no free port from " + first + " to " + (first + 99) + " on " + bind);
    }

    private boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(bind, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
