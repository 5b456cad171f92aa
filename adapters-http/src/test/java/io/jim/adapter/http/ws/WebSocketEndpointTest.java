package io.jim.adapter.http.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.adapter.http.HttpConfig;
import io.jim.adapter.http.HttpServer;
import io.jim.adapter.http.support.Http;
import io.jim.adapter.http.support.StubUseCases;
import io.jim.application.port.out.WireSession;
import io.jim.application.port.out.WireSessions;
import io.jim.application.port.out.WireSink;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WebSocket endpoint as a pipe: messages reach the wire session unchanged, the sink reaches the client, closes propagate. */
class WebSocketEndpointTest {

    /** A wire session that records what it gets and answers every message through the sink, in kind. */
    private static final class EchoSessions implements WireSessions {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final AtomicReference<WireSink> sink = new AtomicReference<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile String remote;
        volatile boolean refuse;

        @Override
        public WireSession open(WireSink s, String remoteAddress) {
            if (refuse) {
                throw new IllegalStateException("not running");
            }
            sink.set(s);
            remote = remoteAddress;
            return new WireSession() {
                @Override
                public void receiveBinary(byte[] frame) {
                    received.add("binary:" + frame.length);
                    s.sendBinary(frame);
                }

                @Override
                public void receiveText(String json) {
                    received.add("text:" + json);
                    s.sendText(json);
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }
    }

    /** Collects what the server sends. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining()).put(binary).put(data).flip();
            binary = joined;
            if (last) {
                byte[] bytes = new byte[binary.remaining()];
                binary.get(bytes);
                messages.add(bytes);
                binary = ByteBuffer.allocate(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }

    private final EchoSessions wire = new EchoSessions();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server = new HttpServer(new HttpConfig("127.0.0.1", 0, Optional.empty(), HttpConfig.DEFAULT_MAX_BODY_BYTES),
            new StubUseCases().useCases(), () -> true, meters, wire).start();

    @AfterEach
    void stop() {
        server.stop();
    }

    private WebSocket connect(Client client) {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + WebSocketEndpoint.PATH), client).join();
    }

    @Test
    void binaryAndTextMessagesShouldReachTheWireSessionAndItsSinkShouldReachTheClient() throws Exception {
        Client client = new Client();
        WebSocket ws = connect(client);

        ws.sendBinary(ByteBuffer.wrap(new byte[] {0, 4, 0, 0}), true).join();
        ws.sendText("{\"type\":4}", true).join();

        assertThat(wire.received.poll(5, TimeUnit.SECONDS)).isEqualTo("binary:4");
        assertThat(wire.received.poll(5, TimeUnit.SECONDS)).isEqualTo("text:{\"type\":4}");
        assertThat((byte[]) client.messages.poll(5, TimeUnit.SECONDS)).containsExactly(0, 4, 0, 0);
        assertThat(client.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":4}");
        assertThat(wire.remote).startsWith("127.0.0.1:");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        assertThat(wire.closed.await(5, TimeUnit.SECONDS)).as("the wire session is closed with the socket").isTrue();
    }

    @Test
    void closingTheSinkShouldCloseTheWebSocket() throws Exception {
        Client client = new Client();
        connect(client);
        ws(client);

        wire.sink.get().close();

        assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    private void ws(Client client) throws InterruptedException {
        // The sink exists once the server ran its connect handler; wait for it without sleeping blindly.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (wire.sink.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(wire.sink.get()).isNotNull();
    }

    @Test
    void aConnectionShouldBeRefusedWith1013WhenTheConnectionLayerIsNotRunning() throws Exception {
        wire.refuse = true;
        Client client = new Client();
        connect(client);

        assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1013);
    }

    @Test
    void aBinaryMessageOverOneFrameShouldCloseTheSocketAsTooBig() throws Exception {
        Client client = new Client();
        WebSocket ws = connect(client);

        ws.sendBinary(ByteBuffer.allocate(WebSocketEndpoint.MAX_BINARY_MESSAGE_BYTES + 1), true);

        assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).as("RFC 6455: message too big").isEqualTo(1009);
        assertThat(wire.received).isEmpty();
    }

    @Test
    void theChatPageShouldBeServedAtTheRootAndUnknownPathsShouldStayJson404() {
        Http http = new Http(server.port());
        var page = http.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.header("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("<html");
        for (String path : new String[] {"/index.html", "/app.js", "/style.css"}) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(200);
        }
        for (String path : new String[] {"/api/nothing-here", "/nothing-here.html", "/web/index.html", "/ws/x"}) {
            var missing = http.get(path, null);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.json().path("code").asInt()).as(path).isEqualTo(6);
        }
        assertThat(meters.find("http.server.requests").tag("uri", "STATIC").tag("status", "200").timer())
                .as("the page's files are one metric label, not UNMATCHED").isNotNull();
        var plainGetOfWs = http.get(WebSocketEndpoint.PATH, null);
        assertThat(plainGetOfWs.status()).as("a GET without upgrade").isGreaterThanOrEqualTo(400);
    }
}
