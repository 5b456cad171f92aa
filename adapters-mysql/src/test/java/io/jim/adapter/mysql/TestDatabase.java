package io.jim.adapter.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jooq.Configuration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database per test class, opened as {@link Storage}: an in-memory H2, or a new database on the
 * MariaDB/MySQL server named by {@value #MYSQL_URL_ENV} that is dropped afterwards (so concurrent runs
 * never share one). Register as a static {@code @RegisterExtension} field.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    static final String MYSQL_URL_ENV = "JIM_TEST_MYSQL_URL";
    static final String MYSQL_SKIPPED = "JIM_TEST_MYSQL_URL is not set: the MariaDB/MySQL tests are skipped";

    private final boolean mysql;
    private final UnaryOperator<StorageConfig> configure;
    private String database;
    private StorageConfig config;
    private Storage storage;

    private TestDatabase(boolean mysql, UnaryOperator<StorageConfig> configure) {
        this.mysql = mysql;
        this.configure = configure;
    }

    static TestDatabase h2() {
        return h2(UnaryOperator.identity());
    }

    static TestDatabase mysql() {
        return mysql(UnaryOperator.identity());
    }

    /** H2 with the configuration adjusted (e.g. group commit on). */
    static TestDatabase h2(UnaryOperator<StorageConfig> configure) {
        return new TestDatabase(false, configure);
    }

    static TestDatabase mysql(UnaryOperator<StorageConfig> configure) {
        return new TestDatabase(true, configure);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        close();
    }

    /** Creates the database and opens storage on it (for use outside the extension, e.g. per test method). */
    TestDatabase open() throws SQLException {
        return open(UnaryOperator.identity());
    }

    /** {@link #open()} with a hook on the main jOOQ configuration (listeners). */
    TestDatabase open(UnaryOperator<Configuration> customize) throws SQLException {
        config = configure.apply(mysql ? StorageConfig.of(createMysqlDatabase(), "", "") : freshH2());
        storage = Storage.open(config, Clock.systemUTC(), customize);
        return this;
    }

    @Override
    public void close() throws SQLException {
        if (storage != null) {
            storage.close();
            storage = null;
        }
        if (mysql && database != null) {
            dropMysqlDatabase(database);
            database = null;
        }
    }

    Storage storage() {
        return Objects.requireNonNull(storage, "the test database is not open");
    }

    StorageConfig config() {
        return config;
    }

    /** The MariaDB/MySQL database name (null on H2). */
    String databaseName() {
        return database;
    }

    static StorageConfig freshH2() {
        return StorageConfig.h2Memory("jim_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** Creates a fresh database on the test server and returns its JDBC URL. */
    String createMysqlDatabase() throws SQLException {
        database = "jim_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(withDatabase(serverUrl(), ""));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return withDatabase(serverUrl(), database);
    }

    static void dropMysqlDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(withDatabase(serverUrl(), ""));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    static String serverUrl() {
        String url = System.getenv(MYSQL_URL_ENV);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(MYSQL_SKIPPED);
        }
        return url;
    }

    /** {@code url} with its database path replaced: jdbc:mysql://host:port/old?props → …/database?props. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//");
        if (hostStart < 0) {
            throw new IllegalArgumentException("not a jdbc:mysql://host/db URL: " + url);
        }
        int query = url.indexOf('?', hostStart + 2);
        int slash = url.indexOf('/', hostStart + 2);
        int hostEnd = slash >= 0 && (query < 0 || slash < query) ? slash : (query >= 0 ? query : url.length());
        String props = query >= 0 ? url.substring(query) : "";
        return url.substring(0, hostEnd) + "/" + database + props;
    }
}
