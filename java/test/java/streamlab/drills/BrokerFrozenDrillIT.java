package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Drill "broker frozen": the one broker (ZooKeeper mode) stopped with {@code kill -STOP} for {@value #FROZEN_SECONDS} s,
 * then {@code kill -CONT}, while {@code produce} and {@code process} run: a long GC pause or a network partition as
 * the clients see it, connections open and silent, not refused. Afterwards both go on without a restart, and nothing
 * is lost or duplicated beyond what the upsert key absorbs: the input holds every reading once (the producer's
 * requests time out after {@code request.timeout.ms}, 30 s, and are retried; idempotence drops the copies), and the
 * report holds every closed window with exact values, once after de-duplication by key ({@link PacedRun}).
 * Frozen longer than ZooKeeper's session timeout (18 s), the broker also loses its registration and, being its own
 * controller, re-registers and leads its partitions again once it runs.
 * <p>
 * produce's {@code --connect-timeout} (default 30 s: a sender stops when nothing is acknowledged for that long) is
 * raised for the drill: a freeze as long as the timeout stops produce by design ({@link BrokerLostDrillIT}).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES) // about 2.5 min; its waits are bounded at up to 7 min on a busy machine
@Tag("drill")
class BrokerFrozenDrillIT {
    /**
     * Longer than the clients' {@code request.timeout.ms} (30 s): their requests to the frozen broker time out and are
     * sent again on a new connection while the originals still wait in its socket buffers, and the producers'
     * idempotence must drop whichever copy comes second. (Frozen for exactly 30 s, nothing timed out in a run here.)
     */
    static final int FROZEN_SECONDS = 35;
    /** 65 s of produce: the freeze starts 5-25 s in, so produce still sends when the broker runs again. */
    static final int COUNT = 65 * PacedRun.RATE;

    Path tmp;
    DefaultBroker broker;
    PacedRun run;

    @AfterEach
    void stopEverything() {
        if (run != null) run.closeChildren();
        if (broker != null) broker.close();
        Child.deleteRecursively(tmp);
    }

    @Test
    void producersAndTheJobGoOnAfterAFreezeWithNothingLostOrDuplicated() throws Exception {
        tmp = Files.createTempDirectory("streamlab-drill-frozen-");
        broker = DefaultBroker.start(tmp.resolve("kafka"));
        run = PacedRun.start("broker-frozen", broker, tmp, COUNT, Duration.ofSeconds(FROZEN_SECONDS * 3));
        run.awaitFirstWindows();
        Thread.sleep(2_000);

        long pid = broker.signal("STOP");
        run.step("kill -STOP of the broker (pid %d), produce and the job running", pid);
        Thread.sleep(FROZEN_SECONDS * 1_000L);
        assertThat(run.job.alive()).as("the job while the broker is frozen: %s", run.job.describe()).isTrue();
        assertThat(run.produce.alive()).as("produce while the broker is frozen: %s", run.produce.describe()).isTrue();
        broker.signal("CONT");
        int from = run.jobLines();
        run.step("kill -CONT after %d s", FROZEN_SECONDS);

        String batch = run.assertJobProcessedDataSince(from, Duration.ofSeconds(150));
        run.step("the same job (pid %d) goes on: %s; produce %s", run.job.pid(), batch,
                run.produce.alive() ? "still sending" : "done");
        run.finish();
    }
}
