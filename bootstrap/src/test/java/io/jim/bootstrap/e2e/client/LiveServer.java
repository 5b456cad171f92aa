package io.jim.bootstrap.e2e.client;

import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import io.jim.client.JimClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The real server on random loopback ports over a fresh database of one kind, shared by the client tests of
 * one run (see {@link EachDatabase}); every test makes its own users, so they do not see each other.
 */
final class LiveServer implements AutoCloseable {

    /**
     * These tests are about delivery, not about the abuse limits (they have tests of their own): every user of a
     * run logs in from 127.0.0.1 within a minute or so, and the burst test sends faster than one user may by
     * default. 0 turns a limit off.
     */
    private static final Map<String, String> NO_RATE_LIMITS = Map.of(
            "JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP", "0",
            "JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN", "0",
            "JIM_MAX_SENDS_PER_SECOND_PER_USER", "0",
            "JIM_MAX_FRAMES_PER_SECOND", "0");

    private final TestDatabase.Kind kind;
    private final TestDatabase db;
    private final JimServer server;
    private final JimClient anonymous;

    private LiveServer(TestDatabase.Kind kind, TestDatabase db, JimServer server) {
        this.kind = kind;
        this.db = db;
        this.server = server;
        this.anonymous = JimClient.create(URI.create(httpUrl()), Duration.ofSeconds(30));
    }

    static LiveServer start(TestDatabase.Kind kind) {
        TestDatabase db = TestDatabase.create(kind);
        try {
            return new LiveServer(kind, db, TestServer.start(db, NO_RATE_LIMITS));
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    TestDatabase.Kind kind() {
        return kind;
    }

    String httpUrl() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    int tcpPort() {
        return server.tcpPort();
    }

    /** An HTTP client without a token (register, login). */
    JimClient http() {
        return anonymous;
    }

    @Override
    public void close() {
        try {
            anonymous.close();
            server.close();
        } finally {
            db.close();
        }
    }

    @Override
    public String toString() {
        return "jim on " + kind;
    }
}
