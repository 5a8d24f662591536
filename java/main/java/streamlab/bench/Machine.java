package streamlab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The machine the figures were taken on: cores, CPU, memory, load. Linux's /proc where it is, else sysctl (macOS). */
final class Machine {
    private Machine() {}

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String cpu() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try {
                for (String line : Files.readAllLines(info)) {
                    if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
                }
            } catch (IOException e) {
                return "";
            }
        }
        return command("sysctl", "-n", "machdep.cpu.brand_string");
    }

    static Long memoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / 1024.0 / 1024.0);
        }
        return null;
    }

    /** The 1, 5 and 15 minute load averages, "0.52 0.61 0.70". */
    static String loadAverage() {
        Path proc = Path.of("/proc/loadavg");
        if (Files.isReadable(proc)) {
            try {
                String[] f = Files.readString(proc).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (IOException e) {
                return "";
            }
        }
        String sysctl = command("sysctl", "-n", "vm.loadavg").replaceAll("[{}]", "").trim();
        if (!sysctl.isEmpty()) return sysctl;
        double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return one < 0 ? "" : String.format(Locale.ROOT, "%.2f", one);
    }

    /** The first line of {@code java -version}: the JVM every run of the kit uses. */
    static String javaVersion(String java) {
        String out = command(java, "-version");
        return out.isEmpty() ? "" : out.lines().findFirst().orElse("");
    }

    /** A command's output (stdout and stderr), trimmed; empty when it fails. */
    static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return "";
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
