package streamlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import streamlab.testkit.Scripts;

/**
 * docker-compose.yml cannot run here (no Docker engine, here or in CI), so lab 12 is not walked; what can be
 * checked is checked: the file is valid for Compose ({@code docker-compose config -q}, Debian's
 * docker-compose 1.29, which needs no engine for that), and every kit command that the file and lab 12
 * mention ({@code bin/...}) exists and is executable.
 */
class ComposeFileIT {
    static final Path HOME = Scripts.home();
    static final Pattern BIN_COMMAND = Pattern.compile("(?<![\\w-]/|[\\w.-])bin/([a-z][a-z0-9-]*)");

    @Test
    void composeFileIsValid() throws Exception {
        Assumptions.assumeTrue(onPath("docker-compose"),
                "docker-compose is not installed (apt-get install docker-compose); .ci/run installs it");
        Path out = Files.createTempFile("compose-", ".out");
        try {
            Process p = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                    .directory(HOME.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finished").isTrue();
            assertThat(p.exitValue()).as("docker-compose -f docker-compose.yml config -q:\n"
                    + Files.readString(out, StandardCharsets.UTF_8)).isZero();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void everyKitCommandTheComposeFileAndLab12MentionExists() throws IOException {
        Set<String> mentioned = new TreeSet<>(commands(HOME.resolve("docker-compose.yml")));
        Path lab12 = HOME.resolve("labs/12-docker-compose/README.md");
        assertThat(lab12).as("lab 12 documents the compose file").isRegularFile();
        mentioned.addAll(commands(lab12));
        // The compose file runs the kit's commands; a file that names none would make this test empty.
        assertThat(mentioned).contains("streamlab", "create-topics", "submit-job");
        for (String c : mentioned) {
            Path script = HOME.resolve("bin").resolve(c);
            assertThat(script).as("bin/%s (named in docker-compose.yml or lab 12)", c).isRegularFile();
            assertThat(Files.isExecutable(script)).as("bin/%s is executable", c).isTrue();
        }
    }

    @Test
    void commandPatternFindsKitCommandsOnly() {
        String text = "docker compose run --rm streamlab bin/create-topics --bootstrap-server kafka-1:29092\n"
                + "command: [\"bin/streamlab\", \"--help\"]  /opt/spark/bin/spark-class  ./bin/submit-job";
        Set<String> found = new TreeSet<>();
        Matcher m = BIN_COMMAND.matcher(text);
        while (m.find()) found.add(m.group(1));
        assertThat(found).containsExactly("create-topics", "streamlab", "submit-job");
    }

    static Set<String> commands(Path file) throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = BIN_COMMAND.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) out.add(m.group(1));
        return out;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
