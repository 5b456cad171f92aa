package io.jim.bootstrap;

import io.jim.adapter.http.tls.PemKeyStore;
import io.jim.application.config.TlsFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds a {@link JimConfig} from a map of {@code JIM_*} keys: the environment, optionally layered over
 * a properties file given with {@code --config FILE} (the environment wins). A bad value fails with
 * a {@link ConfigException} whose message names the key.
 */
public final class ConfigLoader {

    private final Map<String, String> values;

    public ConfigLoader(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The environment over the optional properties file. */
    public static ConfigLoader fromEnvironment(Optional<Path> propertiesFile, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        propertiesFile.ifPresent(file -> merged.putAll(readProperties(file)));
        env.forEach((k, v) -> {
            if (k.startsWith("JIM_")) {
                merged.put(k, v);
            }
        });
        return new ConfigLoader(merged);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("--config " + file + ": cannot read the file (" + e.getMessage() + ")");
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        return out;
    }

    public JimConfig load() {
        return new JimConfig(
                port("JIM_HTTP_PORT", 8080),
                port("JIM_TCP_PORT", 50000),
                text("JIM_BIND_ADDRESS").orElse("0.0.0.0"),
                text("JIM_DB_URL"),
                text("JIM_DB_USER"),
                text("JIM_DB_PASSWORD"),
                integer("JIM_DB_POOL_SIZE", 16, 1, 1000),
                text("JIM_DB_DIALECT").map(this::dialect),
                integer("JIM_DB_GROUP_COMMIT", 128, 0, 10_000),
                Path.of(text("JIM_DATA_DIR").orElse("./data")),
                text("JIM_ADMIN_TOKEN").map(this::adminToken),
                Duration.ofSeconds(integer("JIM_HEARTBEAT_TIMEOUT_SECONDS", 600, 1, 86_400)),
                Duration.ofSeconds(integer("JIM_SIGNIN_TIMEOUT_SECONDS", 10, 1, 3_600)),
                integer("JIM_MAX_CONTENT_BYTES", 16_384, 1, 60_000),
                integer("JIM_MAX_GROUP_MEMBERS", 2000, 2, 100_000),
                integer("JIM_MAX_FRAME_BYTES", 65_535, 64, 65_535),
                integer("JIM_MAX_OUTBOUND_BYTES", 4 * 1024 * 1024, 131_072, 1 << 30),
                integer("JIM_PASSWORD_ITERATIONS", 600_000, 1, 10_000_000),
                logFormat(),
                limits(),
                tls());
    }

    /**
     * JIM_TLS_CERT_FILE and JIM_TLS_KEY_FILE: both or neither; both files are read and parsed now, so a wrong one fails
     * start-up with its key named rather than the first client's handshake.
     */
    private Optional<TlsFiles> tls() {
        Optional<String> cert = text("JIM_TLS_CERT_FILE");
        Optional<String> key = text("JIM_TLS_KEY_FILE");
        if (cert.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        if (cert.isEmpty()) {
            throw new ConfigException("JIM_TLS_CERT_FILE is not set but JIM_TLS_KEY_FILE is (TLS needs both, or neither for plain TCP and HTTP)");
        }
        if (key.isEmpty()) {
            throw new ConfigException("JIM_TLS_KEY_FILE is not set but JIM_TLS_CERT_FILE is (TLS needs both, or neither for plain TCP and HTTP)");
        }
        TlsFiles files = new TlsFiles(Path.of(cert.get()), Path.of(key.get()));
        try {
            PemKeyStore.certificates(files.certificateChain());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JIM_TLS_CERT_FILE=" + e.getMessage());
        }
        try {
            PemKeyStore.privateKey(files.privateKey());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JIM_TLS_KEY_FILE=" + e.getMessage());
        }
        try {
            PemKeyStore.load(files);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JIM_TLS_KEY_FILE / JIM_TLS_CERT_FILE: " + e.getMessage());
        }
        return Optional.of(files);
    }

    private JimConfig.Limits limits() {
        JimConfig.Limits d = JimConfig.Limits.DEFAULTS;
        return new JimConfig.Limits(
                integer("JIM_MAX_CONNECTIONS", d.maxConnections(), 1, 10_000_000),
                integer("JIM_MAX_CONNECTIONS_PER_USER", d.maxConnectionsPerUser(), 1, 10_000),
                integer("JIM_MAX_FRAMES_PER_SECOND", d.maxFramesPerSecond(), 0, 1_000_000),
                integer("JIM_MAX_SENDS_PER_SECOND_PER_USER", d.maxSendsPerSecondPerUser(), 0, 1_000_000),
                integer("JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN", d.httpMaxRequestsPerSecondPerToken(), 0, 1_000_000),
                integer("JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP", d.httpMaxLoginsPerMinutePerIp(), 0, 1_000_000),
                Duration.ofSeconds(integer("JIM_HTTP_IDLE_TIMEOUT_SECONDS", (int) d.httpIdleTimeout().toSeconds(), 1, 3_600)));
    }

    private Optional<String> text(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private int port(String key, int defaultValue) {
        return integer(key, defaultValue, 0, 65_535);
    }

    private int integer(String key, int defaultValue, int min, int max) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + "=" + raw.get() + " is not a whole number");
        }
        if (value < min || value > max) {
            throw new ConfigException(key + "=" + value + " is out of range (" + min + " to " + max + ")");
        }
        return value;
    }

    private String dialect(String raw) {
        String d = raw.toUpperCase(Locale.ROOT);
        if (!d.equals("H2") && !d.equals("MARIADB") && !d.equals("MYSQL")) {
            throw new ConfigException("JIM_DB_DIALECT=" + raw + " must be H2, MARIADB or MYSQL");
        }
        return d;
    }

    private String adminToken(String token) {
        if (token.length() < 16) {
            throw new ConfigException("JIM_ADMIN_TOKEN is too short (use at least 16 random characters)");
        }
        return token;
    }

    private JimConfig.LogFormat logFormat() {
        String raw = text("JIM_LOG_FORMAT").orElse("text");
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "text" -> JimConfig.LogFormat.TEXT;
            case "json" -> JimConfig.LogFormat.JSON;
            default -> throw new ConfigException("JIM_LOG_FORMAT=" + raw + " must be text or json");
        };
    }
}
