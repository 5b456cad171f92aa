package io.jim.adapter.http;

import static io.jim.adapter.http.RouteTestSupport.assertStatus;
import static io.jim.adapter.http.RouteTestSupport.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.support.Http;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.domain.group.Group;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed input, table-driven: every case must be answered with its 4xx and the API's
 * error body (a JSON object with code, error and message, and the field for a 400), never a 500,
 * never a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final String PW = InMemoryJim.PASSWORD;
    private JimServer s;
    private Session user;
    private Session other;
    private Group group;

    /** One hostile request and what it must get. {@code path} and {@code body} may hold {G} (a group of the caller), {U} (the caller) and {O} (another user). */
    record Case(String name, String method, String path, boolean authenticated, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() {
        s = new JimServer();
        user = s.user("hostile");
        other = s.user("bystander");
        group = s.jim.createGroup(user, "hostile group");
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private static Case bad(String name, String method, String path, String body, String field) {
        return new Case(name, method, path, true, body, 400, field);
    }

    private static Case badPublic(String name, String path, String body, String field) {
        return new Case(name, "POST", path, false, body, 400, field);
    }

    static List<Case> cases() {
        String reg = "{\"account\":\"hostile_new\",\"password\":" + q(PW) + ",\"nickname\":\"N\"";
        List<Case> c = new ArrayList<>();
        // malformed JSON
        c.add(badPublic("truncated object", "/api/users", "{\"account\":", "body"));
        c.add(badPublic("not JSON at all", "/api/users", "account=alice&password=x", "body"));
        c.add(badPublic("array instead of object", "/api/users", "[]", "body"));
        c.add(badPublic("string instead of object", "/api/users", "\"alice\"", "body"));
        c.add(badPublic("number instead of object", "/api/users", "42", "body"));
        c.add(badPublic("literal null body", "/api/users", "null", "body"));
        c.add(badPublic("trailing garbage", "/api/users", reg + "} trailing", "body"));
        c.add(badPublic("two objects", "/api/users", reg + "}{}", "body"));
        c.add(badPublic("duplicate key", "/api/users", reg + ",\"nickname\":\"Other\"}", "body"));
        c.add(badPublic("single quotes", "/api/users", "{'account':'abc'}", "body"));
        c.add(badPublic("comment in JSON", "/api/users", "{/* hi */\"account\":\"abc\"}", "body"));
        c.add(badPublic("empty body", "/api/users", "", "body"));
        c.add(badPublic("whitespace body", "/api/users", "   \n ", "body"));
        // wrong types
        c.add(badPublic("account as number", "/api/users", "{\"account\":123456,\"password\":" + q(PW) + ",\"nickname\":\"N\"}", "account"));
        c.add(badPublic("account as array", "/api/users", "{\"account\":[\"a\"],\"password\":" + q(PW) + ",\"nickname\":\"N\"}", "account"));
        c.add(badPublic("sex as string", "/api/users", reg + ",\"sex\":\"1\"}", "sex"));
        c.add(badPublic("sex as boolean", "/api/users", reg + ",\"sex\":true}", "sex"));
        c.add(badPublic("sex as fraction", "/api/users", reg + ",\"sex\":1.5}", "sex"));
        c.add(badPublic("sex as exponent", "/api/users", reg + ",\"sex\":1e0}", "sex"));
        c.add(badPublic("sex huge", "/api/users", reg + ",\"sex\":99999999999999999999999}", "sex"));
        c.add(badPublic("sex negative", "/api/users", reg + ",\"sex\":-1}", "sex"));
        c.add(badPublic("extra as string", "/api/users", reg + ",\"extra\":\"{}\"}", "extra"));
        c.add(badPublic("extra as array", "/api/users", reg + ",\"extra\":[]}", "extra"));
        c.add(badPublic("nickname as object", "/api/users", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"nickname\":{}}", "nickname"));
        c.add(badPublic("device as string", "/api/sessions", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"device\":\"android\"}", "device"));
        c.add(badPublic("device type as string", "/api/sessions", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"device\":{\"type\":\"1\"}}", "device.type"));
        c.add(badPublic("device id as string", "/api/sessions", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"device\":{\"type\":1,\"device_id\":\"7\"}}", "device.device_id"));
        c.add(bad("member_ids as string", "POST", "/api/groups", "{\"name\":\"g\",\"member_ids\":\"1,2\"}", "member_ids"));
        c.add(bad("member_ids with a string", "POST", "/api/groups", "{\"name\":\"g\",\"member_ids\":[\"1\"]}", "member_ids"));
        c.add(bad("member_ids with a boolean", "POST", "/api/groups", "{\"name\":\"g\",\"member_ids\":[true]}", "member_ids"));
        c.add(bad("member_ids with a nested array", "POST", "/api/groups", "{\"name\":\"g\",\"member_ids\":[[1]]}", "member_ids"));
        c.add(bad("user_id as string", "POST", "/api/friends/requests", "{\"user_id\":\"5\"}", "user_id"));
        c.add(bad("user_id fractional", "POST", "/api/friends/requests", "{\"user_id\":5.0}", "user_id"));
        c.add(bad("receiver_id huge", "POST", "/api/messages", "{\"receiver_type\":1,\"receiver_id\":18446744073709551616,\"type\":1,\"content\":\"x\"}", "receiver_id"));
        c.add(bad("type over int range", "POST", "/api/messages", "{\"receiver_type\":1,\"receiver_id\":1,\"type\":4294967297,\"content\":\"x\"}", "type"));
        c.add(bad("content as number", "POST", "/api/messages", "{\"receiver_type\":1,\"receiver_id\":1,\"type\":1,\"content\":5}", "content"));
        c.add(bad("to_user_ids as object", "POST", "/api/messages", "{\"receiver_type\":2,\"receiver_id\":1,\"type\":1,\"content\":\"x\",\"to_user_ids\":{}}", "to_user_ids"));
        c.add(bad("sync_sequence as string", "POST", "/api/messages/ack", "{\"sync_sequence\":\"1\"}", "sync_sequence"));
        c.add(bad("role as number", "PATCH", "/api/groups/{G}/members/{U}", "{\"role\":1}", "role"));
        // nulls
        c.add(badPublic("account null", "/api/users", "{\"account\":null,\"password\":" + q(PW) + ",\"nickname\":\"N\"}", "account"));
        c.add(badPublic("extra null", "/api/users", reg + ",\"extra\":null}", "extra"));
        c.add(badPublic("device null", "/api/sessions", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"device\":null}", "device"));
        c.add(badPublic("device brand null", "/api/sessions", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"device\":{\"type\":1,\"brand\":null}}", "device.brand"));
        c.add(bad("member_ids with null", "POST", "/api/groups", "{\"name\":\"g\",\"member_ids\":[null]}", "member_ids"));
        c.add(bad("nickname null in patch", "PATCH", "/api/users/me", "{\"nickname\":null}", "nickname"));
        c.add(bad("remark null", "PATCH", "/api/friends/{U}", "{\"remark\":null}", "remark"));
        // unknown fields
        c.add(badPublic("unknown top-level field", "/api/users", reg + ",\"is_admin\":true}", "is_admin"));
        c.add(badPublic("camelCase field", "/api/users", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"nickname\":\"N\",\"avatarUrl\":\"x\"}", "avatarUrl"));
        c.add(badPublic("unknown nested field", "/api/sessions", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"device\":{\"type\":1,\"imei\":\"1\"}}", "device.imei"));
        c.add(bad("user_id in patch me", "PATCH", "/api/users/me", "{\"user_id\":2}", "user_id"));
        c.add(bad("sender_id in a send", "POST", "/api/messages", "{\"receiver_type\":1,\"receiver_id\":1,\"type\":1,\"content\":\"x\",\"sender_id\":9}", "sender_id"));
        // overlong and ill-formed strings
        c.add(badPublic("account 33 chars", "/api/users", "{\"account\":" + q("a".repeat(33)) + ",\"password\":" + q(PW) + ",\"nickname\":\"N\"}", "account"));
        c.add(badPublic("account with SQL", "/api/users", "{\"account\":\"a' OR '1'='1\",\"password\":" + q(PW) + ",\"nickname\":\"N\"}", "account"));
        c.add(badPublic("account with emoji", "/api/users", "{\"account\":\"ali🦊ce\",\"password\":" + q(PW) + ",\"nickname\":\"N\"}", "account"));
        c.add(badPublic("password 73 chars", "/api/users", "{\"account\":\"abcd\",\"password\":" + q("p".repeat(73)) + ",\"nickname\":\"N\"}", "password"));
        c.add(badPublic("nickname 33 emoji", "/api/users", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"nickname\":" + q("🦊".repeat(33)) + "}", "nickname"));
        c.add(badPublic("nickname with control char", "/api/users", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"nickname\":\"a\\u0000b\"}", "nickname"));
        c.add(badPublic("avatar_url 257 chars", "/api/users", reg + ",\"avatar_url\":" + q("h".repeat(257)) + "}", "avatar_url"));
        c.add(badPublic("extra over 4 KiB", "/api/users", reg + ",\"extra\":{\"k\":" + q("x".repeat(4097)) + "}}", "extra"));
        c.add(badPublic("device model 65 chars", "/api/sessions", "{\"account\":\"abcd\",\"password\":" + q(PW) + ",\"device\":{\"type\":1,\"model\":" + q("m".repeat(65)) + "}}", "device.model"));
        c.add(bad("group name 33 chars", "POST", "/api/groups", "{\"name\":" + q("g".repeat(33)) + ",\"member_ids\":[]}", "name"));
        c.add(bad("introduction 513 chars", "PATCH", "/api/groups/{G}", "{\"introduction\":" + q("i".repeat(513)) + "}", "introduction"));
        c.add(bad("label 33 chars", "PATCH", "/api/groups/{G}/members/{U}", "{\"label\":" + q("l".repeat(33)) + "}", "label"));
        c.add(bad("friend message 257 chars", "POST", "/api/friends/requests", "{\"user_id\":{O},\"message\":" + q("m".repeat(257)) + "}", "message"));
        // ids in paths: negative, huge, not numbers, traversal
        c.add(bad("negative user id", "GET", "/api/users/-1", null, "user_id"));
        c.add(bad("user id over long", "GET", "/api/users/9223372036854775808", null, "user_id"));
        c.add(bad("user id with sign", "GET", "/api/users/+5", null, "user_id"));
        c.add(bad("user id in hex", "GET", "/api/users/0x10", null, "user_id"));
        c.add(bad("user id with exponent", "GET", "/api/users/1e3", null, "user_id"));
        c.add(bad("user id with SQL", "GET", "/api/users/1%20OR%201=1", null, "user_id"));
        c.add(bad("encoded traversal as user id", "GET", "/api/users/..%2F..%2Fetc%2Fpasswd", null, "user_id"));
        c.add(bad("double-encoded traversal", "GET", "/api/users/%252e%252e%252f", null, "user_id"));
        c.add(bad("encoded slash in group id", "GET", "/api/groups/1%2F..%2F2", null, "group_id"));
        c.add(bad("non-numeric group id", "DELETE", "/api/groups/abc", null, "group_id"));
        c.add(bad("non-numeric member id", "DELETE", "/api/groups/{G}/members/x", null, "user_id"));
        c.add(bad("negative request id", "POST", "/api/friends/requests/-7/accept", "{}", "request_id"));
        c.add(bad("non-numeric query", "GET", "/api/messages?after_sequence=1;DROP", null, "after_sequence"));
        c.add(new Case("zero user id", "GET", "/api/users/0", true, null, 404, null));
        c.add(new Case("largest user id", "GET", "/api/users/9223372036854775807", true, null, 404, null));
        c.add(new Case("zero group id", "GET", "/api/groups/0", true, null, 404, null));
        c.add(new Case("dot-dot segments", "GET", "/api/users/../../etc/passwd", true, null, 404, null));
        c.add(new Case("NUL in path", "GET", "/api/users/1%00", true, null, 400, null));
        return c;
    }

    private String fill(String template) {
        if (template == null) {
            return null;
        }
        return template.replace("{G}", Long.toString(group.id().value())).replace("{U}", Long.toString(user.userId().value()))
                .replace("{O}", Long.toString(other.userId().value()));
    }

    private static void assertErrorBody(Answer a, int status, String field) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.header("Content-Type")).as(a.toString()).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = a.json();
        assertThat(body.path("code").isInt()).as(a.toString()).isTrue();
        assertThat(body.path("error").asText()).as(a.toString()).isNotEmpty();
        assertThat(body.path("message").asText()).as(a.toString()).isNotEmpty();
        if (field != null) {
            assertThat(body.path("field").asText()).as(a.toString()).isEqualTo(field);
        }
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("jackson");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputIsRefusedWithTheContractErrorBody(Case c) {
        Answer a = s.http.send(c.method(), fill(c.path()), c.authenticated() ? user.token() : null, fill(c.body()));
        assertErrorBody(a, c.status(), c.field());
        if (c.status() == 400) {
            assertThat(a.json().path("code").asInt()).isEqualTo(5);
            assertThat(a.json().path("error").asText()).isEqualTo("INVALID_ARGUMENT");
        }
    }

    @Test
    void aBodyOver64KibIs413EvenBeforeAuthentication() {
        String body = "{\"nickname\":" + q("x".repeat(65 * 1024)) + "}";
        assertErrorBody(s.http.patch("/api/users/me", user.token(), body), 413, null);
        assertErrorBody(s.http.patch("/api/users/me", null, body), 413, null);
        Answer a = s.http.post("/api/users", null, body);
        assertErrorBody(a, 413, null);
        assertThat(a.json().path("code").asInt()).isEqualTo(10);
        assertThat(a.json().path("error").asText()).isEqualTo("TOO_LARGE");
    }

    @Test
    void anOversizeBodyStillInFlightIsReadBeforeThe413SoThatTheClientCanReadIt() throws Exception {
        // Answering after the headers and closing with the body unread resets the connection while the client
        // is still writing: the client's write fails (broken pipe) and it may never read the 413.
        byte[] body = ("{\"nickname\":" + q("x".repeat(70_000)) + "}").getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", s.harness.server.port())) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 1024);
            out.flush();
            // The body is not complete: the server must still be reading it, not answering.
            socket.setSoTimeout(1_000);
            assertThatThrownBy(() -> socket.getInputStream().read()).as("an answer before the body was complete")
                    .isInstanceOf(java.net.SocketTimeoutException.class);

            out.write(body, 1024, body.length - 1024);
            out.flush();
            socket.setSoTimeout(10_000);
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void aChunkedBodyOver64KibWithoutContentLengthIs413() {
        byte[] body = ("{\"nickname\":" + q("x".repeat(70_000)) + "}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = s.http.request("/api/users/me")
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        Answer a = send(b);
        assertErrorBody(a, 413, null);
    }

    @Test
    void aBodyOfExactly64KibIsRead() {
        String prefix = "{\"extra\":{\"k\":\"";
        String suffix = "\"}}";
        String body = prefix + "x".repeat(65536 - prefix.length() - suffix.length()) + suffix;
        assertThat(body.length()).isEqualTo(65536);
        // Read and parsed (the extra is then too big for its own 4 KiB limit): a 400, not a 413.
        assertErrorBody(s.http.patch("/api/users/me", user.token(), body), 400, "extra");
    }

    @Test
    void invalidUtf8IsA400NotA500() {
        byte[] bad = {'{', '"', 'n', 'i', 'c', 'k', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        Answer a = s.http.send(s.http.request("/api/users/me").header("Authorization", "Bearer " + user.token()), "PATCH", bad);
        assertErrorBody(a, 400, "body");
    }

    @Test
    void absurdlyDeepNestingIsA400() {
        String deep = "{\"extra\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
        assertErrorBody(s.http.patch("/api/users/me", user.token(), deep), 400, null);
    }

    @Test
    void hugeHeadersGetAJsonErrorFromJetty() {
        HttpRequest.Builder b = s.http.request("/api/users/me").header("X-Junk", "j".repeat(64 * 1024));
        Answer a = send(b.GET());
        assertThat(a.status()).isBetween(400, 499);
        assertThat(a.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(a.json().path("code").isInt()).isTrue();
    }

    @Test
    void sqlLookingAndEmojiTextIsStoredAndReturnedVerbatim() {
        String nickname = "Robert'); DROP TABLE users;--";
        String account = JimServer.account("bobby");
        JsonNode created = assertStatus(s.http.post("/api/users", null, "{\"account\":" + q(account) + ",\"password\":" + q(PW)
                + ",\"nickname\":" + q(nickname) + ",\"extra\":{\"q\":\"1' OR '1'='1\",\"\\\"k\\\"\":\"<script>\"}}"), 201).json();
        assertThat(created.path("nickname").asText()).isEqualTo(nickname);
        assertThat(created.path("extra").path("q").asText()).isEqualTo("1' OR '1'='1");
        assertThat(created.path("extra").path("\"k\"").asText()).isEqualTo("<script>");

        String emoji = "🦊".repeat(32);
        JsonNode patched = assertStatus(s.http.patch("/api/users/me", user.token(), "{\"nickname\":" + q(emoji) + "}"), 200).json();
        assertThat(patched.path("nickname").asText()).isEqualTo(emoji);

        Session friend = s.user("sqlfriend");
        s.jim.makeFriends(user, friend);
        String content = "'; DELETE FROM messages WHERE '1'='1 -- 👋 \\ \" \n";
        long before = s.jim.inbox().newest(friend.userId()).value();
        assertStatus(s.http.post("/api/messages", user.token(), "{\"receiver_type\":1,\"receiver_id\":" + friend.userId().value()
                + ",\"type\":1,\"content\":" + q(content) + "}"), 201);
        JsonNode item = s.http.get("/api/messages?after_sequence=" + before, friend.token()).json().path("messages").get(0);
        assertThat(item.path("content").asText()).isEqualTo(content);
    }

    private Answer send(HttpRequest.Builder b) {
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(r.statusCode(), r.headers(), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
