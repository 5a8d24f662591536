package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Drill "a leader killed under the job": three KRaft brokers, every topic with 3 replicas and min.insync.replicas=2
 * (what {@code bin/create-topics} gives a 3-broker cluster), {@code process} running and a paced {@code produce}
 * sending ({@link PacedRun}). First the leader of an input partition dies by {@code kill -9}: the job's consumers
 * move to the new leader. It comes back and rejoins the ISR; then the leader of the report partition dies: the
 * job's sink (idempotent, acks=all) moves its writes to the new leader. The same job process goes on through both,
 * and in the end the report holds every closed window once after de-duplication by key, with exact values.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // about 2-3 min; bounded waits add up on a busy machine
@Tag("drill")
class ProcessLeaderKilledDrillIT {
    /**
     * 120 s of produce: both kills and the restart between them must fall inside it, or there is nothing left to
     * read after a fault. 60 s was too short in a CI run beside another drill: the first results took long to
     * appear, produce had about stopped by the first kill, and no batch read data after it.
     */
    static final int COUNT = 120 * PacedRun.RATE;

    Path tmp;
    ThreeBrokers cluster;
    PacedRun run;

    @AfterEach
    void stopEverything() {
        if (run != null) run.closeChildren();
        if (cluster != null) cluster.stop();
        Child.deleteRecursively(tmp);
    }

    @Test
    void theJobGoesOnWhenTheLeadersOfItsInputAndItsReportDie() throws Exception {
        tmp = Files.createTempDirectory("streamlab-drill-leader-");
        cluster = ThreeBrokers.start(tmp.resolve("kafka"));
        run = PacedRun.start("leader-killed", cluster.bootstrap, cluster.clients, 3, tmp, COUNT, Duration.ofSeconds(60));
        run.awaitFirstWindows();

        int input = cluster.leaderOf("in", 0);
        long pid = cluster.kill9(input);
        int from = run.jobLines();
        run.step("kill -9 of kafka-%d (pid %d), leader of in-0", input, pid);
        String batch = run.assertJobProcessedDataSince(from, Duration.ofSeconds(120));
        run.step("the same job (pid %d) reads on from the new leader of in-0 (kafka-%d): %s", run.job.pid(), cluster.leaderOf("in", 0), batch);
        cluster.restartIntoIsr(input, List.of("in", "report"), Duration.ofSeconds(90));
        run.step("kafka-%d back in the ISR of in and report", input);

        int report = cluster.leaderOf("report", 0);
        pid = cluster.kill9(report);
        from = run.jobLines();
        run.step("kill -9 of kafka-%d (pid %d), leader of report-0", report, pid);
        batch = run.assertJobProcessedDataSince(from, Duration.ofSeconds(120));
        run.step("the same job goes on, writing to the new leader of report-0 (kafka-%d): %s", cluster.leaderOf("report", 0), batch);
        assertThat(run.job.alive()).as(run.job.describe()).isTrue();
        run.finish();
    }
}
