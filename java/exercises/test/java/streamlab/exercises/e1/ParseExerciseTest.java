package streamlab.exercises.e1;

import streamlab.exercise.ParseQuery;

/** Exercise 1's tests on your class: {@code make exercise-test N=1}. Skipped ("not started") until you write it. */
class ParseExerciseTest extends ParseTests {
    @Override
    protected ParseQuery job() {
        return new ParseExercise();
    }
}
