package streamlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import streamlab.drills.Cli;

/** {@code streamlab exercise} without a broker or Spark: the list, "not started", and one line per bad argument. */
class ExerciseCommandTest {
    @Test
    void listShowsEveryExerciseAndThatNoneIsStarted() {
        Cli.Run r = Cli.run("exercise", "list");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.out()).contains("exercises (labs/exercises/README.md):")
                .containsPattern("  2  02-tumbling-windows +Event-time tumbling windows with a watermark +not started");
        for (Exercise e : Exercises.ALL) {
            assertThat(r.out().lines().filter(l -> l.startsWith("  " + e.number() + "  " + e.folder())))
                    .as("exercise " + e.number()).singleElement().asString().endsWith(" not started");
        }
    }

    @Test
    void aNotStartedExerciseStopsAtOnceWithOneLine() {
        for (String verb : new String[] {"run", "check"}) {
            // The default broker address: nothing listens there in the test, and it must not matter.
            Cli.Run r = Cli.run("exercise", verb, "2", "--bootstrap-server", "127.0.0.1:1");
            assertThat(r.exit()).as(r.describe()).isEqualTo(1);
            assertThat(r.err().lines().count()).as(r.describe()).isEqualTo(1);
            assertThat(r.firstErrLine()).isEqualTo("Error: exercise 2 is not started yet: WindowsExercise still throws"
                    + " ExerciseNotStarted; write it (labs/exercises/README.md lists the exercises)"
                    + " (java/exercises/main/java/streamlab/exercises/e2/WindowsExercise.java; --solution runs the reference solution)");
        }
    }

    @Test
    void badArgumentsGetOneLineAndExit2() {
        assertUsage(Cli.run("exercise"), "say what to do: list, run N or check N");
        assertUsage(Cli.run("exercise", "run"), "run needs one exercise number, e.g. run 2");
        assertUsage(Cli.run("exercise", "run", "9"), "there is no exercise 9 (exercises 1 to 6)");
        assertUsage(Cli.run("exercise", "check", "two"), "'two' is not an exercise number (1 to 6)");
        assertUsage(Cli.run("exercise", "walk", "2"), "unknown action 'walk': list, run N or check N");
        assertUsage(Cli.run("exercise", "run", "2", "--solution", "--job", "x.Y"), "--solution and --job exclude each other");
        assertUsage(Cli.run("exercise", "run", "2", "--watermark", "0s"), "durations must be longer than 0");
    }

    @Test
    void aJobOfTheWrongShapeIsRefused() {
        Cli.Run r = Cli.run("exercise", "run", "5", "--job", "streamlab.exercise.wrong.ShiftedJob");
        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        assertThat(r.firstErrLine()).isEqualTo("Error: streamlab.exercise.wrong.ShiftedJob does not implement AlertsQuery, the shape of exercise 5");
        Cli.Run missing = Cli.run("exercise", "run", "2", "--job", "no.such.Job");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.firstErrLine()).isEqualTo("Error: no class no.such.Job on the class path (rebuild with make build after editing)");
    }

    private static void assertUsage(Cli.Run r, String message) {
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.firstErrLine()).as(r.describe()).isEqualTo("Argument error: " + message);
    }
}
