package io.jim.bootstrap.e2e.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import java.util.Map;

/**
 * The real server over one kind of test database, started on first use and stopped by its test
 * class. On MySQL without {@code JIM_TEST_MYSQL_URL} every test using it is reported skipped.
 */
final class RunningServer implements AutoCloseable {

    private final TestDatabase.Kind kind;
    private final Map<String, String> overrides;
    private TestDatabase db;
    private JimServer server;
    private Api api;
    private RuntimeException startFailure;

    RunningServer(TestDatabase.Kind kind, Map<String, String> overrides) {
        this.kind = kind;
        this.overrides = Map.copyOf(overrides);
    }

    TestDatabase.Kind kind() {
        return kind;
    }

    /** The client of the running server (started now if needed); skips the test where MySQL is not configured. */
    synchronized Api api() {
        start();
        return api;
    }

    /** The JDBC URL of the server's database (started now if needed). */
    synchronized String dbUrl() {
        start();
        return db.url();
    }

    synchronized int httpPort() {
        start();
        return server.httpPort();
    }

    private void start() {
        assumeTrue(kind == TestDatabase.Kind.H2 || TestDatabase.mysqlUrl().isPresent(),
                "JIM_TEST_MYSQL_URL is not set: MySQL run skipped");
        if (startFailure != null) {
            throw new IllegalStateException("the " + kind + " server failed to start", startFailure);
        }
        if (server != null) {
            return;
        }
        try {
            db = TestDatabase.create(kind);
            server = TestServer.start(db, overrides);
            api = new Api(server.httpPort());
        } catch (RuntimeException e) {
            startFailure = e;
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            if (db != null) {
                db.close();
                db = null;
            }
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
