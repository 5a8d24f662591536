package streamlab.exercises.e6;

import streamlab.exercise.WindowsQuery;

/** Exercise 6's tests on your class: {@code make exercise-test N=6}. Skipped ("not started") until you write it. */
class ClusterJobExerciseTest extends ClusterJobTests {
    @Override
    protected WindowsQuery job() {
        return new ClusterJobExercise();
    }
}
