package streamlab.exercises.e4;

import streamlab.exercise.WindowsQuery;

/** Exercise 4's tests on your class: {@code make exercise-test N=4}. Skipped ("not started") until you write it. */
class SlidingWindowsExerciseTest extends SlidingWindowsTests {
    @Override
    protected WindowsQuery job() {
        return new SlidingWindowsExercise();
    }
}
