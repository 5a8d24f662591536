package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import streamlab.codec.Reading;
import streamlab.testkit.LocalKafka;

/**
 * Drill "disk full / checkpoint unwritable": {@code bin/streamlab process --trigger available-now} runs on its
 * checkpoint, then the checkpoint cannot be written, new readings arrive and the job runs again: it must stop with
 * exit 1 and one clear error line (the last one; no stack trace without {@code --verbose}). Once the problem is
 * gone, a run on the same checkpoint resumes where the last good one ended: every window of all the readings is in
 * the report once after de-duplication, with the values computed here from produce's {@code --record} CSVs.
 * <p>
 * We run as root, so file permissions stop nothing. Two faults, in turn, on the same checkpoint:
 * <ol>
 *   <li><b>disk full</b>, for real: the checkpoint lives on a small tmpfs that the drill fills to the last byte.
 *       Needs {@code mount}, which a container without CAP_SYS_ADMIN refuses: the step is then skipped, with a
 *       line saying so;</li>
 *   <li><b>unwritable folder</b>, root-proof and possible anywhere: each {@code offsets} folder of the checkpoint
 *       (where a micro-batch is logged before it runs) is put aside and replaced by a regular file.</li>
 * </ol>
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // more than the default 10 m: its own waits add up to about 12 min on a busy machine
@Tag("drill")
class CheckpointUnwritableDrillIT {
    static final long WINDOW = 10_000;
    static final long WATERMARK = 5_000;
    static final int SENSORS = 4;
    /** Readings per part: 4 sensors, 200 s of event time each (a whole number of windows). */
    static final int PART = 800;
    static final long T0 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    static final Pattern READINGS_IN = Pattern.compile("process: done: ([0-9,]+) readings in");

    Path tmp;
    Path mounted;
    LocalKafka kafka;
    final List<Child> children = new ArrayList<>();
    final List<Reading> sent = new ArrayList<>();
    private final long t0 = System.nanoTime();

    @AfterEach
    void stopEverything() throws Exception {
        try {
            children.forEach(Child::close);
            if (mounted != null && run("umount", mounted.toString()) != 0) run("umount", "-l", mounted.toString());
        } finally {
            if (kafka != null) kafka.close();
            Child.deleteRecursively(tmp);
        }
    }

    @Test
    void theJobStopsWithOneClearLineAndResumesWithoutLossOnceTheCheckpointIsWritable() throws Exception {
        tmp = Files.createTempDirectory("streamlab-drill-checkpoint-");
        kafka = LocalKafka.start();
        kafka.createTopic("ck.in", 2);
        for (String t : List.of("ck.report", "ck.alerts", "ck.dlq")) kafka.createTopic(t, 1);
        Path fs = Files.createDirectories(tmp.resolve("fs"));
        String mount = mountTmpfs(fs);
        Path checkpoint = fs.resolve("checkpoint");
        step("broker on %s; checkpoint %s (%s)", kafka.bootstrap(), checkpoint, mount == null ? "a 32 MB tmpfs" : mount);

        produce(1);
        Child first = process("process-1", checkpoint);
        assertThat(first.awaitExit(Duration.ofSeconds(240))).as(first.describe()).isZero();
        step("run 1 on a writable checkpoint: %s", JobKilledDrillIT.lastLine(first.out(), "process: done"));
        int processed = sent.size();

        if (mounted != null) {
            produce(2);
            long filled = fill(fs);
            String line = expectFailure("process-disk-full", checkpoint, "No space left on device");
            step("disk full (tmpfs filled with %,d bytes, %d bytes left): %s", filled, Files.getFileStore(fs).getUsableSpace(), line);
            assertThat(line).as("the error line names the checkpoint").contains("cannot write the checkpoint " + checkpoint);
            Files.delete(fs.resolve("filler"));
            step("space freed: filler deleted, %,d bytes free", Files.getFileStore(fs).getUsableSpace());
        }

        produce(3);
        List<Path> blocked = offsetFolders(checkpoint);
        assertThat(blocked).as("offsets folders in " + checkpoint).isNotEmpty();
        for (Path f : blocked) {
            Files.move(f, aside(f));
            Files.writeString(f, "a regular file put here by the checkpoint drill\n");
        }
        String line = expectFailure("process-unwritable", checkpoint, checkpoint.toString());
        step("offsets folder(s) %s replaced by a regular file: %s", blocked.stream().map(checkpoint::relativize).toList(), line);
        for (Path f : blocked) {
            Files.delete(f);
            Files.move(aside(f), f);
        }
        step("offsets folder(s) put back");

        Child last = process("process-resumed", checkpoint);
        assertThat(last.awaitExit(Duration.ofSeconds(240))).as(last.describe()).isZero();
        long readingsIn = Child.number(last.out(), READINGS_IN);
        assertThat(readingsIn).as("readings the resumed run read: those sent since run 1, not all again")
                .isEqualTo(sent.size() - processed);
        step("resumed on the same checkpoint: %s", JobKilledDrillIT.lastLine(last.out(), "process: done"));

        var expected = Recorded.closedWindows(sent, WINDOW, WATERMARK);
        var report = kafka.readAll("ck.report", Duration.ofSeconds(60));
        int rewritten = Recorded.assertExactlyOnceAfterDedup(report, expected);
        step("windows: all %d closed windows of the %d recorded readings in the report once after de-duplication by "
                + "sensor|window_start, values equal to the computation from the CSVs (%d records, %d rewrites)",
                expected.size(), sent.size(), report.size(), rewritten);
    }

    /**
     * Runs the job on the checkpoint it cannot write and checks how it fails; returns its error line, which must
     * contain {@code mustContain}.
     */
    private String expectFailure(String name, Path checkpoint, String mustContain) throws Exception {
        long start = System.nanoTime();
        Child run = process(name, checkpoint);
        int exit = run.awaitExit(Duration.ofSeconds(180));
        double took = (System.nanoTime() - start) / 1e9;
        assertThat(exit).as(run.describe()).isEqualTo(1);
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith("Error")).toList();
        assertThat(errors).as("error lines: %s", run.describe()).hasSize(1);
        assertThat(lines.get(lines.size() - 1)).as("the error is the last line: %s", run.describe()).isEqualTo(errors.get(0));
        assertThat(errors.get(0)).as(run.describe()).contains(mustContain);
        assertThat(run.out() + run.err()).as("no stack trace without --verbose: %s", run.describe())
                .doesNotContain("\tat ").doesNotContain("Exception");
        step("%s: exit 1 after %.1f s, one error line, no stack trace", name, took);
        return errors.get(0);
    }

    /** The next part of the input: {@code produce --rate max}, 200 s of event time after the previous part. */
    private void produce(int part) throws IOException {
        Path csv = tmp.resolve("part-" + part + ".csv");
        Cli.Run r = Cli.run("produce", "--bootstrap-server", kafka.bootstrap(), "--topic", "ck.in", "--sensors",
                Integer.toString(SENSORS), "--count", Integer.toString(PART), "--seed", Integer.toString(30 + part),
                "--start", Long.toString(T0 + (part - 1) * (PART / SENSORS) * 1000L), "--rate", "max", "--record", csv.toString());
        assertThat(r.exit()).as(r.describe()).isZero();
        List<Reading> readings = Recorded.read(csv);
        assertThat(readings).hasSize(PART);
        sent.addAll(readings);
        step("part %d: %d readings sent with produce --record %s", part, readings.size(), csv.getFileName());
    }

    /** Mounts a 32 MB tmpfs on {@code dir}; returns null, or why it could not (then the disk-full step is skipped). */
    private String mountTmpfs(Path dir) throws Exception {
        Path log = tmp.resolve("mount.log");
        int code;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32m,mode=0755", "streamlab-drill", dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            code = p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException noMount) {
            return "a plain folder: no mount command (" + noMount.getMessage() + "); the disk-full step is skipped";
        }
        if (code != 0) {
            return "a plain folder: mount -t tmpfs refused (" + Files.readString(log).lines().findFirst().orElse("exit " + code).trim()
                    + "); the disk-full step is skipped";
        }
        mounted = dir;
        return null;
    }

    /** Fills the file system of {@code dir} to the last byte with {@code dir/filler}; returns its size. */
    private static long fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int size = chunk.length; size > 0; size /= 2) {
                try {
                    while (true) {
                        out.write(chunk, 0, size);
                        out.flush();
                        written += size;
                    }
                } catch (IOException full) {
                    // next, smaller writes fill what is left
                }
            }
        } catch (IOException closingAFullFile) {
            // nothing left to flush
        }
        assertThat(Files.getFileStore(dir).getUsableSpace()).as("free bytes left on the tmpfs").isLessThan(4096);
        return written;
    }

    /** Every folder named offsets in the checkpoint (one per query), outside the state store. */
    private static List<Path> offsetFolders(Path checkpoint) throws IOException {
        try (Stream<Path> walk = Files.walk(checkpoint, 2)) {
            return walk.filter(Files::isDirectory).filter(p -> p.getFileName().toString().equals("offsets")).sorted().toList();
        }
    }

    private static Path aside(Path folder) {
        return folder.resolveSibling(folder.getFileName() + ".put-aside-by-drill");
    }

    private Child process(String name, Path checkpoint) {
        Child c = Child.start(name, tmp.resolve("logs"), Child.env(tmp.resolve("var")), "streamlab", List.of("process",
                "--bootstrap-server", kafka.bootstrap(), "--topic", "ck.in", "--report-topic", "ck.report",
                "--alerts-topic", "ck.alerts", "--dlq-topic", "ck.dlq", "--format", "json", "--window", "10s",
                "--watermark", "5s", "--trigger", "available-now", "--checkpoint", checkpoint.toString(),
                "--connect-timeout", "20s", "--conf", "spark.ui.enabled=false"));
        children.add(c);
        return c;
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    void step(String format, Object... args) {
        System.out.printf("checkpoint drill [%5.1f s]: %s%n", (System.nanoTime() - t0) / 1e9, String.format(format, args));
    }
}
