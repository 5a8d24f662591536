package streamlab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the kit's bin/ scripts the way a user does, with environment overrides (ports,
 * STREAMLAB_VAR), and captures exit code, stdout and stderr.
 *
 * <pre>{@code
 * Scripts sh = new Scripts(Map.of("STREAMLAB_VAR", tmp.toString(), "ZK_PORT", "23456"));
 * Scripts.Result r = sh.run("start-zookeeper");
 * assertThat(r.exitCode()).as(r.describe()).isZero();
 * }</pre>
 */
public final class Scripts {
    /** Long enough for a broker start plus a full readiness wait on a busy 2-core machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(150);

    /**
     * Variables derived from STREAMLAB_VAR by bin/streamlab-env.sh. A value inherited from the
     * shell that started Maven would point a test at the lab's own folders.
     */
    private static final List<String> DERIVED = List.of(
            "STREAMLAB_ENV_LOADED", "STREAMLAB_LOG_DIR", "STREAMLAB_PID_DIR", "STREAMLAB_DATA_DIR");

    private final Map<String, String> env;

    public Scripts(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Exit code and output of one script run. */
    public record Result(String command, int exitCode, String stdout, String stderr) {
        /** For assertion messages: everything needed to see why a script failed. */
        public String describe() {
            return command + " exited " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }

        public String output() {
            return stdout + stderr;
        }
    }

    /** The repository root: system property {@code streamlab.home} (set by surefire and failsafe) or the cwd. */
    public static Path home() {
        String h = System.getProperty("streamlab.home");
        return (h == null || h.isBlank() ? Paths.get("") : Paths.get(h)).toAbsolutePath().normalize();
    }

    /**
     * The packaged jar: system property {@code streamlab.jar} (set by failsafe), else target/streamlab.jar. Integration
     * tests run after the package phase, so a missing jar fails the test that needs it, in one line; never a skip.
     */
    public static Path jar() {
        Path jar = Paths.get(System.getProperty("streamlab.jar", home().resolve("target/streamlab.jar").toString())).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + ": integration tests (*IT) run after the package phase: make test, or mvn verify");
        }
        return jar;
    }

    /** The overrides this instance passes to every script, plus the given extra ones. */
    public Scripts with(Map<String, String> more) {
        Map<String, String> m = new LinkedHashMap<>(env);
        m.putAll(more);
        return new Scripts(m);
    }

    public Map<String, String> env() {
        return env;
    }

    public Result run(String script, String... args) {
        return run(DEFAULT_TIMEOUT, script, args);
    }

    /**
     * Runs bin/SCRIPT with ARGS. Output goes to files, not pipes: a daemon the script leaves
     * running must not hold our stream open. On timeout the script (and any foreground child
     * that is not a kit daemon) is killed and the result has exit code -1.
     */
    public Result run(Duration timeout, String script, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home().resolve("bin").resolve(script).toString());
        cmd.addAll(List.of(args));
        String command = String.join(" ", cmd);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("script-", ".out");
            err = Files.createTempFile("script-", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(home().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            DERIVED.forEach(pb.environment()::remove);
            pb.environment().put("STREAMLAB_HOME", home().toString());
            pb.environment().putAll(env);
            Process p = pb.start();
            int code;
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
            } else {
                killForeground(p);
                code = -1;
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (code == -1) {
                stderr += "\n[Scripts] timed out after " + timeout.toSeconds() + "s and was killed\n";
            }
            return new Result(command, code, Files.readString(out, StandardCharsets.UTF_8), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Kills the script and its foreground children, leaving daemons for their stop script. */
    private static void killForeground(Process p) {
        p.descendants()
                .filter(ph -> ph.info().arguments()
                        .map(a -> List.of(a).stream().noneMatch(s -> s.startsWith("-Dstreamlab.daemon=")))
                        .orElse(true))
                .forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static void deleteQuietly(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it eventually
            }
        }
    }
}
