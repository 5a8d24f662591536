package streamlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import streamlab.drills.Cli;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.LocalSpark;

/**
 * {@code exercise check} against a real broker and a real local Spark: every hint the check can give is produced
 * by a deliberately wrong job
 * ({@code streamlab.exercise.wrong}), the kind of mistake it is written for. The check's input and process's
 * results are made once per shape and reused (one JVM), so each further check costs one run of the job. That
 * each reference solution passes is checked where students see it: the last step of every exercise README,
 * walked by {@code ExercisesWalkthroughIT}.
 */
class ExerciseCheckHintsIT {
    private static final String WRONG = "streamlab.exercise.wrong.";
    static LocalKafka kafka;
    static SparkSession spark;
    static final List<Hint> produced = new ArrayList<>();

    @BeforeAll
    static void up() {
        kafka = LocalKafka.start();
        spark = LocalSpark.start("exercise check test");
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
        if (kafka != null) kafka.close();
    }

    static Cli.Run check(int exercise, String job) {
        return Cli.run("exercise", "check", String.valueOf(exercise), "--job", job, "--bootstrap-server", kafka.bootstrap());
    }

    static Stream<Arguments> wrongJobs() {
        return Stream.of(
                Arguments.of(2, "NoOutputJob", "FAIL your job wrote no window (process wrote 19)", Hint.NO_OUTPUT),
                Arguments.of(2, "DuplicatesJob", "sensor-windows came out more than once", Hint.DUPLICATES),
                Arguments.of(2, "SecondsJob", "FAIL your windows are not in the input's event time", Hint.WRONG_TIME),
                Arguments.of(2, "ShiftedJob", "windows missing and", Hint.SHIFTED),
                Arguments.of(2, "LongWatermarkJob", "windows missing and 0 more than process's", Hint.MISSING_WINDOWS),
                Arguments.of(2, "TotalsJob", "0 windows missing and", Hint.EXTRA_WINDOWS),
                Arguments.of(2, "CountsTwiceJob", "count", Hint.COUNT_HIGH),
                Arguments.of(2, "DropsColdJob", "count", Hint.COUNT_LOW),
                Arguments.of(2, "SampleStddevJob", "stddev", Hint.STDDEV),
                Arguments.of(2, "SumAsAvgJob", "avg", Hint.STATISTIC),
                Arguments.of(2, "WindowBoundsJob", "last_ts", Hint.TIMES),
                Arguments.of(2, "SeqSpanJob", "seq_gaps", Hint.SEQ_GAPS),
                Arguments.of(1, "LenientParseJob", "records process refused are not on your dead-letter topic", Hint.DLQ_MISSED),
                Arguments.of(1, "JsonOnlyParseJob", "records on your dead-letter topic are valid readings for process", Hint.DLQ_EXTRA),
                Arguments.of(5, "NoSilenceJob", "FAIL your job raised no silence (process raised 2)", Hint.ALERTS_MISSING),
                Arguments.of(5, "EveryMinuteSilenceJob", "FAIL the silences differ from process's", Hint.ALERTS_EXTRA),
                Arguments.of(5, "ShiftedSilenceJob", "process: sensor-3 silent from 00:02:55 to 00:06:00", Hint.ALERTS_BOUNDS));
    }

    @ParameterizedTest(name = "exercise {0}: {1} gets the hint {3}")
    @MethodSource("wrongJobs")
    void aWrongJobFailsWithTheHintForItsMistake(int exercise, String job, String failure, Hint hint) {
        Cli.Run r = check(exercise, WRONG + job);
        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        assertThat(r.out()).as(r.describe()).contains(failure).contains("FAIL ")
                .contains("hint: " + hint.text().substring(0, 60))
                .contains("checks failed");
        produced.add(hint);
    }

    @Test
    void everyHintHasAWrongJobThatProducesIt() {
        List<Hint> covered = wrongJobs().map(a -> (Hint) a.get()[3]).toList();
        assertThat(covered).containsExactlyInAnyOrder(Hint.values());
    }

}
