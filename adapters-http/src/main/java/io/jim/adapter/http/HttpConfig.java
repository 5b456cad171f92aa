package io.jim.adapter.http;

import io.jim.application.config.RateLimit;
import io.jim.application.config.TlsFiles;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the HTTP server: where to listen ({@code port} 0 picks a free port), the admin token
 * (empty turns the admin API off: its routes answer 401), the largest request body accepted, and the
 * limits against abuse.
 *
 * @param requestsPerToken     requests of one signed-in device (one token) on {@code /api} routes that need it
 *                             (JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN, bursts of twice that); past it 429
 * @param loginsPerAddress     {@code POST /api/sessions} and {@code POST /api/users} from one client IP address
 *                             (JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP, bursts of as many); past it 429
 * @param exemptLoopback       loopback addresses skip the per-address limit: requests from this host are local
 *                             tools or a reverse proxy whose clients all share its address (as fail2ban's default
 *                             {@code ignoreip}); tests turn it off to exercise the limit
 * @param idleTimeout          a connection that sends no byte for this long while the server waits for one
 *                             (headers, body, next request) is closed (JIM_HTTP_IDLE_TIMEOUT_SECONDS)
 * @param tls                  when present, the port serves HTTPS (TLS 1.3 or 1.2) with this certificate and key instead
 *                             of HTTP, and the WebSocket endpoint is wss (JIM_TLS_CERT_FILE, JIM_TLS_KEY_FILE)
 */
public record HttpConfig(String bindAddress, int port, Optional<String> adminToken, int maxBodyBytes,
                         RateLimit requestsPerToken, RateLimit loginsPerAddress, boolean exemptLoopback, Duration idleTimeout,
                         Optional<TlsFiles> tls) {

    /** HTTP-API.md: request bodies over 64 KiB are refused with 413. */
    public static final int DEFAULT_MAX_BODY_BYTES = 65536;
    /** 50 requests per second per token, bursts of 100. */
    public static final RateLimit DEFAULT_REQUESTS_PER_TOKEN = RateLimit.perSecond(50);
    /** 30 logins or sign-ups per minute per address, bursts of 30. */
    public static final RateLimit DEFAULT_LOGINS_PER_ADDRESS = RateLimit.perMinute(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** The given address, port, admin token and body limit, with the default abuse limits. */
    public HttpConfig(String bindAddress, int port, Optional<String> adminToken, int maxBodyBytes) {
        this(bindAddress, port, adminToken, maxBodyBytes, DEFAULT_REQUESTS_PER_TOKEN, DEFAULT_LOGINS_PER_ADDRESS, true,
                DEFAULT_IDLE_TIMEOUT, Optional.empty());
    }

    /** Plain HTTP with the given settings. */
    public HttpConfig(String bindAddress, int port, Optional<String> adminToken, int maxBodyBytes,
                      RateLimit requestsPerToken, RateLimit loginsPerAddress, boolean exemptLoopback, Duration idleTimeout) {
        this(bindAddress, port, adminToken, maxBodyBytes, requestsPerToken, loginsPerAddress, exemptLoopback, idleTimeout,
                Optional.empty());
    }

    public HttpConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(requestsPerToken, "requestsPerToken");
        Objects.requireNonNull(loginsPerAddress, "loginsPerAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(tls, "tls");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (adminToken.isPresent() && adminToken.get().isBlank()) {
            // A blank token would let "Authorization: Bearer " in; absent is the way to turn the API off.
            throw new IllegalArgumentException("the admin token must not be blank (leave it unset to turn the admin API off)");
        }
    }

    @Override
    public String toString() {
        return "HttpConfig[bindAddress=" + bindAddress + ", port=" + port + ", adminToken="
                + (adminToken.isPresent() ? "set" : "unset") + ", maxBodyBytes=" + maxBodyBytes + ", requestsPerToken=" + requestsPerToken
                + ", loginsPerAddress=" + loginsPerAddress + ", exemptLoopback=" + exemptLoopback + ", idleTimeout=" + idleTimeout
                + ", tls=" + (tls.isPresent() ? "on" : "off") + "]";
    }

    public HttpConfig withLimits(RateLimit perToken, RateLimit perAddress, boolean exemptLoopbackAddresses) {
        return new HttpConfig(bindAddress, port, adminToken, maxBodyBytes, perToken, perAddress, exemptLoopbackAddresses, idleTimeout, tls);
    }

    public HttpConfig withIdleTimeout(Duration value) {
        return new HttpConfig(bindAddress, port, adminToken, maxBodyBytes, requestsPerToken, loginsPerAddress, exemptLoopback, value, tls);
    }

    public HttpConfig withTls(Optional<TlsFiles> value) {
        return new HttpConfig(bindAddress, port, adminToken, maxBodyBytes, requestsPerToken, loginsPerAddress, exemptLoopback, idleTimeout,
                value);
    }
}
