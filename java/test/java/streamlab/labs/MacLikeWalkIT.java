package streamlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.testkit.FreePorts;
import streamlab.testkit.Scripts;
import streamlab.testkit.ToolShim;

/**
 * The first hour of a student on a Mac, simulated on Linux: {@code make demo} and labs 01-02 with a PATH that
 * has no {@code tac}, {@code setsid}, {@code timeout}, {@code nproc}, {@code realpath}, and whose
 * {@code stat}, {@code date}, {@code readlink}, {@code sed}, {@code grep}, {@code xargs}, {@code sort},
 * {@code find}, {@code head}, {@code touch} and {@code ln} refuse the GNU-only options BSD lacks, loudly: a
 * refused call is written to a log this test reads, so that a script that hides its errors cannot hide it.
 * The labs' steps run in zsh, a Mac's login shell, after {@code source labs/env.sh}. Calls made by a JVM pass
 * (Hadoop's client asks {@code stat} and {@code ls} in the form of the OS it runs on, GNU's here).
 * <p>
 * What this cannot simulate is bash 3.2 itself (no source or build of it is reachable here): that is
 * {@code PortabilityCheck}'s part. About 3 minutes.
 */
class MacLikeWalkIT {
    static final Set<String> HIDDEN = Set.of("tac", "setsid", "timeout", "nproc", "realpath", "md5sum", "sha256sum", "gtimeout");

    /** tool -> case patterns of the GNU-only options it refuses. */
    static final Map<String, String> REFUSED = new LinkedHashMap<>();

    static {
        REFUSED.put("stat", "-[!-]*c*|--format*|--printf*");
        REFUSED.put("date", "-d*|--date*|-I*|--iso*|+*%N*");
        REFUSED.put("readlink", "-[!-]*[fem]*|--canonicalize*");
        REFUSED.put("sed", "-i*|--in-place*|-[!-]*r*|--regexp-extended|-z|--null-data");
        REFUSED.put("grep", "-[!-]*P*|--perl-regexp");
        REFUSED.put("xargs", "-[!-]*r*|--no-run-if-empty");
        REFUSED.put("sort", "-[!-]*V*|--version-sort");
        REFUSED.put("find", "-printf|-fprintf|-regextype");
        REFUSED.put("head", "-n-*|-c-*");
        REFUSED.put("touch", "-d*|--date*");
        REFUSED.put("ln", "-[!-]*r*|--relative");
    }

    @TempDir
    Path tmp;

    Path refusals;
    ToolShim path;

    @BeforeEach
    void macLikePath() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "the simulation itself needs Linux (/proc, GNU tools to wrap)");
        refusals = tmp.resolve("refused.log");
        Files.writeString(refusals, "");
        path = new ToolShim(tmp.resolve("path"), HIDDEN);
        for (Map.Entry<String, String> t : REFUSED.entrySet()) {
            Path real = realTool(t.getKey());
            if (real == null) continue;
            boolean find = t.getKey().equals("find");
            boolean date = t.getKey().equals("date");
            path.script(t.getKey(), String.join("\n",
                    "# BSD " + t.getKey() + " as a Mac has it: GNU-only options refused.",
                    "parent=\"$(ps -o comm= -p \"$PPID\" 2>/dev/null)\"",
                    "if [ \"$parent\" != java ]; then",
                    "  for a in \"$@\"; do",
                    // Options come first (find: anywhere; date: its +format anywhere); an operand ends them.
                    find || date ? "" : "    case \"$a\" in --) break ;; -*) ;; *) break ;; esac",
                    "    case \"$a\" in " + t.getValue() + ")",
                    "      echo \"" + t.getKey() + " $a: GNU-only, a Mac's " + t.getKey() + " has no such option (from: $(ps -o args= -p \"$PPID\" 2>/dev/null))\" >>'" + refusals + "'",
                    "      echo \"" + t.getKey() + ": illegal option -- $a (simulated BSD " + t.getKey() + ")\" >&2; exit 64 ;;",
                    "    esac",
                    "  done",
                    "fi",
                    "exec " + real + " \"$@\""));
        }
    }

    private static Path realTool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) return p;
        }
        return null;
    }

    @Test
    void makeDemoRunsAndStopsEverything() throws Exception {
        // After the package phase make has nothing to build: were it to (a stale stamp), the walk would take ten
        // minutes instead of one and the Mac-like PATH would be Maven's too.
        Scripts.jar();
        Process q = new ProcessBuilder("make", "-q", "target/runtime/spark/.resolved", "target/runtime/kafka/.resolved")
                .directory(Scripts.home().toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("q.log").toFile()).start();
        assertThat(q.waitFor(60, TimeUnit.SECONDS) && q.exitValue() == 0)
                .as("make -q: make demo would build first (run the integration tests after the package phase: make test)").isTrue();

        Path var = tmp.resolve("var");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path.dir().toString());
        env.put("STREAMLAB_VAR", var.toString());
        env.put("ZK_PORT", Integer.toString(FreePorts.one()));
        env.put("KAFKA_PORT", Integer.toString(FreePorts.one()));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(FreePorts.one()));
        env.put("DEMO_DURATION", "60s");
        env.put("KAFKA_HEAP_OPTS", "-Xmx384m -Xms128m");
        env.put("STREAMLAB_DRIVER_MEMORY", "1g");
        env.put("STREAMLAB_WAIT_SECONDS", "120");
        env.put("NO_COLOR", "1");
        Path log = tmp.resolve("demo.log");
        ProcessBuilder pb = new ProcessBuilder("make", "demo").directory(Scripts.home().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        for (String k : List.of("STREAMLAB_ENV_LOADED", "STREAMLAB_LOG_DIR", "STREAMLAB_PID_DIR", "STREAMLAB_DATA_DIR", "SPARK_MASTER_URL")) {
            pb.environment().remove(k);
        }
        pb.environment().putAll(env);
        Process demo = pb.start();
        boolean done = demo.waitFor(6, TimeUnit.MINUTES);
        if (!done) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        try {
            assertThat(done).as("make demo ended within 6 minutes:\n" + out).isTrue();
            assertThat(demo.exitValue()).as("make demo:\n" + out).isZero();
            Matcher m = Pattern.compile("summary: (\\d+) readings in Kafka, (\\d+) window results on demo-report").matcher(out);
            assertThat(m.find()).as("the demo's summary:\n" + out).isTrue();
            assertThat(Long.parseLong(m.group(1))).as("readings").isPositive();
            // How many windows close in 60 s depends on the machine (none at load 36 on 2 cores, measured);
            // that the job started its query on the Mac-like path does not.
            String job = Files.readString(var.resolve("log/demo-process.log"), StandardCharsets.UTF_8);
            assertThat(job).as("the Spark job's log").contains("process: reading demo-sensors");
            System.out.println("[mac-like] make demo: " + m.group(1) + " readings, " + m.group(2) + " window results");
            assertThat(out).contains("stopped everything the demo started");
            assertThat(Files.readString(refusals)).as("GNU-only options the demo used").isEmpty();
            assertThat(leftPidFiles(var)).as("servers the demo left running (PID files in " + var + "/run)").isEmpty();
        } finally {
            // Should the demo have failed half-way: stop what it started, with its own environment.
            Scripts sh = new Scripts(Map.of("STREAMLAB_VAR", var.toString(), "ZK_PORT", env.get("ZK_PORT"), "KAFKA_PORT", env.get("KAFKA_PORT")));
            sh.run(Duration.ofSeconds(120), "stop-all");
        }
    }

    @Test
    void labs01And02InZshWithBsdTools() throws Exception {
        Path zsh = Stream.of("/usr/bin/zsh", "/bin/zsh").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(zsh != null, "zsh is not installed (apt install zsh; .ci/run installs it): labs in zsh not walked");
        Path jar = Scripts.jar();

        // labs/env.sh sourced by zsh from another folder names the kit's own var/, not ../var.
        Path kit = Files.createDirectories(tmp.resolve("kit/labs"));
        Files.copy(Scripts.home().resolve("labs/env.sh"), kit.resolve("env.sh"));
        Process p = new ProcessBuilder(zsh.toString(), "-c", "unset STREAMLAB_VAR; source " + kit.resolve("env.sh") + " && print -r -- \"$STREAMLAB_VAR|$LABS\"")
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        String named = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        assertThat(named).isEqualTo(tmp.resolve("kit/var") + "|" + tmp.resolve("kit/var/labs"));

        try (LabWalker walker = new LabWalker(jar, zsh.toString(), Map.of("PATH", path.dir().toString()))) {
            for (String n : List.of("01", "02")) {
                LabReadme lab = LabsWalkthroughIT.labReadmes().stream().filter(r -> r.getParent().getFileName().toString().startsWith(n + "-"))
                        .map(LabReadme::read).findFirst().orElseThrow();
                for (LabReadme.Step step : lab.steps()) {
                    assertThat(step.background()).as("labs 01-02 have no background step").isFalse();
                    LabWalker.Result r = walker.run(step);
                    String context = step.where(lab.file()) + " in zsh\n--- command ---\n" + step.command() + "--- output ---\n" + r.output();
                    assertThat(r.timedOut()).as("timed out: " + context).isFalse();
                    assertThat(r.exitCode()).as("exit code of " + context).isZero();
                    step.expected().ifPresent(e -> assertThat(ExpectedOutput.mismatch(e.text(), r.output(), walker.ports()))
                            .as("output of " + context).isEmpty());
                }
            }
            assertThat(Files.readString(refusals)).as("GNU-only options the labs used").isEmpty();
        }
    }

    private static List<String> leftPidFiles(Path var) throws IOException {
        Path run = var.resolve("run");
        if (!Files.isDirectory(run)) return List.of();
        try (Stream<Path> files = Files.list(run)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pid")).collect(Collectors.toList());
        }
    }
}
