package streamlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import streamlab.testkit.Scripts;

/**
 * Walks the exercise READMEs (labs/exercises/NN-topic/README.md) as {@link LabsWalkthroughIT} walks the labs:
 * their {@code bash lab-step} blocks in order, each {@code text expected} block compared with what the step
 * printed. No student has written anything here, so the walk sets {@code STREAMLAB_EXERCISE_JOB=solution}:
 * {@code exercise run N} and {@code exercise check N} run the reference solutions (and say so on stderr).
 * Before the first exercise the walk starts what every exercise README assumes: ZooKeeper, one broker and the
 * kit's topics. Each README must end with {@code bin/streamlab exercise check N} as a step.
 * <p>
 * {@code -Dexercises.only=02,05} walks only those; {@code -Dlabs.keep=true} keeps the walk's folder.
 */
class ExercisesWalkthroughIT {
    static LabWalker walker;
    static final List<String> timings = new ArrayList<>();

    @BeforeAll
    static void start() {
        Path jar = Scripts.jar();
        // An instructor's hand-out copy has no java/solutions: there is nothing to walk the READMEs with.
        Assumptions.assumeTrue(Files.isDirectory(Scripts.home().resolve("java/solutions")),
                "no reference solutions in this copy of the kit (a hand-out): the exercise READMEs are walked with them");
        walker = new LabWalker(jar);
        walker.setenv("STREAMLAB_EXERCISE_JOB", "solution");
        for (String script : List.of("start-zookeeper", "start-kafka", "create-topics")) {
            LabWalker.Result r = walker.script(Duration.ofSeconds(180), script);
            assertThat(r.exitCode()).as("bin/" + script + ":\n" + r.output()).isZero();
        }
    }

    @AfterAll
    static void stop() {
        if (walker != null) walker.close();
        System.out.println("[exercises] timings:\n  " + String.join("\n  ", timings));
    }

    static List<Path> readmes() throws IOException {
        try (Stream<Path> dirs = Files.list(Scripts.home().resolve("labs/exercises"))) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d\\d-.+"))
                    .map(d -> d.resolve("README.md")).filter(Files::isRegularFile)
                    .sorted().collect(Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> walkEveryExercise() throws IOException {
        Set<String> only = new TreeSet<>();
        for (String s : System.getProperty("exercises.only", "").split(",")) if (!s.isBlank()) only.add(s.strip());
        return readmes().stream().map(LabReadme::read)
                .filter(ex -> only.isEmpty() || only.contains(ex.number()))
                .map(ex -> DynamicTest.dynamicTest("exercise " + ex.file().getParent().getFileName(), () -> walk(ex)));
    }

    void walk(LabReadme ex) {
        int n = Integer.parseInt(ex.number());
        assertThat(ex.steps()).as(ex.file() + " has lab-step blocks").isNotEmpty();
        assertThat(ex.steps().get(ex.steps().size() - 1).command()).as(ex.file() + " ends with its check")
                .contains("bin/streamlab exercise check " + n);
        long t0 = System.nanoTime();
        try {
            for (LabReadme.Step step : ex.steps()) {
                System.out.println("[exercises] " + step.where(ex.file()) + (step.background() ? " (background)" : "") + ": "
                        + step.command().strip().lines().findFirst().orElse(""));
                if (step.background()) {
                    walker.startBackground(step);
                    continue;
                }
                long s0 = System.nanoTime();
                LabWalker.Result r = walker.run(step);
                System.out.printf("[exercises]   exit %d in %.1f s%n", r.exitCode(), (System.nanoTime() - s0) / 1e9);
                String context = step.where(ex.file()) + "\n--- command ---\n" + step.command() + "--- output ---\n" + r.output();
                assertThat(r.timedOut()).as("timed out after " + step.timeout().toSeconds() + " s: " + context).isFalse();
                assertThat(r.exitCode()).as("exit code of " + context).isZero();
                check(ex, step, r);
            }
        } finally {
            Map<LabReadme.Step, LabWalker.Result> bg = walker.stopBackground();
            timings.add(String.format("exercise %s: %.0f s", ex.number(), (System.nanoTime() - t0) / 1e9));
            bg.forEach((step, r) -> check(ex, step, r));
        }
    }

    private void check(LabReadme ex, LabReadme.Step step, LabWalker.Result r) {
        Optional<LabReadme.Expected> e = step.expected();
        if (e.isEmpty()) return;
        Optional<String> bad = ExpectedOutput.mismatch(e.get().text(), r.output(), walker.ports());
        assertThat(bad).as(() -> "output of " + step.where(ex.file()) + " does not match the expected block at line "
                + e.get().line() + ": " + bad.orElse("") + "\n--- command ---\n" + step.command() + "--- output ---\n"
                + r.output()).isEmpty();
    }
}
