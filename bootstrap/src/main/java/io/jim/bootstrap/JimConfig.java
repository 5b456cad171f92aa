package io.jim.bootstrap;

import io.jim.application.config.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of a jim server, read from {@code JIM_*} environment variables and/or a properties
 * file with the same keys (see {@link ConfigLoader} and the README's configuration table).
 * {@code tls} (JIM_TLS_CERT_FILE and JIM_TLS_KEY_FILE): when present, the TCP port speaks TLS and the HTTP port HTTPS.
 */
public record JimConfig(
        int httpPort,
        int tcpPort,
        String bindAddress,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        int dbPoolSize,
        Optional<String> dbDialect,
        int dbGroupCommit,
        Path dataDir,
        Optional<String> adminToken,
        Duration heartbeatTimeout,
        Duration signInTimeout,
        int maxContentBytes,
        int maxGroupMembers,
        int maxFrameBytes,
        int maxOutboundBytes,
        int passwordIterations,
        LogFormat logFormat,
        Limits limits,
        Optional<TlsFiles> tls) {

    /**
     * The abuse limits (README "Configuration"); 0 turns a rate off.
     *
     * @param maxConnections                    JIM_MAX_CONNECTIONS: open TCP connections per server
     * @param maxConnectionsPerUser             JIM_MAX_CONNECTIONS_PER_USER: signed-in TCP connections per user and server
     * @param maxFramesPerSecond                JIM_MAX_FRAMES_PER_SECOND: frames per TCP connection (bursts of twice that)
     * @param maxSendsPerSecondPerUser          JIM_MAX_SENDS_PER_SECOND_PER_USER: messages per user over TCP and HTTP (bursts of twice that)
     * @param httpMaxRequestsPerSecondPerToken  JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN (bursts of twice that)
     * @param httpMaxLoginsPerMinutePerIp       JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP: POST /api/sessions and /api/users (bursts of as many)
     * @param httpIdleTimeout                   JIM_HTTP_IDLE_TIMEOUT_SECONDS
     */
    public record Limits(int maxConnections, int maxConnectionsPerUser, int maxFramesPerSecond, int maxSendsPerSecondPerUser,
                         int httpMaxRequestsPerSecondPerToken, int httpMaxLoginsPerMinutePerIp, Duration httpIdleTimeout) {

        public static final Limits DEFAULTS = new Limits(200_000, 20, 1000, 100, 50, 30, Duration.ofSeconds(30));
    }

    /** How log lines are written to stdout. */
    public enum LogFormat {
        TEXT,
        JSON
    }

    @Override
    public String toString() {
        // never print secrets
        return "JimConfig[http=" + httpPort + ", tcp=" + tcpPort + ", bind=" + bindAddress
                + ", db=" + dbUrl.map(JimConfig::redactUrl).orElse("embedded H2 in " + dataDir)
                + ", admin=" + (adminToken.isPresent() ? "on" : "off") + ", tls=" + (tls.isPresent() ? "on" : "off") + "]";
    }

    private static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
