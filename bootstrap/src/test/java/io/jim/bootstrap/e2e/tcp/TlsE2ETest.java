package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import io.jim.proto.FrameType;
import io.jim.proto.SignInACK;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The whole server with JIM_TLS_CERT_FILE and JIM_TLS_KEY_FILE (the test-only certificate): HTTPS answers /health,
 * an account registered and logged in over HTTPS signs in over TLS on the TCP port.
 */
class TlsE2ETest {

    private static Path resource(String name) {
        try {
            return Path.of(TlsE2ETest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trustingTestCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(resource("test-only-cert.pem"))) {
            trust.setCertificateEntry("jim-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    void httpsAndTlsTcpShouldServeARealSignIn() throws Exception {
        SSLContext tls = trustingTestCertificate();
        Map<String, String> env = Map.of(
                "JIM_TLS_CERT_FILE", resource("test-only-cert.pem").toString(),
                "JIM_TLS_KEY_FILE", resource("test-only-key.pem").toString());
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2);
             JimServer server = TestServer.start(db, env);
             HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build()) {
            String base = "https://localhost:" + server.httpPort();

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");

            HttpResponse<String> created = http.send(post(base + "/api/users",
                    "{\"account\":\"tls_user\",\"password\":\"password123\",\"nickname\":\"T\"}"), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            HttpResponse<String> login = http.send(post(base + "/api/sessions",
                    "{\"account\":\"tls_user\",\"password\":\"password123\",\"device\":{\"type\":6}}"), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(201);
            JsonNode session = new ObjectMapper().readTree(login.body());

            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", server.tcpPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(Wire.signIn(session.get("user_id").asLong(), session.get("device_id").asLong(), session.get("token").asText()));
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                int type = in.readUnsignedShort();
                byte[] body = new byte[in.readUnsignedShort()];
                in.readFully(body);
                assertThat(type).isEqualTo(FrameType.SIGN_IN_ACK);
                assertThat(SignInACK.parseFrom(body).getCode()).isZero();
            }
        }
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(20)).build();
    }
}
