package streamlab.solutions.e1;

import streamlab.exercise.ParseQuery;
import streamlab.exercises.e1.ParseTests;

/** Exercise 1's tests on the reference solution: they hold for it, so they can hold for a student's class. */
class ParseSolutionTest extends ParseTests {
    @Override
    protected ParseQuery job() {
        return new ParseSolution();
    }
}
