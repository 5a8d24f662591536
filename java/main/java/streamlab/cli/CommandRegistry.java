package streamlab.cli;

import java.util.Map;
import java.util.function.Supplier;
import streamlab.common.Command;

/** The commands that exist, in the order {@code streamlab --help} lists them. */
final class CommandRegistry {
    private CommandRegistry() {}

    static void register(Map<String, Supplier<Command>> m) {
        m.put("produce", streamlab.produce.ProduceCommand::new);
        m.put("replay", streamlab.replay.ReplayCommand::new);
        m.put("process", streamlab.process.ProcessCommand::new);
        m.put("report", streamlab.report.ReportCommand::new);
        m.put("score", streamlab.score.ScoreCommand::new);
        m.put("exercise", streamlab.exercise.ExerciseCommand::new);
    }
}
