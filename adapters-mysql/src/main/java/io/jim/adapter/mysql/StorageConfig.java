package io.jim.adapter.mysql;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the database: JDBC URL and credentials, pool size, an optional dialect override, how
 * long to wait for a connection, the size of the message-id blocks each process reserves, and the
 * largest group commit (0 or 1: every send commits on its own).
 */
public record StorageConfig(
        String jdbcUrl,
        String user,
        String password,
        int poolSize,
        Optional<StorageDialect> dialect,
        Duration connectionTimeout,
        int idBlockSize,
        int groupCommitBatch) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_ID_BLOCK_SIZE = 1000;

    /**
     * The H2 flags jim needs: MySQL syntax; lower-case names because jOOQ's H2 dialect quotes names in
     * lower case; VALUE and USER usable as names; a lock wait long enough for a burst of writers to one
     * inbox (H2's default is 1 s).
     */
    static final String H2_FLAGS =
            ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE,USER;LOCK_TIMEOUT=10000";

    public StorageConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc: (got " + Storage.redact(jdbcUrl) + ")");
        }
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1");
        }
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connection timeout must be at least 250 ms");
        }
        if (idBlockSize < 1) {
            throw new IllegalArgumentException("the id block size must be at least 1");
        }
        if (groupCommitBatch < 0) {
            throw new IllegalArgumentException("the group commit batch must not be negative");
        }
    }

    /**
     * A configuration with the defaults: 10 connections, detected dialect, 5 s timeout, blocks of 1000
     * ids, no group commit.
     */
    public static StorageConfig of(String jdbcUrl, String user, String password) {
        return new StorageConfig(jdbcUrl, user, password, DEFAULT_POOL_SIZE, Optional.empty(),
                DEFAULT_CONNECTION_TIMEOUT, DEFAULT_ID_BLOCK_SIZE, 0);
    }

    /** The embedded default: an H2 file database {@code jim} in {@code dataDir}, user {@code sa}. */
    public static StorageConfig h2File(Path dataDir) {
        return of(h2FileUrl(dataDir), "sa", "");
    }

    /** An in-memory H2 database named {@code name} that lives until the JVM exits (for tests). */
    public static StorageConfig h2Memory(String name) {
        return of(h2MemoryUrl(name), "sa", "");
    }

    /**
     * {@code jdbc:h2:file:<dataDir>/jim;MODE=MySQL;…}. H2's own exit hook is switched off so that the
     * server's shutdown hook, which closes the pool last, still finds the database open.
     */
    public static String h2FileUrl(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        // WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to 500 ms, so a killed process lost
        // messages it had acknowledged and reused their inbox sequences (found by the SIGKILL fault test).
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("jim") + H2_FLAGS
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** {@code jdbc:h2:mem:<name>;…;DB_CLOSE_DELAY=-1}: kept alive between connections (Flyway uses its own). */
    public static String h2MemoryUrl(String name) {
        Objects.requireNonNull(name, "name");
        return "jdbc:h2:mem:" + name + H2_FLAGS + ";DB_CLOSE_DELAY=-1";
    }

    public StorageConfig withPoolSize(int size) {
        return new StorageConfig(jdbcUrl, user, password, size, dialect, connectionTimeout, idBlockSize, groupCommitBatch);
    }

    public StorageConfig withDialect(StorageDialect override) {
        return new StorageConfig(jdbcUrl, user, password, poolSize, Optional.of(override), connectionTimeout, idBlockSize,
                groupCommitBatch);
    }

    public StorageConfig withConnectionTimeout(Duration timeout) {
        return new StorageConfig(jdbcUrl, user, password, poolSize, dialect, timeout, idBlockSize, groupCommitBatch);
    }

    public StorageConfig withIdBlockSize(int size) {
        return new StorageConfig(jdbcUrl, user, password, poolSize, dialect, connectionTimeout, size, groupCommitBatch);
    }

    /** Up to {@code maxBatch} concurrent sends share one transaction (0 or 1: off). */
    public StorageConfig withGroupCommit(int maxBatch) {
        return new StorageConfig(jdbcUrl, user, password, poolSize, dialect, connectionTimeout, idBlockSize, maxBatch);
    }

    @Override
    public String toString() {
        return "StorageConfig[jdbcUrl=" + Storage.redact(jdbcUrl) + ", user=" + user + ", poolSize=" + poolSize
                + ", dialect=" + dialect.map(Enum::name).orElse("detect") + ", connectionTimeout=" + connectionTimeout
                + ", idBlockSize=" + idBlockSize + ", groupCommitBatch=" + groupCommitBatch + "]";
    }
}
