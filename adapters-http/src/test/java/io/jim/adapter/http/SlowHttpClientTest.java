package io.jim.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.adapter.http.support.Http;
import io.jim.adapter.http.support.StubUseCases;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slowloris over HTTP: a client that stops sending in the middle of its headers or its body is disconnected
 * after the idle timeout (JIM_HTTP_IDLE_TIMEOUT_SECONDS, short here), and the server answers other requests
 * meanwhile.
 */
class SlowHttpClientTest {

    /** A read on the slow socket gives up after this: the server must close well before. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private HttpServer server;
    private Http http;

    @BeforeEach
    void start() {
        HttpConfig config = new HttpConfig("127.0.0.1", 0, Optional.empty(), HttpConfig.DEFAULT_MAX_BODY_BYTES)
                .withIdleTimeout(Duration.ofMillis(500));
        server = new HttpServer(config, new StubUseCases().useCases(), () -> true, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start();
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Socket slowClient(String partialRequest) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write(partialRequest.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads until the server closes; fails (SocketTimeoutException) if it does not within the read timeout. */
    private static String readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder received = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                received.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketException e) {
            // reset by the server: closed too
        }
        return received.toString();
    }

    @Test
    void aClientStoppingInItsHeadersShouldBeDisconnectedWhileOthersAreServed() throws IOException {
        try (Socket slow = slowClient("POST /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: appli")) {
            assertThat(http.get("/openapi.json", null).status()).isEqualTo(200);

            String answer = readUntilClosed(slow);

            assertThat(answer).doesNotContain("201");
        }
    }

    @Test
    void aClientStoppingInItsBodyShouldBeDisconnectedWhileOthersAreServed() throws IOException {
        String head = "POST /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
        try (Socket slow = slowClient(head + "{\"account\":")) {
            assertThat(http.get("/openapi.json", null).status()).isEqualTo(200);

            String answer = readUntilClosed(slow);

            assertThat(answer).doesNotContain("201");
        }
        assertThat(http.get("/openapi.json", null).status()).isEqualTo(200);
    }
}
