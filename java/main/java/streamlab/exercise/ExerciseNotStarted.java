package streamlab.exercise;

/**
 * What an exercise skeleton throws until the student writes it. The runner, the checker and the exercise
 * tests catch it and say "not started" (tests: skipped with this message), never "passed".
 */
public class ExerciseNotStarted extends RuntimeException {
    public ExerciseNotStarted(int exercise, String method) {
        super("exercise " + exercise + " is not started yet: " + method
                + " still throws ExerciseNotStarted; write it (labs/exercises/README.md lists the exercises)");
    }
}
