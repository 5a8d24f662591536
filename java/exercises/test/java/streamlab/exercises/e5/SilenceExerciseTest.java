package streamlab.exercises.e5;

import streamlab.exercise.AlertsQuery;

/** Exercise 5's tests on your class: {@code make exercise-test N=5}. Skipped ("not started") until you write it. */
class SilenceExerciseTest extends SilenceTests {
    @Override
    protected AlertsQuery job() {
        return new SilenceExercise();
    }
}
