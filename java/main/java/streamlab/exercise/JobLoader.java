package streamlab.exercise;

import streamlab.common.UserException;

/** Finds the class that answers an exercise: the student's, the reference solution, or any named one. */
final class JobLoader {
    private JobLoader() {}

    /** @param className null for the student's class, or a class name (the solution's, a test's wrong job) */
    static Object load(Exercise e, String className) {
        String name = className != null ? className : e.exerciseClass();
        Class<?> c;
        try {
            c = Class.forName(name);
        } catch (ClassNotFoundException ex) {
            if (name.equals(e.solutionClass())) {
                throw new UserException("the reference solutions are not in this copy of the kit (" + name
                        + " is missing): ask your instructor, or run your own job without --solution");
            }
            throw new UserException("no class " + name + " on the class path (rebuild with make build after editing)");
        }
        Class<?> shape = switch (e.shape()) {
            case PARSE -> ParseQuery.class;
            case WINDOWS -> WindowsQuery.class;
            case ALERTS -> AlertsQuery.class;
        };
        if (!shape.isAssignableFrom(c)) {
            throw new UserException(name + " does not implement " + shape.getSimpleName() + ", the shape of exercise " + e.number());
        }
        try {
            return c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException ex) {
            throw new UserException("cannot create " + name + ": it needs a public constructor without arguments", ex);
        }
    }

    /** Stops at once, before any broker or Spark is involved, when the class still throws {@link ExerciseNotStarted}. */
    static void requireStarted(Exercise e, Object job) {
        if (!ExerciseList.started(e, job)) {
            throw new UserException(new ExerciseNotStarted(e.number(), job.getClass().getSimpleName()).getMessage() + " ("
                    + e.exerciseSource() + "; --solution runs the reference solution)");
        }
    }

    /** The exercise's "not started" signal, wherever Spark wrapped it. */
    static ExerciseNotStarted notStarted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ExerciseNotStarted n) return n;
        }
        return null;
    }
}
