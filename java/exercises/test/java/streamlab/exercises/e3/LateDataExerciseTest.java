package streamlab.exercises.e3;

import streamlab.exercise.WindowsQuery;

/** Exercise 3's tests on your class: {@code make exercise-test N=3}. Skipped ("not started") until you write it. */
class LateDataExerciseTest extends LateDataTests {
    @Override
    protected WindowsQuery job() {
        return new LateDataExercise();
    }
}
