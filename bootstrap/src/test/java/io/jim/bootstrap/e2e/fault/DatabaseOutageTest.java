package io.jim.bootstrap.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import io.jim.bootstrap.e2e.fault.World.Device;
import io.jim.client.JimSession;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The database becomes unreachable for a few seconds in the middle of a send load (a proxy between jim and
 * MariaDB resets every connection and turns new ones away), then comes back. jim is not restarted.
 * Meanwhile sends fail with UNAVAILABLE (HTTP 503, TCP code 11) or wait; the clients retry with the same
 * send_sequence. /health says DOWN while the database is away and UP after. Afterwards nothing is lost,
 * duplicated or reordered, and the database holds nothing half written (checked with SQL directly).
 *
 * <p>MariaDB/MySQL only: the embedded H2 has no connection to cut.
 */
class DatabaseOutageTest {

    private static final Pattern SERVER = Pattern.compile("jdbc:mysql://([^:/]+)(?::(\\d+))?/(.*)");
    private static final int USERS = 4;
    private static final int WINDOW = 8;
    /** At least this long down (the fault); longer only until the outage has been seen (bounded). */
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration OUTAGE_MAX = Duration.ofSeconds(15);
    private static final Duration PHASE = Duration.ofSeconds(40);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anOutageOfTheDatabaseShouldLoseDuplicateOrHalfWriteNothingAndJimShouldRecoverByItself() throws Exception {
        assumeTrue(TestDatabase.mysqlUrl().isPresent(), "JIM_TEST_MYSQL_URL is not set: MySQL run skipped (H2 is embedded: no connection to cut)");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MYSQL)) {
            Matcher m = SERVER.matcher(db.url());
            assertThat(m.matches()).as("test database URL %s", db.url()).isTrue();
            try (FaultProxy proxy = FaultProxy.to(m.group(1), m.group(2) == null ? 3306 : Integer.parseInt(m.group(2)));
                 JimServer jim = TestServer.start(db, Map.of(
                         "JIM_DB_URL", "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + m.group(3),
                         "JIM_MAX_SENDS_PER_SECOND_PER_USER", "0"));
                 World world = new World("http://127.0.0.1:" + jim.httpPort()).populate(USERS)) {
                String health = "http://127.0.0.1:" + jim.httpPort() + "/health";
                world.addDevice(world.members().get(0), "d1");
                Device httpSender = world.addDevice(world.members().get(1), "http");
                List<Device> withSessions = world.devices().stream().filter(d -> d != httpSender).toList();
                // A short ack timeout: a send answered UNAVAILABLE is retried (same send_sequence) after it.
                SendLoad load = new SendLoad(world, "outage");
                for (Device d : withSessions) {
                    JimSession s = world.sessionBuilder(d, jim.tcpPort(), Duration.ofSeconds(1)).build();
                    world.track(s);
                    World.await(s.start(), PHASE);
                    if (d.name().equals("d0")) {
                        load.tcpSender(d, s, WINDOW);
                    }
                }
                load.httpSender(httpSender);
                assertThat(load.awaitAcked(200, PHASE)).as("acks before the outage").isTrue();
                assertThat(status(health)).isEqualTo(200);

                long downAt = System.nanoTime();
                int reset = proxy.down();
                int ackedAtDown = load.acked();
                long deadline = downAt + OUTAGE_MAX.toNanos();
                boolean sawDown = false;
                // The fault: down for OUTAGE, and on until /health has said DOWN and a client has been told
                // UNAVAILABLE (HTTP 503), bounded by OUTAGE_MAX.
                while (System.nanoTime() < deadline
                        && (System.nanoTime() - downAt < OUTAGE.toNanos() || !sawDown || load.httpUnavailable() == 0)) {
                    sawDown |= status(health) == 503;
                    Thread.sleep(50); // polling /health, bounded by the deadline
                }
                long downFor = (System.nanoTime() - downAt) / 1_000_000;
                int ackedWhileDown = load.acked() - ackedAtDown;
                proxy.up();
                assertThat(sawDown).as("/health said DOWN while the database was unreachable").isTrue();
                assertThat(load.httpUnavailable()).as("HTTP sends answered 503 UNAVAILABLE during the outage").isPositive();

                long upDeadline = System.nanoTime() + PHASE.toNanos();
                while (status(health) != 200) {
                    assertThat(System.nanoTime()).as("/health UP again after the outage").isLessThan(upDeadline);
                    Thread.sleep(50); // polling /health, bounded by the deadline
                }
                int ackedAtUp = load.acked();
                assertThat(load.awaitAcked(ackedAtUp + 300, PHASE)).as("the load goes on without restarting jim").isTrue();
                load.stopAndAwait(PHASE);
                world.awaitCaughtUp(withSessions, PHASE);

                System.err.printf("FAULT outage: down %d ms, %d connections reset, %d turned away, %d acks while down,"
                                + " %d HTTP 503s, %d sends, %d failed in the end%n",
                        downFor, reset, proxy.refused(), ackedWhileDown, load.httpUnavailable(), load.all().size(), load.failed());
                Checks.assertNothingLostDuplicatedOrReordered(world, load.all(), withSessions);
            }
            Checks.assertDatabaseConsistent(db.url(), null, null);
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
