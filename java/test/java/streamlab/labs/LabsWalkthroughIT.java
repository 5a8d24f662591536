package streamlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Walks the labs as a student does: for each labs/NN-topic/README.md in order, runs its {@code bash lab-step}
 * blocks (the commands come from the README, nothing is copied here) and compares each {@code text expected}
 * block with what the step printed. Every lab's README ends with {@code bin/lab-check NN} as a step, which
 * exits non-zero on any FAIL; the walk insists that the step is there. One walker for all labs, because
 * labs build on each other (lab 4 submits a job to the cluster lab 3 started, reading what lab 2 produced).
 * A README change that breaks a lab fails this test, naming the README line.
 * <p>
 * Not walked, on purpose (see {@link #NOT_WALKED}): lab 09 runs the benchmarks, which take minutes and whose
 * figures are the point, not a pass/fail; lab 12 needs a Docker engine, which neither this machine nor CI
 * has ({@link ComposeFileIT} validates its compose file instead).
 * <p>
 * {@code -Dlabs.only=01,02} walks only those labs (the caller sees to their prerequisites);
 * {@code -Dlabs.keep=true} keeps the walk's folder (logs of every step in walk/).
 */
class LabsWalkthroughIT {
    static final Map<String, String> NOT_WALKED = Map.of(
            "09", "benchmarks: several minutes of measurements whose figures are the result; run with `make bench`",
            "12", "needs a Docker engine (none here or in CI); ComposeFileIT validates docker-compose.yml");

    static LabWalker walker;
    static final List<String> timings = new ArrayList<>();

    @BeforeAll
    static void start() {
        Path jar = Scripts.jar();
        // The walker itself (not a lab) gives background steps a process group with setsid and finds leftovers in /proc.
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")) && Stream.of("/usr/bin/setsid", "/bin/setsid").anyMatch(p -> Files.isExecutable(Path.of(p))),
                "the labs walk-through needs Linux (setsid, /proc): not walked here; MacLikeWalkIT and PortabilityCheckIT cover a Mac");
        walker = new LabWalker(jar);
    }

    @AfterAll
    static void stop() {
        if (walker != null) walker.close();
        System.out.println("[labs] timings:\n  " + String.join("\n  ", timings));
    }

    static List<Path> labReadmes() throws IOException {
        try (Stream<Path> dirs = Files.list(Scripts.home().resolve("labs"))) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d\\d-.+"))
                    .map(d -> d.resolve("README.md")).filter(Files::isRegularFile)
                    .sorted().collect(Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> walkEveryLab() throws IOException {
        Set<String> only = new TreeSet<>();
        String prop = System.getProperty("labs.only", "");
        for (String s : prop.split(",")) if (!s.isBlank()) only.add(s.strip());
        return labReadmes().stream().map(LabReadme::read)
                .filter(lab -> only.isEmpty() || only.contains(lab.number()))
                .map(lab -> DynamicTest.dynamicTest("lab " + lab.file().getParent().getFileName(), () -> walk(lab)));
    }

    void walk(LabReadme lab) {
        String why = NOT_WALKED.get(lab.number());
        Assumptions.assumeTrue(why == null, "lab " + lab.number() + " is not walked: " + why);
        assertThat(lab.steps()).as(lab.file() + " has lab-step blocks").isNotEmpty();
        assertThat(lab.steps()).as(lab.file() + " ends with its check")
                .anySatisfy(s -> assertThat(s.command()).contains("bin/lab-check " + lab.number()));
        long t0 = System.nanoTime();
        try {
            for (LabReadme.Step step : lab.steps()) {
                System.out.println("[labs] " + step.where(lab.file()) + (step.background() ? " (background)" : "") + ": "
                        + step.command().strip().lines().findFirst().orElse(""));
                if (step.background()) {
                    walker.startBackground(step);
                    continue;
                }
                long s0 = System.nanoTime();
                LabWalker.Result r = walker.run(step);
                System.out.printf("[labs]   exit %d in %.1f s%n", r.exitCode(), (System.nanoTime() - s0) / 1e9);
                String context = step.where(lab.file()) + "\n--- command ---\n" + step.command() + "--- output ---\n" + r.output();
                assertThat(r.timedOut()).as("timed out after " + step.timeout().toSeconds() + " s: " + context).isFalse();
                assertThat(r.exitCode()).as("exit code of " + context).isZero();
                check(lab, step, r);
            }
        } finally {
            Map<LabReadme.Step, LabWalker.Result> bg = walker.stopBackground();
            timings.add(String.format("lab %s: %.0f s", lab.number(), (System.nanoTime() - t0) / 1e9));
            bg.forEach((step, r) -> check(lab, step, r));
        }
    }

    private void check(LabReadme lab, LabReadme.Step step, LabWalker.Result r) {
        Optional<LabReadme.Expected> e = step.expected();
        if (e.isEmpty()) return;
        Optional<String> bad = ExpectedOutput.mismatch(e.get().text(), r.output(), walker.ports());
        assertThat(bad).as(() -> "output of " + step.where(lab.file()) + " does not match the expected block at line "
                + e.get().line() + ": " + bad.orElse("") + "\n--- command ---\n" + step.command() + "--- output ---\n"
                + r.output()).isEmpty();
    }
}
