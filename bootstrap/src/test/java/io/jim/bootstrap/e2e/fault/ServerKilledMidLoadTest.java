package io.jim.bootstrap.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jim.adapter.mysql.StorageConfig;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.fault.SendLoad.Sent;
import io.jim.bootstrap.e2e.fault.World.Device;
import io.jim.client.JimSession;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jim is killed with SIGKILL in the middle of a send load and started again on the same database and ports.
 * The sessions reconnect by themselves and retransmit their unacknowledged sends with the same
 * send_sequence. Afterwards: every send acknowledged before the kill is still there, every send was
 * acknowledged (once: one future, one message id), each message is in every owner's inbox exactly once,
 * the inboxes are contiguous, every device was handed exactly its inbox, and the database holds nothing
 * half written.
 */
class ServerKilledMidLoadTest {

    private static final int USERS = 4;
    private static final int WINDOW = 8;
    private static final int ACKED_BEFORE_KILL = 200;
    private static final int ACKED_AFTER_RESTART = 200;
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration PHASE = Duration.ofSeconds(40);

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(TestDatabase.Kind.class)
    void everyAckedSendShouldSurviveSigkillAndEverySendShouldBeStoredExactlyOnce(TestDatabase.Kind kind, @TempDir Path dir)
            throws Exception {
        assumeTrue(kind == TestDatabase.Kind.H2 || TestDatabase.mysqlUrl().isPresent(), "JIM_TEST_MYSQL_URL is not set: MySQL run skipped");
        // H2: a file database in the temp dir (an in-memory one would not survive the process).
        TestDatabase mysql = kind == TestDatabase.Kind.MYSQL ? TestDatabase.create(kind) : null;
        Path dataDir = dir.resolve("data");
        Map<String, String> db = mysql != null ? Map.of("JIM_DB_URL", mysql.url()) : Map.of("JIM_DATA_DIR", dataDir.toString());
        try (ServerProcess jim = new ServerProcess("kill-" + kind, db, Path.of("target", "fault-logs"), dir)) {
            long t0 = System.nanoTime();
            jim.start(START);
            long started = System.nanoTime();
            List<Sent> ackedBeforeKill;
            SendLoad load;
            try (World world = new World(jim.httpUrl()).populate(USERS)) {
                // Two more receiving devices: a user's other device must also end with the whole inbox.
                world.addDevice(world.members().get(0), "d1");
                world.addDevice(world.members().get(1), "d1");
                List<JimSession> sessions = world.connectAll(jim.tcpPort(), Duration.ofSeconds(2));
                load = new SendLoad(world, "kill");
                for (World.Member m : world.members()) {
                    Device d = world.primary(m);
                    load.tcpSender(d, sessions.get(world.devices().indexOf(d)), WINDOW);
                }

                assertThat(load.awaitAcked(ACKED_BEFORE_KILL, PHASE)).as("acks before the kill").isTrue();
                long loaded = System.nanoTime();
                jim.kill();
                ackedBeforeKill = load.ackedSoFar();
                int sentBeforeRestart = load.all().size();

                jim.start(START);
                long restarted = System.nanoTime();
                assertThat(load.awaitAcked(ackedBeforeKill.size() + ACKED_AFTER_RESTART, PHASE)).as("acks after the restart").isTrue();
                load.stopAndAwait(PHASE);
                world.awaitDevicesCaughtUp(PHASE);

                System.err.printf("FAULT kill[%s]: %d sends (%d in flight or queued at the kill), %d acked before the kill, %d failed;"
                                + " start %d ms, setup+load %d ms, restart %d ms, rest %d ms%n",
                        kind, load.all().size(), sentBeforeRestart - ackedBeforeKill.size(), ackedBeforeKill.size(), load.failed(),
                        ms(started - t0), ms(loaded - started), ms(restarted - loaded), ms(System.nanoTime() - restarted));
                assertThat(load.failed()).as("sends that failed").isZero();
                Checks.assertStillPresent(world, ackedBeforeKill);
                Checks.assertNothingLostDuplicatedOrReordered(world, load.all(), world.devices());
            }
            jim.stop();
            if (mysql != null) {
                Checks.assertDatabaseConsistent(mysql.url(), null, null);
            } else {
                Checks.assertDatabaseConsistent(StorageConfig.h2FileUrl(dataDir), "sa", "");
            }
        } finally {
            if (mysql != null) {
                mysql.close();
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
