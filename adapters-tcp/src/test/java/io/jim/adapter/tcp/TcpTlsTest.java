package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.config.TlsFiles;
import io.jim.proto.FrameType;
import io.jim.proto.SignInACK;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TCP endpoint with TLS: the TLV protocol inside TLS 1.3/1.2 with the test-only certificate; plaintext gets nothing. */
class TcpTlsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConnectionRegistry registry = new ConnectionRegistry(meters);
    private TcpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(TcpTlsTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TlsFiles testTls() {
        return new TlsFiles(resource("test-only-cert.pem"), resource("test-only-key.pem"));
    }

    /** A client context that trusts the test-only certificate and nothing else. */
    static SSLContext trustingTestCertificate() throws Exception {
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

    private int start() {
        TcpConfig config = TcpConfig.DEFAULTS.withBindAddress("127.0.0.1").withPort(0).withIoThreads(2)
                .withShutdownTimeout(Duration.ofSeconds(3)).withTls(Optional.of(testTls()));
        server = new TcpServer(config, Stubs.SIGN_IN, Stubs.SEND, Stubs.SYNC_EMPTY, new Stubs.RecordingAck(), registry, meters);
        return server.start();
    }

    @Test
    void signInAndHeartbeatShouldBeAnsweredOverTls() throws Exception {
        int port = start();
        SSLSocket socket = (SSLSocket) trustingTestCertificate().getSocketFactory().createSocket("localhost", port);
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");

        try (TestClient client = TestClient.over(socket)) {
            SignInACK ack = client.signIn(1, 2);
            assertThat(ack.getCode()).isZero();
            client.write(Frames.heartbeat());
            assertThat(client.read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        }
    }

    @Test
    void tlsOlderThan12ShouldBeRefused() throws Exception {
        int port = start();
        SSLSocket socket = (SSLSocket) trustingTestCertificate().getSocketFactory().createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.1"});
        try (socket) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void aPlaintextClientShouldGetNoProtocolAnswer() throws Exception {
        int port = start();
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        try (TestClient client = TestClient.over(socket)) {
            client.write(Frames.signIn(1, 2, Stubs.GOOD_TOKEN));
            client.write(Frames.heartbeat());
            // Not TLS: the server closes without a single frame (readOrNull reads its bytes as a frame if any came).
            Frames.Frame frame;
            try {
                frame = client.readOrNull();
            } catch (java.io.UncheckedIOException e) {
                assertThat(e.getCause()).isInstanceOf(SocketException.class);
                frame = null;
            }
            assertThat(frame).as("no protocol answer to plaintext").isNull();
        }
        assertThat(registry).isNotNull();
    }

    @Test
    void anUnreadableKeyShouldFailStart() {
        TcpConfig config = TcpConfig.DEFAULTS.withBindAddress("127.0.0.1").withPort(0).withIoThreads(1)
                .withTls(Optional.of(new TlsFiles(resource("test-only-cert.pem"), Path.of("/nonexistent/jim-test-key.pem"))));
        server = new TcpServer(config, Stubs.SIGN_IN, Stubs.SEND, Stubs.SYNC_EMPTY, new Stubs.RecordingAck(), registry, meters);

        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("TLS");
    }
}
