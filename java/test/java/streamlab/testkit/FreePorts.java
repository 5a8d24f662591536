package streamlab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback address, for servers started by tests. Tests never use the lab's
 * fixed ports (9092, 2181, 7077, 8080), so a running lab and a test run do not collide.
 */
public final class FreePorts {
    private FreePorts() {}

    /** One port that is free on 127.0.0.1 right now. */
    public static int one() {
        return distinct(1)[0];
    }

    /** {@code n} different free ports: all sockets stay open until every port is chosen. */
    public static int[] distinct(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback address", e);
        } finally {
            held.forEach(FreePorts::closeQuietly);
        }
    }

    /**
     * The first of {@code n} consecutive free ports, for scripts that put instance i on BASE+i-1
     * (bin/start-kafka --brokers N, bin/start-spark-worker --workers N).
     */
    public static int consecutive(int n) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 32000 - n);
            if (allFree(base, n)) {
                return base;
            }
        }
        throw new IllegalStateException("found no " + n + " consecutive free ports on the loopback address");
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
