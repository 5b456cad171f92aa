package io.jim.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.adapter.http.HttpConfig;
import io.jim.adapter.tcp.TcpConfig;
import io.jim.application.config.Limits;
import io.jim.application.config.RateLimit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The abuse-limit keys of the README's configuration table: defaults, parsing, ranges, and how the modules apply them. */
class ConfigLoaderTest {

    private static JimConfig load(Map<String, String> env) {
        return new ConfigLoader(env).load();
    }

    @Test
    void limitsShouldBeOnByDefaultWithTheDocumentedValues() {
        JimConfig.Limits limits = load(Map.of()).limits();

        assertThat(limits).isEqualTo(new JimConfig.Limits(200_000, 20, 1000, 100, 50, 30, Duration.ofSeconds(30)));
    }

    @Test
    void everyLimitKeyShouldBeRead() {
        JimConfig.Limits limits = load(Map.of(
                "JIM_MAX_CONNECTIONS", "1000",
                "JIM_MAX_CONNECTIONS_PER_USER", "3",
                "JIM_MAX_FRAMES_PER_SECOND", "50",
                "JIM_MAX_SENDS_PER_SECOND_PER_USER", "10",
                "JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN", "5",
                "JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP", "6",
                "JIM_HTTP_IDLE_TIMEOUT_SECONDS", "7")).limits();

        assertThat(limits).isEqualTo(new JimConfig.Limits(1000, 3, 50, 10, 5, 6, Duration.ofSeconds(7)));
    }

    @Test
    void zeroShouldTurnARateOff() {
        JimConfig config = load(Map.of("JIM_MAX_FRAMES_PER_SECOND", "0", "JIM_MAX_SENDS_PER_SECOND_PER_USER", "0",
                "JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN", "0", "JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP", "0"));

        assertThat(new TcpModule().tcpConfig(config).framesPerConnection()).isEqualTo(RateLimit.OFF);
        assertThat(new ApplicationModule().limits(config).sendsPerUser()).isEqualTo(RateLimit.OFF);
        HttpConfig http = new HttpModule().httpConfig(config);
        assertThat(http.requestsPerToken()).isEqualTo(RateLimit.OFF);
        assertThat(http.loginsPerAddress()).isEqualTo(RateLimit.OFF);
    }

    @Test
    void theModulesShouldApplyTheLimits() {
        JimConfig config = load(Map.of("JIM_MAX_CONNECTIONS", "1000", "JIM_MAX_CONNECTIONS_PER_USER", "3", "JIM_MAX_FRAMES_PER_SECOND", "50",
                "JIM_MAX_SENDS_PER_SECOND_PER_USER", "10", "JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN", "5",
                "JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP", "6", "JIM_HTTP_IDLE_TIMEOUT_SECONDS", "7"));

        TcpConfig tcp = new TcpModule().tcpConfig(config);
        assertThat(tcp.maxConnections()).isEqualTo(1000);
        assertThat(tcp.maxConnectionsPerUser()).isEqualTo(3);
        assertThat(tcp.framesPerConnection()).isEqualTo(new RateLimit(50, 100));
        Limits limits = new ApplicationModule().limits(config);
        assertThat(limits.sendsPerUser()).isEqualTo(new RateLimit(10, 20));
        HttpConfig http = new HttpModule().httpConfig(config);
        assertThat(http.requestsPerToken()).isEqualTo(new RateLimit(5, 10));
        assertThat(http.loginsPerAddress()).isEqualTo(new RateLimit(0.1, 6));
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(http.exemptLoopback()).isTrue();
    }

    @Test
    void theDefaultsShouldMatchTheAdapterDefaults() {
        JimConfig config = load(Map.of());

        TcpConfig tcp = new TcpModule().tcpConfig(config);
        assertThat(tcp.maxConnections()).isEqualTo(TcpConfig.DEFAULTS.maxConnections());
        assertThat(tcp.maxConnectionsPerUser()).isEqualTo(TcpConfig.DEFAULTS.maxConnectionsPerUser());
        assertThat(tcp.framesPerConnection()).isEqualTo(TcpConfig.DEFAULTS.framesPerConnection());
        assertThat(new ApplicationModule().limits(config).sendsPerUser()).isEqualTo(Limits.DEFAULT_SENDS_PER_USER);
        HttpConfig http = new HttpModule().httpConfig(config);
        assertThat(http.requestsPerToken()).isEqualTo(HttpConfig.DEFAULT_REQUESTS_PER_TOKEN);
        assertThat(http.loginsPerAddress()).isEqualTo(HttpConfig.DEFAULT_LOGINS_PER_ADDRESS);
        assertThat(http.idleTimeout()).isEqualTo(HttpConfig.DEFAULT_IDLE_TIMEOUT);
    }

    @Test
    void anOutOfRangeOrMalformedLimitShouldFailNamingItsKey() {
        assertThatThrownBy(() -> load(Map.of("JIM_MAX_CONNECTIONS", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("JIM_MAX_CONNECTIONS");
        assertThatThrownBy(() -> load(Map.of("JIM_MAX_CONNECTIONS_PER_USER", "-1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("JIM_MAX_CONNECTIONS_PER_USER");
        assertThatThrownBy(() -> load(Map.of("JIM_HTTP_IDLE_TIMEOUT_SECONDS", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("JIM_HTTP_IDLE_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> load(Map.of("JIM_MAX_FRAMES_PER_SECOND", "lots"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("JIM_MAX_FRAMES_PER_SECOND");
    }

    private static String testTls(String name) {
        try {
            return java.nio.file.Path.of(ConfigLoaderTest.class.getResource("/tls/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tlsShouldBeOffByDefault() {
        JimConfig config = load(Map.of());

        assertThat(config.tls()).isEmpty();
        assertThat(new TcpModule().tcpConfig(config).tls()).isEmpty();
        assertThat(new HttpModule().httpConfig(config).tls()).isEmpty();
    }

    @Test
    void bothTlsKeysShouldTurnTlsOnForBothListeners() {
        JimConfig config = load(Map.of("JIM_TLS_CERT_FILE", testTls("test-only-cert.pem"), "JIM_TLS_KEY_FILE", testTls("test-only-key.pem")));

        assertThat(config.tls()).isPresent();
        assertThat(config.tls().get().certificateChain().toString()).isEqualTo(testTls("test-only-cert.pem"));
        assertThat(config.tls().get().privateKey().toString()).isEqualTo(testTls("test-only-key.pem"));
        assertThat(new TcpModule().tcpConfig(config).tls()).isEqualTo(config.tls());
        assertThat(new HttpModule().httpConfig(config).tls()).isEqualTo(config.tls());
        assertThat(config.toString()).contains("tls=on");
    }

    @Test
    void oneTlsKeyAloneShouldNameTheMissingOne() {
        assertThatThrownBy(() -> load(Map.of("JIM_TLS_CERT_FILE", testTls("test-only-cert.pem"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("JIM_TLS_KEY_FILE is not set");
        assertThatThrownBy(() -> load(Map.of("JIM_TLS_KEY_FILE", testTls("test-only-key.pem"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("JIM_TLS_CERT_FILE is not set");
    }

    @Test
    void anUnreadableOrInvalidTlsFileShouldNameItsKey() {
        assertThatThrownBy(() -> load(Map.of("JIM_TLS_CERT_FILE", "/nonexistent/jim-cert.pem", "JIM_TLS_KEY_FILE", testTls("test-only-key.pem"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("JIM_TLS_CERT_FILE=/nonexistent/jim-cert.pem")
                .hasMessageContaining("cannot read").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> load(Map.of("JIM_TLS_CERT_FILE", testTls("test-only-cert.pem"), "JIM_TLS_KEY_FILE", "/nonexistent/jim-key.pem")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("JIM_TLS_KEY_FILE=/nonexistent/jim-key.pem")
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> load(Map.of("JIM_TLS_CERT_FILE", testTls("test-only-key.pem"), "JIM_TLS_KEY_FILE", testTls("test-only-key.pem"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("JIM_TLS_CERT_FILE=");
        assertThatThrownBy(() -> load(Map.of("JIM_TLS_CERT_FILE", testTls("test-only-cert.pem"), "JIM_TLS_KEY_FILE", testTls("test-only-cert.pem"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("JIM_TLS_KEY_FILE=");
    }
}
