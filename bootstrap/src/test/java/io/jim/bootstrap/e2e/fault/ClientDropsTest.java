package io.jim.bootstrap.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import io.jim.bootstrap.e2e.fault.World.Device;
import io.jim.client.JimSession;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * During a send load, client connections are reset at random (senders and receivers alike: a proxy between
 * every device and jim resets one connection every few hundred milliseconds). The sessions reconnect,
 * retransmit what was not acknowledged and sync what they missed. Afterwards every device has been handed its
 * user's whole inbox, each message once and in order, and every send is stored exactly once.
 */
class ClientDropsTest {

    private static final int USERS = 4;
    private static final int WINDOW = 8;
    private static final int ACKS = 1500;
    private static final int DROPS = 25;
    private static final Duration PHASE = Duration.ofSeconds(40);

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(TestDatabase.Kind.class)
    void everyDeviceShouldEndWithTheWholeInboxOnceInOrderDespiteRandomDrops(TestDatabase.Kind kind) throws Exception {
        assumeTrue(kind == TestDatabase.Kind.H2 || TestDatabase.mysqlUrl().isPresent(), "JIM_TEST_MYSQL_URL is not set: MySQL run skipped");
        try (TestDatabase db = TestDatabase.create(kind);
             JimServer jim = TestServer.start(db, Map.of("JIM_MAX_SENDS_PER_SECOND_PER_USER", "0"));
             FaultProxy proxy = FaultProxy.to("127.0.0.1", jim.tcpPort());
             World world = new World("http://127.0.0.1:" + jim.httpPort()).populate(USERS)) {
            world.addDevice(world.members().get(0), "d1");
            world.addDevice(world.members().get(2), "d1");
            List<JimSession> sessions = world.connectAll(proxy.port(), Duration.ofSeconds(2));
            SendLoad load = new SendLoad(world, "drops");
            for (World.Member m : world.members()) {
                Device d = world.primary(m);
                load.tcpSender(d, sessions.get(world.devices().indexOf(d)), WINDOW);
            }

            AtomicBoolean dropping = new AtomicBoolean(true);
            AtomicInteger drops = new AtomicInteger();
            Thread dropper = Thread.ofVirtual().name("dropper").start(() -> {
                while (dropping.get()) {
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250)); // the fault's schedule
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (proxy.killRandom()) {
                        drops.incrementAndGet();
                    }
                }
            });
            boolean enough = load.awaitAcked(ACKS, PHASE);
            long deadline = System.nanoTime() + PHASE.toNanos();
            while (drops.get() < DROPS && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling a counter, bounded by the deadline
            }
            dropping.set(false);
            dropper.join(Duration.ofSeconds(5));
            assertThat(enough).as("%d acks under drops (got %d)", ACKS, load.acked()).isTrue();
            load.stopAndAwait(PHASE);
            world.awaitDevicesCaughtUp(PHASE);

            int signIns = world.devices().stream().mapToInt(d -> d.recorder().signIns()).sum();
            System.err.printf("FAULT drops[%s]: %d sends, %d connections reset, %d sign-ins of %d devices, %d failed%n",
                    kind, load.all().size(), drops.get(), signIns, world.devices().size(), load.failed());
            assertThat(drops.get()).as("connections reset").isGreaterThanOrEqualTo(DROPS);
            assertThat(signIns).as("sessions signed in again after the resets").isGreaterThan(world.devices().size());
            assertThat(load.failed()).as("sends that failed").isZero();
            Checks.assertNothingLostDuplicatedOrReordered(world, load.all(), world.devices());
            Checks.assertDatabaseConsistent(db.url(), null, null);
        }
    }
}
