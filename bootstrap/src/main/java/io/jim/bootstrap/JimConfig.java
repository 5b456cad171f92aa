package io.jim.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of a jim server, read from {@code JIM_*} environment variables and/or a properties
 * file with the same keys (see {@link ConfigLoader} and the README's configuration table).
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
        LogFormat logFormat) {

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
                + ", admin=" + (adminToken.isPresent() ? "on" : "off") + "]";
    }

    private static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
