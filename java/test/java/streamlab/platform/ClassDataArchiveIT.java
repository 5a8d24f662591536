package streamlab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.testkit.Scripts;
import streamlab.testkit.Scripts.Result;

/**
 * bin/build-cds --jar and bin/streamlab's use of the class-data archive, on a copy of the jar in a folder
 * of the test's own (the jar's own archive and the class list come from the training that bin/build-cds ran
 * in pre-integration-test, or in make build).
 * Whether a class came from the archive is what the JVM says with -Xlog:class+load.
 */
class ClassDataArchiveIT {
    private static final String MAIN = "streamlab.cli.Main source: ";
    private static final String LOG_LOADS = "-Xlog:class+load=info";

    @TempDir
    Path tmp;

    @Test
    void theLauncherMapsTheKitsClassesFromTheArchiveMadeForItsJarOnly() throws IOException {
        Path home = Scripts.home();
        assertThat(home.resolve("target/streamlab.classlist"))
                .as("the class list of bin/build-cds's training (pre-integration-test); see target/cds/build-cds.log").exists();
        Path jar = tmp.resolve("streamlab.jar");
        Files.copy(home.resolve("target/streamlab.jar"), jar);
        Path archive = tmp.resolve("streamlab.jsa");
        Scripts sh = new Scripts(Map.of("STREAMLAB_VAR", tmp.resolve("var").toString()));
        Scripts copy = sh.with(Map.of("STREAMLAB_JAR", jar.toString()));

        assertThat(mainSource(copy, LOG_LOADS)).as("no archive yet").startsWith("file:" + jar);

        // Writing a 150 MB archive took more than Scripts' 150 s at load 44 on 2 cores.
        Result dump = sh.run(java.time.Duration.ofSeconds(480), "build-cds", "--jar", jar.toString());
        assertThat(dump.exitCode()).as(dump.describe()).isZero();
        assertThat(dump.stderr()).as(dump.describe()).containsPattern("build-cds: .*streamlab\\.jsa: [0-9]+ classes, [0-9]+ MB");
        assertThat(archive).isNotEmptyFile();

        assertThat(mainSource(copy, LOG_LOADS)).isEqualTo("shared objects file");
        Result version = copy.run("streamlab", "--version");
        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.output()).as("nothing but the version").isEqualTo(runWithout(copy, "--version").output());

        assertThat(mainSource(copy.with(Map.of("STREAMLAB_CDS", "off")), LOG_LOADS)).startsWith("file:");
        // Java 17.0.15 crashes (SIGSEGV) loading an archived class under a flight recording started with the JVM.
        Path recording = tmp.resolve("r.jfr");
        assertThat(mainSource(copy, LOG_LOADS + " -XX:StartFlightRecording=filename=" + recording))
                .as("no archive under a recording").startsWith("file:");

        // An archive serves only the JVM build that wrote it (another JDK warns at every start that it cannot
        // map it): build-cds names that build next to it, and another one runs without the archive, silently.
        Path jvm = tmp.resolve("streamlab.jvm");
        String writer = Files.readString(jvm);
        assertThat(writer.strip()).as("the JVM build that wrote the archive").matches("[0-9][0-9.]*-[0-9]+");
        Files.writeString(jvm, "25.0.1-123\n");
        assertThat(mainSource(copy, LOG_LOADS)).as("archive of another JVM build").startsWith("file:");
        Result other = copy.run("streamlab", "--version");
        assertThat(other.output()).as(other.describe()).isEqualTo(version.output());
        Files.writeString(jvm, writer);
        assertThat(mainSource(copy, LOG_LOADS)).isEqualTo("shared objects file");

        // A rebuilt jar is newer than its archive: it runs without it, and without a word about it.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(mainSource(copy, LOG_LOADS)).startsWith("file:");
        Result stale = copy.run("streamlab", "--version");
        assertThat(stale.output()).as(stale.describe()).isEqualTo(version.output());

        // --jar takes the class list of the kit's jar (STREAMLAB_JAR): a jar never trained has none.
        Path untrained = Files.createDirectories(tmp.resolve("untrained")).resolve("streamlab.jar");
        Files.copy(jar, untrained);
        Result noList = sh.with(Map.of("STREAMLAB_JAR", untrained.toString())).run("build-cds", "--jar", jar.toString());
        assertThat(noList.exitCode()).as(noList.describe()).isEqualTo(1);
        assertThat(noList.stderr().strip()).isEqualTo("build-cds: no class list at " + untrained.getParent().resolve("streamlab.classlist")
                + ": run build-cds without --jar first");
    }

    private static Result runWithout(Scripts sh, String... args) {
        return sh.with(Map.of("STREAMLAB_CDS", "off")).run("streamlab", args);
    }

    /** Where the JVM of bin/streamlab --version loaded the CLI's main class from. */
    private static String mainSource(Scripts sh, String javaOpts) {
        Result r = sh.with(Map.of("STREAMLAB_JAVA_OPTS", javaOpts)).run("streamlab", "--version");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout().lines().filter(l -> l.contains(MAIN)).findFirst()
                .map(l -> l.substring(l.indexOf(MAIN) + MAIN.length()).trim())
                .orElseThrow(() -> new AssertionError("no class+load line for streamlab.cli.Main\n" + r.describe()));
    }
}
