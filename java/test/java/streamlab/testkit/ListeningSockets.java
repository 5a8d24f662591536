package streamlab.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's /proc (no ss or lsof needed): the
 * process's socket inodes from /proc/PID/fd, matched with the LISTEN rows of /proc/net/tcp and
 * tcp6. Lets a test prove that a server binds the loopback address only.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /**
     * True where /proc tells listening sockets (Linux, WSL2). Elsewhere (macOS) a test skips its socket checks
     * and says so in one line, instead of failing on an empty list.
     */
    public static boolean supported(String what) {
        if (Files.isReadable(Path.of("/proc/net/tcp"))) return true;
        System.out.println("[skip] " + what + ": needs Linux's /proc/net/tcp, absent here");
        return false;
    }

    /** Listening addresses of {@code pid}; IPv4-mapped IPv6 addresses come back as IPv4. */
    public static List<InetSocketAddress> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<InetSocketAddress> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            try {
                List<String> rows = Files.readAllLines(p);
                for (String line : rows.subList(1, rows.size())) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (f.length > 9 && LISTEN.equals(f[3]) && inodes.contains(f[9])) {
                        out.add(decode(f[1]));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + table, e);
            }
        }
        return out;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // descriptors come and go while we look
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the descriptors of process " + pid, e);
        }
        return inodes;
    }

    /** "0100007F:1F90" (IPv4) or 32 hex digits ":port" (IPv6), each 32-bit word little-endian. */
    static InetSocketAddress decode(String hexAddressAndPort) {
        String[] parts = hexAddressAndPort.split(":");
        String hex = parts[0];
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int from = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        try {
            // getByAddress turns an IPv4-mapped IPv6 address into the IPv4 address.
            return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(hexAddressAndPort, e);
        }
    }
}
