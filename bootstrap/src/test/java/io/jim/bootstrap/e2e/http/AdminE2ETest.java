package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Api.json;
import static io.jim.bootstrap.e2e.http.Expect.invalid;
import static io.jim.bootstrap.e2e.http.Expect.notFound;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static io.jim.bootstrap.e2e.http.Expect.unauthenticated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.TestServer;
import io.jim.bootstrap.e2e.http.Api.Answer;
import io.jim.bootstrap.e2e.http.Api.Session;
import java.util.List;

/** The admin API (POST /api/admin/messages) through the real server and storage, with the configured admin token. */
class AdminE2ETest {

    private static Answer push(Api api, String token, String body) {
        return api.post("/api/admin/messages", token, body);
    }

    private static JsonNode last(List<JsonNode> items) {
        return items.get(items.size() - 1);
    }

    private static void assertBusinessCopy(JsonNode copy, long messageId, int receiverType, long receiverId, String content) {
        assertThat(copy.path("message_id").asLong()).as(copy.toString()).isEqualTo(messageId);
        assertThat(copy.path("sender_type").asInt()).as(copy.toString()).isEqualTo(2);
        assertThat(copy.path("sender_id").asLong()).as(copy.toString()).isZero();
        assertThat(copy.path("sender_device_id").asLong()).as(copy.toString()).isZero();
        assertThat(copy.path("receiver_type").asInt()).as(copy.toString()).isEqualTo(receiverType);
        assertThat(copy.path("receiver_id").asLong()).as(copy.toString()).isEqualTo(receiverId);
        assertThat(copy.path("type").asInt()).as(copy.toString()).isEqualTo(8);
        assertThat(copy.path("content").asText()).as(copy.toString()).isEqualTo(content);
        assertThat(copy.path("send_time").asLong()).as(copy.toString()).isPositive();
    }

    @OnEachDatabase
    void pushToAUserShouldAnswer201AndStoreABusinessMessageInThatInboxOnly(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("adu");
        Session other = api.newUser("ado");
        JsonNode answer = status(push(api, TestServer.ADMIN_TOKEN,
                json("receiver_type", 1, "receiver_id", user.userId(), "type", 8, "content", "{\"promo\":1}")), 201);
        long id = answer.path("message_id").asLong();
        assertThat(id).isPositive();

        List<JsonNode> inbox = api.inbox(user);
        assertThat(inbox).hasSize(1);
        assertBusinessCopy(inbox.get(0), id, 1, user.userId(), "{\"promo\":1}");
        assertThat(inbox.get(0).path("sync_sequence").asLong()).isEqualTo(1);
        assertThat(api.inbox(other)).isEmpty();
    }

    @OnEachDatabase
    void pushToAGroupShouldReachEveryMember(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("adgo");
        Session member = api.newUser("adgm");
        Session outsider = api.newUser("adgx");
        long g = api.createGroup(owner, "news", member);
        long id = status(push(api, TestServer.ADMIN_TOKEN,
                json("receiver_type", 2, "receiver_id", g, "type", 8, "content", "maintenance at 3")), 201).path("message_id").asLong();
        for (Session m : List.of(owner, member)) {
            JsonNode copy = last(api.inbox(m));
            assertBusinessCopy(copy, id, 2, g, "maintenance at 3");
            assertThat(copy.path("sync_sequence").asLong()).isEqualTo(2);
        }
        assertThat(api.inbox(outsider)).isEmpty();
    }

    @OnEachDatabase
    void pushToAListOfUsersShouldPutOneMessageIntoEachListedInbox(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("adla");
        Session b = api.newUser("adlb");
        Session notListed = api.newUser("adlx");
        long id = status(push(api, TestServer.ADMIN_TOKEN,
                json("user_ids", List.of(a.userId(), b.userId(), a.userId()), "type", 8, "content", "hello both")), 201)
                .path("message_id").asLong();
        for (Session m : List.of(a, b)) {
            List<JsonNode> inbox = api.inbox(m);
            assertThat(inbox).as("one copy for " + m.account()).hasSize(1);
            JsonNode copy = inbox.get(0);
            assertThat(copy.path("message_id").asLong()).isEqualTo(id);
            assertThat(copy.path("sender_type").asInt()).isEqualTo(2);
            assertThat(copy.path("sender_id").asLong()).isZero();
            assertThat(copy.path("content").asText()).isEqualTo("hello both");
        }
        assertThat(api.inbox(notListed)).isEmpty();
    }

    @OnEachDatabase
    void pushShouldRefuseAUserTokenNoTokenAndAWrongAdminTokenWith401(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("adauth");
        String body = json("receiver_type", 1, "receiver_id", user.userId(), "type", 8, "content", "x");
        unauthenticated(push(api, user.token(), body));
        unauthenticated(push(api, null, body));
        unauthenticated(push(api, TestServer.ADMIN_TOKEN + "x", body));
        unauthenticated(push(api, TestServer.ADMIN_TOKEN.substring(1), body));
        assertThat(api.inbox(user)).isEmpty();
    }

    @OnEachDatabase
    void pushOfTypeSevenShouldAnswer400NamingType(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("adseven");
        invalid(push(api, TestServer.ADMIN_TOKEN,
                json("receiver_type", 1, "receiver_id", user.userId(), "type", 7, "content", "{\"code\":100}")), "type");
        invalid(push(api, TestServer.ADMIN_TOKEN, json("user_ids", List.of(user.userId()), "type", 7, "content", "{}")), "type");
        assertThat(api.inbox(user)).isEmpty();
    }

    @OnEachDatabase
    void pushToUnknownRecipientsOrWithBothKindsOfRecipientShouldAnswer4xx(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("adbad");
        notFound(push(api, TestServer.ADMIN_TOKEN, json("receiver_type", 1, "receiver_id", 987_654_321L, "type", 1, "content", "x")));
        notFound(push(api, TestServer.ADMIN_TOKEN, json("receiver_type", 2, "receiver_id", 987_654_321L, "type", 1, "content", "x")));
        JsonNode unknown = invalid(push(api, TestServer.ADMIN_TOKEN,
                json("user_ids", List.of(user.userId(), 987_654_321L), "type", 1, "content", "x")), "user_ids");
        assertThat(unknown.path("message").asText()).contains("987654321");
        invalid(push(api, TestServer.ADMIN_TOKEN, json("receiver_type", 1, "receiver_id", user.userId(),
                "user_ids", List.of(user.userId()), "type", 1, "content", "x")), "user_ids");
        invalid(push(api, TestServer.ADMIN_TOKEN, json("user_ids", List.of(), "type", 1, "content", "x")), "user_ids");
        invalid(push(api, TestServer.ADMIN_TOKEN, json("receiver_type", 3, "receiver_id", user.userId(), "type", 1, "content", "x")),
                "receiver_type");
        invalid(push(api, TestServer.ADMIN_TOKEN, json("receiver_type", 1, "receiver_id", user.userId(), "type", 1)), "content");
        Expect.error(push(api, TestServer.ADMIN_TOKEN, json("receiver_type", 1, "receiver_id", user.userId(), "type", 1,
                "content", "x".repeat(16_385))), 413, 10, "TOO_LARGE");
        assertThat(api.inbox(user)).isEmpty();
    }
}
