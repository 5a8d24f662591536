package streamlab.exercise;

import java.io.PrintStream;

/** {@code streamlab exercise list}: the track, and where each exercise stands. */
final class ExerciseList {
    private ExerciseList() {}

    static int print(PrintStream out) {
        out.println("exercises (labs/exercises/README.md):");
        for (Exercise e : Exercises.ALL) {
            out.printf("  %d  %-22s %-62s %s%n", e.number(), e.folder(), e.title(), status(e));
        }
        out.println("run one with: bin/streamlab exercise run N; compare it with process: bin/streamlab exercise check N");
        return 0;
    }

    /** "not started" while the class still throws {@link ExerciseNotStarted} as soon as it is called. */
    static String status(Exercise e) {
        Object job;
        try {
            job = JobLoader.load(e, null);
        } catch (RuntimeException ex) {
            return "missing (" + ex.getMessage() + ")";
        }
        return started(e, job) ? "started" : "not started";
    }

    static boolean started(Exercise e, Object job) {
        try {
            // The skeletons throw before they touch their arguments; a started query fails on the nulls instead.
            switch (e.shape()) {
                case PARSE -> ((ParseQuery) job).parse(null, e.defaults());
                case WINDOWS -> ((WindowsQuery) job).windows(null, e.defaults());
                case ALERTS -> ((AlertsQuery) job).alerts(null, e.defaults());
            }
        } catch (ExerciseNotStarted ns) {
            return false;
        } catch (Throwable t) {
            return true;
        }
        return true;
    }
}
