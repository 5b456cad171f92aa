package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real jim (Netty TCP + HTTP + jOOQ storage) on random ports over a test database, plus the HTTP
 * setup steps the TCP tests need (accounts, devices, friends, groups) and the sockets they open, which
 * {@link #closeClients()} closes. Accounts are unique per fixture, so tests sharing a server never see
 * each other's users.
 */
final class Jim implements AutoCloseable {

    static final String PASSWORD = "password123";

    /** A logged-in device of a user, as {@code POST /api/sessions} answered. */
    record Session(String account, long userId, long deviceId, String token, long syncSequence, long deviceSyncSequence,
                   long sendSequence) {
    }

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RUN = Long.toString(RANDOM.nextLong() & 0xFFFFFFFL, 36);

    private final TestDatabase db;
    private final boolean ownsDb;
    private final JimServer server;
    private final Api api;
    private final Queue<WireClient> clients = new ConcurrentLinkedQueue<>();

    private Jim(TestDatabase db, boolean ownsDb, JimServer server) {
        this.db = db;
        this.ownsDb = ownsDb;
        this.server = server;
        this.api = new Api(server.httpPort());
    }

    /** Skips (never silently passes) the MySQL run when no test MySQL server is configured. */
    static void assumeAvailable(TestDatabase.Kind kind) {
        assumeTrue(kind == TestDatabase.Kind.H2 || TestDatabase.mysqlUrl().isPresent(),
                "JIM_TEST_MYSQL_URL is not set: MySQL run skipped");
    }

    /** A fresh database of {@code kind} and a server on it; closing this closes (and drops) both. */
    static Jim start(TestDatabase.Kind kind) {
        return start(kind, Map.of());
    }

    static Jim start(TestDatabase.Kind kind, Map<String, String> overrides) {
        assumeAvailable(kind);
        TestDatabase db = TestDatabase.create(kind);
        try {
            return new Jim(db, true, TestServer.start(db, overrides));
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /** A server on an existing database that this fixture does not own (for restarts). */
    static Jim on(TestDatabase db) {
        return new Jim(db, false, TestServer.start(db));
    }

    JimServer server() {
        return server;
    }

    Api api() {
        return api;
    }

    int tcpPort() {
        return server.tcpPort();
    }

    // ---- accounts and devices ----

    /** A new user (account unique to this run) logged in on its first device. */
    Session register(String name) {
        String account = name + "_" + RUN + "_" + ACCOUNTS.incrementAndGet();
        assertThat(account.length()).isLessThanOrEqualTo(32);
        api.expect(201, "POST", "/api/users", null, Map.of("account", account, "password", PASSWORD, "nickname", name));
        return login(account, null);
    }

    /** Another device of the same user (a login without a device id). */
    Session newDevice(Session any) {
        return login(any.account(), null);
    }

    /** A login of the same device again: a new token; the old one (and its TCP connection) is revoked. */
    Session loginAgain(Session session) {
        return login(session.account(), session.deviceId());
    }

    private Session login(String account, Long deviceId) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("type", 6);
        if (deviceId != null) {
            device.put("device_id", deviceId);
        }
        JsonNode body = api.expect(201, "POST", "/api/sessions", null, Map.of("account", account, "password", PASSWORD, "device", device));
        return new Session(account, body.get("user_id").asLong(), body.get("device_id").asLong(), body.get("token").asText(),
                body.get("sync_sequence").asLong(), body.get("device_sync_sequence").asLong(), body.get("send_sequence").asLong());
    }

    void logout(Session session) {
        api.expect(204, "DELETE", "/api/sessions/current", session.token(), null);
    }

    // ---- friends and groups ----

    /** {@code a} asks, {@code b} accepts (commands 100 and 101 go into both inboxes). */
    void befriend(Session a, Session b) {
        JsonNode request = api.expect(201, "POST", "/api/friends/requests", a.token(), Map.of("user_id", b.userId()));
        api.expect(200, "POST", "/api/friends/requests/" + request.get("request_id").asLong() + "/accept", b.token(), Map.of());
    }

    void unfriend(Session a, Session b) {
        api.expect(204, "DELETE", "/api/friends/" + b.userId(), a.token(), null);
    }

    /** A group owned by {@code owner} with the given other members; returns its id. */
    long createGroup(Session owner, Session... members) {
        List<Long> ids = Arrays.stream(members).map(Session::userId).toList();
        JsonNode group = api.expect(201, "POST", "/api/groups", owner.token(),
                Map.of("name", "g" + ACCOUNTS.incrementAndGet(), "member_ids", ids));
        return group.get("group_id").asLong();
    }

    // ---- inboxes over HTTP ----

    /** {@code GET /api/messages}: one page. */
    JsonNode messages(Session session, long afterSequence, int limit) {
        return api.expect(200, "GET", "/api/messages?after_sequence=" + afterSequence + "&limit=" + limit, session.token(), null);
    }

    /** The whole inbox of the session's user after {@code afterSequence}, every page. */
    List<JsonNode> inbox(Session session, long afterSequence) {
        List<JsonNode> all = new ArrayList<>();
        long after = afterSequence;
        while (true) {
            JsonNode page = messages(session, after, 500);
            page.get("messages").forEach(all::add);
            if (!page.get("has_more").asBoolean()) {
                return all;
            }
            assertThat(page.get("messages")).as("a page with has_more true holds something").isNotEmpty();
            after = all.getLast().get("sync_sequence").asLong();
        }
    }

    /** {@code POST /api/messages}: a text to a user, numbered with {@code sendSequence}; returns the 201 body. */
    JsonNode sendOverHttp(Jim.Session from, long toUserId, long sendSequence, String content) {
        return api.expect(201, "POST", "/api/messages", from.token(), Map.of("receiver_type", Wire.RECEIVER_USER, "receiver_id", toUserId,
                "type", Wire.TEXT, "content", content, "send_sequence", sendSequence));
    }

    /** {@code POST /api/admin/messages} to a list of users; returns the message id. */
    long adminPush(String content, Session... users) {
        List<Long> ids = Arrays.stream(users).map(Session::userId).toList();
        JsonNode answer = api.expect(201, "POST", "/api/admin/messages", TestServer.ADMIN_TOKEN,
                Map.of("user_ids", ids, "type", Wire.TEXT, "content", content));
        return answer.get("message_id").asLong();
    }

    /** {@code POST /api/admin/messages} to every member of a group; returns the message id. */
    long adminPushToGroup(long groupId, String content) {
        JsonNode answer = api.expect(201, "POST", "/api/admin/messages", TestServer.ADMIN_TOKEN,
                Map.of("receiver_type", Wire.RECEIVER_GROUP, "receiver_id", groupId, "type", Wire.TEXT, "content", content));
        return answer.get("message_id").asLong();
    }

    // ---- TCP ----

    /** A raw connection, not signed in; closed by {@link #closeClients()}. */
    WireClient connect() {
        WireClient client = WireClient.connect(server.tcpPort());
        clients.add(client);
        return client;
    }

    /** The session's device connected and signed in (SignInACK code 0 asserted). */
    Device online(Session session) {
        return Device.signIn(session, connect());
    }

    /** Closes every socket opened through this fixture. */
    void closeClients() {
        for (WireClient c; (c = clients.poll()) != null; ) {
            c.close();
        }
    }

    @Override
    public void close() {
        try {
            closeClients();
            server.close();
        } finally {
            if (ownsDb) {
                db.close();
            }
        }
    }
}
