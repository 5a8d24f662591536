package streamlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.Scripts;

/**
 * {@code bin/exercise-handout}: what an instructor gives students holds every exercise and none of the reference
 * solutions, and still compiles with its tests (nothing outside java/solutions needs a solution class).
 */
class HandoutIT {
    static Path dir;
    static Scripts.Result made;

    @BeforeAll
    static void make() throws Exception {
        dir = Files.createTempDirectory("streamlab-handout-");
        made = new Scripts(Map.of()).run("exercise-handout", "--output", dir.resolve("kit.tar.gz").toString());
        Process tar = new ProcessBuilder("tar", "-xzf", "kit.tar.gz").directory(dir.toFile()).inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @AfterAll
    static void clean() {
        LocalKafka.deleteRecursively(dir);
    }

    @Test
    void theHandoutHasTheExercisesAndNoSolution() {
        assertThat(made.exitCode()).as(made.describe()).isZero();
        assertThat(made.stdout()).contains("hand-out: ").contains("without java/solutions");
        Path kit = dir.resolve("streamlab");
        assertThat(kit.resolve("java/solutions")).doesNotExist();
        for (Exercise e : Exercises.ALL) {
            assertThat(kit.resolve(e.readme())).as("README of exercise " + e.number()).exists();
            assertThat(kit.resolve(e.exerciseSource())).as("skeleton of exercise " + e.number()).exists();
        }
        assertThat(kit.resolve("Makefile")).exists();
        assertThat(kit.resolve("bin/exercise-test")).isExecutable();
    }

    @Test
    void theHandoutCompilesWithItsTests() throws Exception {
        Path kit = dir.resolve("streamlab");
        Path log = dir.resolve("mvn.log");
        // Offline: the kit's own build has already put every dependency into the local repository.
        Process mvn = new ProcessBuilder(List.of("mvn", "-B", "-ntp", "-o", "-q", "test-compile"))
                .directory(kit.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).as("mvn test-compile finished").isTrue();
        assertThat(mvn.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
        assertThat(kit.resolve("target/classes/streamlab/exercises/e2/WindowsExercise.class")).exists();
        assertThat(kit.resolve("target/test-classes/streamlab/exercises/e2/WindowsExerciseTest.class")).exists();
        assertThat(kit.resolve("target/classes/streamlab/solutions")).doesNotExist();
    }
}
