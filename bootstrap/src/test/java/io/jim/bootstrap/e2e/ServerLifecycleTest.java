package io.jim.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jim.bootstrap.JimServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real server starts on both databases, answers /health, and keeps its data across a restart. */
class ServerLifecycleTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void serverShouldStartAnswerHealthAndKeepDataAcrossARestart(TestDatabase.Kind kind) throws Exception {
        assumeTrue(kind == TestDatabase.Kind.H2 || TestDatabase.mysqlUrl().isPresent(), "JIM_TEST_MYSQL_URL is not set: MySQL run skipped");
        try (TestDatabase db = TestDatabase.create(kind)) {
            try (JimServer server = TestServer.start(db)) {
                HttpResponse<String> health = get(server, "/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"database\":\"UP\"");
                HttpResponse<String> metrics = get(server, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("hikaricp_connections_active").contains("jvm_memory_used_bytes")
                        .contains("jim_tcp_connections");
                HttpResponse<String> created = post(server, "/api/users",
                        "{\"account\":\"restart_me\",\"password\":\"password123\",\"nickname\":\"R\"}");
                assertThat(created.statusCode()).isEqualTo(201);
            }
            try (JimServer again = TestServer.start(db)) {
                HttpResponse<String> login = post(again, "/api/sessions",
                        "{\"account\":\"restart_me\",\"password\":\"password123\",\"device\":{\"type\":6}}");
                assertThat(login.statusCode()).isEqualTo(201);
                assertThat(login.body()).contains("\"token\"");
            }
        }
    }

    private HttpResponse<String> get(JimServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(JimServer server, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
