package streamlab.exercises.e2;

import streamlab.exercise.WindowsQuery;

/** Exercise 2's tests on your class: {@code make exercise-test N=2}. Skipped ("not started") until you write it. */
class WindowsExerciseTest extends WindowsTests {
    @Override
    protected WindowsQuery job() {
        return new WindowsExercise();
    }
}
