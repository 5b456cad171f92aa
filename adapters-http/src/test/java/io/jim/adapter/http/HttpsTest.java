package io.jim.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.adapter.http.support.StubUseCases;
import io.jim.adapter.http.tls.PemKeyStore;
import io.jim.application.config.TlsFiles;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP server with TLS configured serves HTTPS (with the test-only certificate) and no plain HTTP on its port. */
class HttpsTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(HttpsTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TlsFiles testTls() {
        return new TlsFiles(resource("test-only-cert.pem"), resource("test-only-key.pem"));
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

    private int start() {
        HttpConfig config = new HttpConfig("127.0.0.1", 0, Optional.empty(), HttpConfig.DEFAULT_MAX_BODY_BYTES).withTls(Optional.of(testTls()));
        server = new HttpServer(config, new StubUseCases().useCases(), () -> true, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .start();
        return server.port();
    }

    @Test
    void healthShouldBeServedOverHttps() throws Exception {
        int port = start();
        assertThat(port).isPositive();
        try (HttpClient client = HttpClient.newBuilder().sslContext(trustingTestCertificate()).connectTimeout(Duration.ofSeconds(10)).build()) {
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(host).isEqualTo(200);
                assertThat(response.sslSession()).isPresent();
                assertThat(response.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            }
        }
    }

    @Test
    void plainHttpToTheSamePortShouldFail() throws Exception {
        int port = start();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            // Jetty may answer a plaintext request on a TLS port with a bare 400; never the health answer.
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isNotEqualTo(200);
            } catch (IOException expected) {
                assertThat(expected).isNotNull();
            }
        }
    }

    @Test
    void theKeyStoreShouldRefuseUnreadableOrInvalidFiles() {
        assertThatThrownBy(() -> PemKeyStore.load(new TlsFiles(resource("test-only-cert.pem"), Path.of("/nonexistent/key.pem"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nonexistent/key.pem").hasMessageContaining("cannot read");
        assertThatThrownBy(() -> PemKeyStore.load(new TlsFiles(resource("test-only-key.pem"), resource("test-only-key.pem"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test-only-key.pem");
        assertThatThrownBy(() -> PemKeyStore.load(new TlsFiles(resource("test-only-cert.pem"), resource("test-only-cert.pem"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#8");
        assertThat(PemKeyStore.load(testTls())).isNotNull();
    }
}
