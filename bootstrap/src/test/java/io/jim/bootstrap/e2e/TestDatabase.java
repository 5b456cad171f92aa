package io.jim.bootstrap.e2e;

import io.jim.adapter.mysql.StorageConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases end-to-end tests run on: a fresh in-memory H2, or a fresh database on the MariaDB/MySQL
 * server named by {@code JIM_TEST_MYSQL_URL} (dropped on close).
 */
public final class TestDatabase implements AutoCloseable {

    /** Which database a parameterised test runs on. */
    public enum Kind {
        H2,
        MYSQL
    }

    private static final Pattern URL = Pattern.compile("(jdbc:mysql://[^/]+)/([^?]*)(\\?.*)?");

    private final String url;
    private final Optional<Runnable> drop;

    private TestDatabase(String url, Optional<Runnable> drop) {
        this.url = url;
        this.drop = drop;
    }

    /** The MySQL test URL, when CI (or a developer) set one. */
    public static Optional<String> mysqlUrl() {
        return Optional.ofNullable(System.getenv("JIM_TEST_MYSQL_URL")).filter(s -> !s.isBlank());
    }

    public static TestDatabase create(Kind kind) {
        return switch (kind) {
            case H2 -> new TestDatabase(StorageConfig.h2MemoryUrl("e2e_" + UUID.randomUUID().toString().replace("-", "")), Optional.empty());
            case MYSQL -> createMysql(mysqlUrl().orElseThrow(() -> new IllegalStateException("JIM_TEST_MYSQL_URL is not set")));
        };
    }

    /** A fresh database on a MySQL server; the same fresh URL can be reused to "restart" on the same data. */
    private static TestDatabase createMysql(String base) {
        Matcher m = URL.matcher(base);
        if (!m.matches()) {
            throw new IllegalArgumentException("JIM_TEST_MYSQL_URL must look like jdbc:mysql://host:port/db?user=root");
        }
        String server = m.group(1);
        String params = m.group(3) == null ? "" : m.group(3);
        String name = "jim_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(server + "/" + params, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestDatabase(server + "/" + name + params,
                Optional.of(() -> execute(server + "/" + params, "DROP DATABASE IF EXISTS `" + name + "`")));
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test MySQL server: " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        drop.ifPresent(Runnable::run);
    }
}
