package streamlab.common;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;

/**
 * Adds the kit's compiler directives ({@code conf/jvm-compiler-directives.json}: start-up code compiled by C1
 * only, so the one C2 thread of a 2-core machine works on the per-record code) to this JVM, on a thread of its
 * own so that start-up does not wait for it.
 * <p>
 * Not the {@code -XX:CompilerDirectivesFile} flag: with it the JVM prints "1 compiler directives added" on
 * standard output, in front of whatever a command writes there. The diagnostic command behind {@code jcmd PID
 * Compiler.directives_add} returns that line instead. Once per JVM: each call would stack another copy.
 * {@code STREAMLAB_JIT=default} leaves the JVM's own policy; a JVM without HotSpot's diagnostic commands, or a
 * kit without the file (a test's JVM), runs without the directives.
 */
public final class JitDirectives {
    static final String FILE = "conf/jvm-compiler-directives.json";
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private JitDirectives() {}

    public static void install() {
        if ("default".equals(System.getenv("STREAMLAB_JIT"))) return;
        String home = System.getProperty("streamlab.home");
        if (home == null) return;
        Path file = Path.of(home, FILE);
        if (!Files.isRegularFile(file) || !INSTALLED.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            String failure = add(file);
            if (failure != null) System.err.println("streamlab: warning: " + file + " not applied: " + failure);
        }, "streamlab-jit-directives");
        t.setDaemon(true);
        t.start();
    }

    /** Adds FILE's directives to this JVM: null when done, or not HotSpot; else why the JVM refused them. */
    static String add(Path file) {
        String result;
        try {
            result = diagnosticCommand("compilerDirectivesAdd", file.toString());
        } catch (Exception | LinkageError e) {
            return null; // not HotSpot: its own compiler policy, the kit runs the same
        }
        return result.contains("directives added") ? null : result.lines().filter(l -> !l.isBlank()).findFirst().orElse(result);
    }

    /** The compiler directives in force in this JVM, as {@code jcmd PID Compiler.directives_print} shows them. */
    static String current() throws Exception {
        return diagnosticCommand("compilerDirectivesPrint");
    }

    /** HotSpot's diagnostic command OPERATION (jcmd's, in the MBean's naming) with ARGS; its output. */
    private static String diagnosticCommand(String operation, String... args) throws Exception {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                operation, new Object[] {args}, new String[] {String[].class.getName()}));
    }
}
