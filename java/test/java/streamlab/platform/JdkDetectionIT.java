package streamlab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.testkit.Scripts;
import streamlab.testkit.ToolShim;

/**
 * Which JDK the kit takes (bin/jdk.sh): JAVA_HOME, then on macOS /usr/libexec/java_home -v 17, then java on
 * PATH; and the one line that refuses a missing or unsupported one. The JDKs, {@code uname} and
 * {@code java_home} are fakes on a PATH of the test's own (a JDK is a folder with bin/java and a release
 * file; a stub java answers -XshowSettings as macOS's /usr/bin/java does), so nothing here starts a JVM.
 * Under a second.
 */
class JdkDetectionIT {
    @TempDir
    Path tmp;

    ToolShim path;
    Path jdk17;
    Path jdk25;

    @BeforeEach
    void fakes() throws IOException {
        path = new ToolShim(tmp.resolve("path"), Set.of("java", "java_home", "javac"));
        jdk17 = fakeJdk("jdk-17.0.9", "17.0.9");
        jdk25 = fakeJdk("jdk-25.0.1", "25.0.1");
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = tmp.resolve("jvm").resolve(name);
        // A JVM started here would be a bug: detection reads the release file.
        ToolShim.executable(home.resolve("bin/java"), "echo 'fake java must not run' >&2; exit 99");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n", StandardCharsets.UTF_8);
        return home.toRealPath();
    }

    private void macos() {
        path.script("uname", "[ \"${1:-}\" = -s ] && echo Darwin || echo Darwin");
    }

    record Run(int exitCode, String stdout, String stderr) {}

    private Run run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Scripts.home().toFile());
        Map<String, String> e = pb.environment();
        for (String k : new HashMap<>(e).keySet()) {
            if (k.startsWith("JAVA") || k.startsWith("STREAMLAB") || k.startsWith("JDK")) e.remove(k);
        }
        e.put("PATH", path.dir().toString());
        e.put("STREAMLAB_VAR", tmp.resolve("var").toString());
        e.putAll(env);
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run javaHome(Map<String, String> env) throws Exception {
        return run(env, Scripts.home().resolve("bin/java-home").toString());
    }

    @Test
    void javaHomeComesFirst() throws Exception {
        path.script("java", "exit 99");
        Run r = javaHome(Map.of("JAVA_HOME", jdk17.toString()));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo(jdk17.toString());
    }

    @Test
    void anUnsupportedJavaHomeIsRefusedInOneLineThatSaysHowToSelectOne() throws Exception {
        Run r = javaHome(Map.of("JAVA_HOME", jdk25.toString()));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().strip()).isEqualTo("java-home: Java 25.0.1 (JAVA_HOME=" + jdk25 + ") is not supported: the kit runs on Java 17"
                + " (tested; 18 to 22 accepted untested; 23 and later break Spark 3.5). Select a JDK 17: export JAVA_HOME=/path/to/jdk-17"
                + " (Debian, Ubuntu, WSL: apt install openjdk-17-jdk-headless, then JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64)");
    }

    @Test
    void anOldJdkAndANonJdkAreRefused() throws Exception {
        Path jdk8 = fakeJdk("jdk8", "1.8.0_392");
        Run old = javaHome(Map.of("JAVA_HOME", jdk8.toString()));
        assertThat(old.exitCode()).isEqualTo(1);
        assertThat(old.stderr()).startsWith("java-home: Java 1.8.0_392 (JAVA_HOME=" + jdk8 + ") is not supported").hasLineCount(1);
        Run none = javaHome(Map.of("JAVA_HOME", tmp.resolve("nowhere").toString()));
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).startsWith("java-home: JAVA_HOME=" + tmp.resolve("nowhere") + " is not a JDK (no bin/java in it). Select a JDK 17")
                .hasLineCount(1);
    }

    @Test
    void withoutJavaHomeJavaOnPathIsFollowedThroughItsLinksToItsJdk() throws Exception {
        // As Debian's /usr/bin/java -> /etc/alternatives/java -> the JDK, or Homebrew's relative links.
        Path alternatives = Files.createDirectories(tmp.resolve("etc/alternatives"));
        Files.createSymbolicLink(alternatives.resolve("java"), alternatives.relativize(jdk17.resolve("bin/java")));
        Files.createSymbolicLink(path.dir().resolve("java"), alternatives.resolve("java"));
        Run r = javaHome(Map.of());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo(jdk17.toString());
    }

    @Test
    void noJavaAnywhereIsOneLine() throws Exception {
        Run r = javaHome(Map.of());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).startsWith("java-home: no Java found: JAVA_HOME is not set and there is no java on PATH. Select a JDK 17")
                .doesNotContain("\n");
    }

    @Test
    void onMacosJavaHomeToolFindsA17BeforeTheNewestJavaOnPath() throws Exception {
        macos();
        Files.createSymbolicLink(path.dir().resolve("java"), jdk25.resolve("bin/java"));
        path.script("java_home", "[ \"$*\" = '-v 17' ] && echo '" + jdk17 + "' && exit 0; echo 'Unable to find any JVMs matching version' >&2; exit 1");
        Run r = javaHome(Map.of());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo(jdk17.toString());
    }

    @Test
    void onMacosWithoutA17TheStubJavaIsAskedAndItsNewestJdkRefusedWithTheMacosWay() throws Exception {
        macos();
        path.script("java_home", "echo 'Unable to find any JVMs matching version \"17\".' >&2; exit 1");
        // macOS's /usr/bin/java: no JDK beside it; it runs the newest installed one.
        path.script("java", "[ \"$1\" = -XshowSettings:properties ] || exit 2\n"
                + "printf '    java.home = %s\\n    java.version = 25.0.1\\n' '" + jdk25 + "' >&2\necho 'openjdk version \"25.0.1\"' >&2");
        Run r = javaHome(Map.of());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("java-home: Java 25.0.1 (java on PATH, " + path.dir().resolve("java")
                + ") is not supported: the kit runs on Java 17 (tested; 18 to 22 accepted untested; 23 and later break Spark 3.5)."
                + " Select a JDK 17: export JAVA_HOME=\"$(/usr/libexec/java_home -v 17)\" (install one: brew install openjdk@17)");
    }

    @Test
    void theCheckCanBeTurnedOffAtOnesOwnRisk() throws Exception {
        Run r = javaHome(Map.of("JAVA_HOME", jdk25.toString(), "STREAMLAB_JAVA_CHECK", "off"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo(jdk25.toString());
    }

    @Test
    void scriptsThatStartAJvmRefuseAnUnsupportedJdkAndStopScriptsStillWork() throws Exception {
        Map<String, String> env = Map.of("JAVA_HOME", jdk25.toString());
        for (String[] cmd : new String[][] {{"streamlab", "--version"}, {"start-zookeeper"}, {"kafka-topics", "--list"}}) {
            String script = cmd[0];
            cmd[0] = Scripts.home().resolve("bin/" + script).toString();
            Run r = run(env, cmd);
            assertThat(r.exitCode()).as(script + ": " + r.stderr()).isEqualTo(1);
            assertThat(r.stderr()).as(script).hasLineCount(1).contains(": Java 25.0.1 (JAVA_HOME=" + jdk25 + ") is not supported");
        }
        assertThat(tmp.resolve("var/run")).as("nothing started").doesNotExist();
        Run stop = run(env, Scripts.home().resolve("bin/stop-all").toString());
        assertThat(stop.exitCode()).as(stop.stderr()).isZero();
    }

    @Test
    void makeRunsMavenWithTheJdkItFound() throws Exception {
        macos();
        path.script("java_home", "[ \"$*\" = '-v 17' ] && echo '" + jdk17 + "'");
        Path build = tmp.resolve("build");
        Path mvn = tmp.resolve("mvn");
        ToolShim.executable(mvn, "echo \"JAVA_HOME=$JAVA_HOME\" >'" + tmp.resolve("mvn.env") + "'; mkdir -p '" + build + "/runtime/spark'");
        Run r = run(Map.of(), "make", "BUILD=" + build, "MVN=" + mvn, build.resolve("runtime/spark/.resolved").toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Files.readString(tmp.resolve("mvn.env")).strip()).isEqualTo("JAVA_HOME=" + jdk17);

        Run refused = run(Map.of("JAVA_HOME", jdk25.toString()), "make", "BUILD=" + build, "MVN=" + mvn, "jdk");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("java-home: Java 25.0.1 (JAVA_HOME=" + jdk25 + ") is not supported");
    }
}
