package io.jim.bootstrap.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import io.jim.client.bench.BenchSettings;
import io.jim.client.bench.ConnectionsBench;
import io.jim.client.bench.MessageBench;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The load generator's scenarios, tiny and short, against the real server: a smoke test of the bench code
 * and of the server's integrity under concurrent load (nothing lost, duplicated or reordered). No timing
 * is asserted. Runs on H2, and on MySQL/MariaDB when {@code JIM_TEST_MYSQL_URL} is set.
 */
class BenchSmokeTest {

    /** The server's abuse limits off: the generator sends from one address as fast as it can. */
    private static final Map<String, String> LIMITS_OFF = Map.of(
            "JIM_MAX_SENDS_PER_SECOND_PER_USER", "0",
            "JIM_MAX_FRAMES_PER_SECOND", "0",
            "JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN", "0",
            "JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP", "0");

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    @Timeout(120)
    void everyScenarioKeepsIntegrity(TestDatabase.Kind kind) {
        assumeTrue(kind == TestDatabase.Kind.H2 || TestDatabase.mysqlUrl().isPresent(),
                "JIM_TEST_MYSQL_URL is not set: MySQL run skipped");
        try (TestDatabase db = TestDatabase.create(kind); JimServer server = TestServer.start(db, LIMITS_OFF)) {
            BenchSettings settings = settings(server);

            Map<String, Object> oneToOne = MessageBench.oneToOne(settings, 4, 2);
            assertIntact(oneToOne);
            // every message reaches the friend's 2 devices and the sender's other device
            assertThat(((Number) oneToOne.get("expected_deliveries")).longValue())
                    .isEqualTo(3 * ((Number) oneToOne.get("acked")).longValue());

            assertIntact(MessageBench.oneToOne(settings(server, 50), 2, 1));

            Map<String, Object> group = MessageBench.group(settings, 6, 2);
            assertIntact(group);
            assertThat(((Number) group.get("expected_deliveries")).longValue())
                    .isEqualTo(5 * ((Number) group.get("acked")).longValue());

            Map<String, Object> connections = ConnectionsBench.run(settings, "connections", 20, 5, 1, 2, true);
            assertThat(connections.get("signed_in")).isEqualTo(20L);
            assertThat(connections.get("online_at_end")).isEqualTo(20);
            assertThat(connections.get("errors")).isEqualTo(0L);
            assertThat(((Number) connections.get("sign_ins_per_s")).doubleValue()).isPositive();
        }
    }

    private static BenchSettings settings(JimServer server) {
        BenchSettings s = new BenchSettings();
        s.httpUrl = "http://127.0.0.1:" + server.httpPort();
        s.tcpHost = "127.0.0.1";
        s.tcpPort = server.tcpPort();
        s.durationSeconds = 2;
        s.warmupSeconds = 0;
        s.window = 2;
        s.drainSeconds = 20;
        s.setupConcurrency = 8;
        s.progress = null;
        return s;
    }

    private static BenchSettings settings(JimServer server, double rate) {
        BenchSettings s = settings(server);
        s.rate = rate;
        return s;
    }

    private static void assertIntact(Map<String, Object> result) {
        assertThat(((Number) result.get("sent")).longValue()).as("sent: %s", result).isPositive();
        assertThat(((Number) result.get("acked")).longValue()).as("acked: %s", result).isPositive();
        assertThat(result.get("lost")).as("lost: %s", result).isEqualTo(0L);
        assertThat(result.get("duplicated")).as("duplicated: %s", result).isEqualTo(0L);
        assertThat(result.get("reordered")).as("reordered: %s", result).isEqualTo(0L);
        assertThat(result.get("unexpected")).as("unexpected: %s", result).isEqualTo(0L);
        assertThat(result.get("errors")).as("errors: %s", result).isEqualTo(0L);
        assertThat(result.get("delivered")).as("delivered: %s", result).isEqualTo(result.get("expected_deliveries"));
    }
}
