package streamlab.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback address, for servers started by tests. Tests never use the lab's
 * fixed ports (9092, 2181, 7077, 8080), so a running lab and a test run do not collide.
 * <p>
 * Ports come from below Linux's ephemeral range (32768-60999), where the kernel picks the local port of
 * every outgoing connection: a port handed out there could be taken by a client's connection (a Kafka
 * client reconnecting, Spark's RPC) before its server binds it, and the server would then fail or, like
 * Spark's web UIs, quietly move to the next port. A port is handed out once per test JVM.
 */
public final class FreePorts {
    private static final int LOW = 20000;
    private static final int HIGH = 32000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** One port that is free on 127.0.0.1 right now. */
    public static int one() {
        return distinct(1)[0];
    }

    /** {@code n} different free ports. */
    public static int[] distinct(int n) {
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            ports[i] = consecutive(1);
        }
        return ports;
    }

    /**
     * The first of {@code n} consecutive free ports, for scripts that put instance i on BASE+i-1
     * (bin/start-kafka --brokers N, bin/start-spark-worker --workers N).
     */
    public static int consecutive(int n) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOW, HIGH - n);
            if (allFree(base, n) && claim(base, n)) {
                return base;
            }
        }
        throw new IllegalStateException("found no " + n + " consecutive free ports from " + LOW + " to " + HIGH
                + " on the loopback address");
    }

    private static synchronized boolean claim(int base, int n) {
        for (int p = base; p < base + n; p++) {
            if (HANDED_OUT.contains(p)) return false;
        }
        for (int p = base; p < base + n; p++) {
            HANDED_OUT.add(p);
        }
        return true;
    }

    private static boolean allFree(int base, int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int p = base; p < base + n; p++) {
                held.add(new ServerSocket(p, 1, InetAddress.getLoopbackAddress()));
            }
            return true;
        } catch (IOException busy) {
            return false;
        } finally {
            held.forEach(FreePorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
    }
}
