package io.jim.adapter.http;

import static io.jim.adapter.http.RouteTestSupport.assertError;
import static io.jim.adapter.http.RouteTestSupport.assertInvalid;
import static io.jim.adapter.http.RouteTestSupport.assertStatus;
import static io.jim.adapter.http.RouteTestSupport.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.domain.group.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Messages (HTTP-API.md) through the real HTTP stack over the in-memory application. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageRoutesTest {

    private JimServer s;

    @BeforeAll
    void start() {
        s = new JimServer();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private Answer send(Session from, int receiverType, long receiverId, String extraFields) {
        return s.http.post("/api/messages", from.token(), "{\"receiver_type\":" + receiverType + ",\"receiver_id\":" + receiverId
                + ",\"type\":1,\"content\":\"hello\"" + extraFields + "}");
    }

    private Session[] friends() {
        Session a = s.user("ma");
        Session b = s.user("mb");
        s.jim.makeFriends(a, b);
        return new Session[] {a, b};
    }

    /** The newest sequence in the user's inbox (friend events take sequences too). */
    private long newest(Session u) {
        return s.jim.inbox().newest(u.userId()).value();
    }

    @Test
    void sendingToAFriendAnswers201WithIdSequenceAndTime() {
        Session[] ab = friends();
        long before = newest(ab[0]);
        JsonNode r = assertStatus(send(ab[0], 1, ab[1].userId().value(), ",\"send_sequence\":1"), 201).json();
        assertThat(r.path("message_id").asLong()).isPositive();
        assertThat(r.path("sync_sequence").asLong()).isEqualTo(before + 1);
        assertThat(r.path("send_time").asLong()).isPositive();
    }

    @Test
    void aRetransmissionAnswers201WithTheOriginalBodyAndStoresNothing() {
        Session[] ab = friends();
        Answer first = assertStatus(send(ab[0], 1, ab[1].userId().value(), ",\"send_sequence\":5"), 201);
        long inboxB = newest(ab[1]);
        Answer again = assertStatus(send(ab[0], 1, ab[1].userId().value(), ",\"send_sequence\":5"), 201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(newest(ab[1])).isEqualTo(inboxB);
    }

    @Test
    void sendsWithoutSendSequenceAreNotDeduplicated() {
        Session[] ab = friends();
        JsonNode one = assertStatus(send(ab[0], 1, ab[1].userId().value(), ""), 201).json();
        JsonNode two = assertStatus(send(ab[0], 1, ab[1].userId().value(), ""), 201).json();
        assertThat(two.path("message_id")).isNotEqualTo(one.path("message_id"));
    }

    @Test
    void aLowerNeverUsedSendSequenceIs400() {
        Session[] ab = friends();
        assertStatus(send(ab[0], 1, ab[1].userId().value(), ",\"send_sequence\":10"), 201);
        assertInvalid(send(ab[0], 1, ab[1].userId().value(), ",\"send_sequence\":7"), "send_sequence");
        assertInvalid(send(ab[0], 1, ab[1].userId().value(), ",\"send_sequence\":-1"), "send_sequence");
    }

    @Test
    void sendingToANonFriendIs403NotFriendsAndToAForeignGroup403NotInGroup() {
        Session a = s.user("nf");
        Session b = s.user("nf2");
        assertError(send(a, 1, b.userId().value(), ""), 403, 2, "NOT_FRIENDS");
        assertError(send(a, 1, a.userId().value(), ""), 403, 2, "NOT_FRIENDS");
        assertError(send(a, 1, 987654321, ""), 403, 2, "NOT_FRIENDS");
        Group g = s.jim.createGroup(b, "theirs");
        assertError(send(a, 2, g.id().value(), ""), 403, 3, "NOT_IN_GROUP");
        assertError(send(a, 2, 987654321, ""), 403, 3, "NOT_IN_GROUP");
    }

    @Test
    void groupMessagesGoToEveryMember() {
        Session owner = s.user("gmo");
        Session m = s.user("gmm");
        Group g = s.jim.createGroup(owner, "chat", m);
        long before = newest(m);
        Answer r = assertStatus(s.http.post("/api/messages", owner.token(), "{\"receiver_type\":2,\"receiver_id\":" + g.id().value()
                + ",\"type\":1,\"content\":\"all\",\"to_user_ids\":[" + m.userId().value() + "]}"), 201);
        assertThat(newest(m)).isEqualTo(before + 1);
        JsonNode page = s.http.get("/api/messages?after_sequence=" + before, m.token()).json();
        JsonNode item = page.path("messages").get(0);
        assertThat(item.path("message_id")).isEqualTo(r.json().path("message_id"));
        assertThat(item.path("receiver_type").asInt()).isEqualTo(2);
        assertThat(item.path("receiver_id").asLong()).isEqualTo(g.id().value());
        assertThat(item.path("to_user_ids").get(0).asLong()).isEqualTo(m.userId().value());
    }

    @Test
    void sendRefusesBadFieldsNamingThem() {
        Session[] ab = friends();
        long to = ab[1].userId().value();
        Session a = ab[0];
        assertInvalid(s.http.post("/api/messages", a.token(), "{\"receiver_id\":" + to + ",\"type\":1,\"content\":\"x\"}"), "receiver_type");
        assertInvalid(s.http.post("/api/messages", a.token(), "{\"receiver_type\":1,\"type\":1,\"content\":\"x\"}"), "receiver_id");
        assertInvalid(s.http.post("/api/messages", a.token(), "{\"receiver_type\":1,\"receiver_id\":" + to + ",\"content\":\"x\"}"), "type");
        assertInvalid(s.http.post("/api/messages", a.token(), "{\"receiver_type\":1,\"receiver_id\":" + to + ",\"type\":1}"), "content");
        assertInvalid(s.http.post("/api/messages", a.token(), "{\"receiver_type\":3,\"receiver_id\":" + to + ",\"type\":1,\"content\":\"x\"}"), "receiver_type");
        assertInvalid(s.http.post("/api/messages", a.token(), "{\"receiver_type\":1,\"receiver_id\":" + to + ",\"type\":9,\"content\":\"x\"}"), "type");
        assertInvalid(s.http.post("/api/messages", a.token(), "{\"receiver_type\":1,\"receiver_id\":" + to + ",\"type\":7,\"content\":\"x\"}"), "type");
        assertInvalid(s.http.post("/api/messages", a.token(), "{\"receiver_type\":1,\"receiver_id\":" + to + ",\"type\":1,\"content\":{\"t\":1}}"), "content");
    }

    @Test
    void contentOverTheLimitIs413TooLarge() {
        Session[] ab = friends();
        String big = "x".repeat(s.jim.limits().maxContentBytes() + 1);
        assertError(s.http.post("/api/messages", ab[0].token(), "{\"receiver_type\":1,\"receiver_id\":" + ab[1].userId().value()
                + ",\"type\":1,\"content\":" + q(big) + "}"), 413, 10, "TOO_LARGE");
    }

    @Test
    void readingTheInboxGivesMessageItemsAfterTheSequenceWithHasMore() {
        Session[] ab = friends();
        Session a = ab[0];
        Session b = ab[1];
        long start = newest(b);
        for (int i = 1; i <= 3; i++) {
            assertStatus(send(a, 1, b.userId().value(), ",\"send_sequence\":" + i), 201);
        }
        JsonNode page = assertStatus(s.http.get("/api/messages?after_sequence=" + start + "&limit=2", b.token()), 200).json();
        assertThat(page.path("has_more").asBoolean()).isTrue();
        assertThat(page.path("messages")).hasSize(2);
        JsonNode item = page.path("messages").get(0);
        assertThat(item.path("sync_sequence").asLong()).isEqualTo(start + 1);
        assertThat(item.path("sender_type").asInt()).isEqualTo(1);
        assertThat(item.path("sender_id").asLong()).isEqualTo(a.userId().value());
        assertThat(item.path("sender_device_id").asLong()).isEqualTo(a.deviceId().value());
        assertThat(item.path("receiver_type").asInt()).isEqualTo(1);
        assertThat(item.path("receiver_id").asLong()).isEqualTo(b.userId().value());
        assertThat(item.path("type").asInt()).isEqualTo(1);
        assertThat(item.path("content").asText()).isEqualTo("hello");
        assertThat(item.path("send_time").asLong()).isPositive();
        assertThat(item.path("to_user_ids").isArray()).isTrue();
        assertThat(item.path("message_id").asLong()).isPositive();

        JsonNode rest = s.http.get("/api/messages?after_sequence=" + (start + 2), b.token()).json();
        assertThat(rest.path("has_more").asBoolean()).isFalse();
        assertThat(rest.path("messages")).hasSize(1);
        JsonNode none = s.http.get("/api/messages?after_sequence=" + (start + 3), b.token()).json();
        assertThat(none.path("messages")).isEmpty();
        assertThat(none.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void readingTheInboxWithoutParametersStartsAtTheBeginning() {
        Session[] ab = friends();
        JsonNode page = assertStatus(s.http.get("/api/messages", ab[1].token()), 200).json();
        assertThat(page.path("messages").get(0).path("sync_sequence").asLong()).isEqualTo(1);
        assertThat(page.path("messages").get(0).path("sender_type").asInt()).isEqualTo(3);
        assertThat(s.http.get("/api/messages?after_sequence=-5&limit=0", ab[1].token()).json()).isEqualTo(page);
    }

    @Test
    void nonNumericInboxParametersAre400NamingThem() {
        Session u = s.user("qp");
        assertInvalid(s.http.get("/api/messages?after_sequence=abc", u.token()), "after_sequence");
        assertInvalid(s.http.get("/api/messages?limit=ten", u.token()), "limit");
        assertInvalid(s.http.get("/api/messages?after_sequence=99999999999999999999", u.token()), "after_sequence");
        assertInvalid(s.http.get("/api/messages?after_sequence=1.5", u.token()), "after_sequence");
    }

    @Test
    void ackAnswers204AndTheNextLoginOnThatDeviceReportsIt() {
        Session[] ab = friends();
        Session b = ab[1];
        assertStatus(send(ab[0], 1, b.userId().value(), ""), 201);
        long newest = newest(b);
        Answer acked = assertStatus(s.http.post("/api/messages/ack", b.token(), "{\"sync_sequence\":" + newest + "}"), 204);
        assertThat(acked.body()).isEmpty();
        JsonNode session = s.http.post("/api/sessions", null, "{\"account\":" + q(b.user().account().value()) + ",\"password\":"
                + q(InMemoryJim.PASSWORD) + ",\"device\":{\"device_id\":" + b.deviceId().value() + ",\"type\":6}}").json();
        assertThat(session.path("device_sync_sequence").asLong()).isEqualTo(newest);
        assertThat(session.path("sync_sequence").asLong()).isEqualTo(newest);
    }

    @Test
    void ackRefusesAMissingOrNegativeSequence() {
        Session u = s.user("ack");
        assertInvalid(s.http.post("/api/messages/ack", u.token(), "{}"), "sync_sequence");
        assertInvalid(s.http.post("/api/messages/ack", u.token(), "{\"sync_sequence\":-1}"), "sync_sequence");
        assertInvalid(s.http.post("/api/messages/ack", u.token(), "{\"sync_sequence\":\"3\"}"), "sync_sequence");
    }

    @Test
    void sendReportsTheSendSequenceAtTheNextLogin() {
        Session[] ab = friends();
        assertStatus(send(ab[0], 1, ab[1].userId().value(), ",\"send_sequence\":42"), 201);
        JsonNode session = s.http.post("/api/sessions", null, "{\"account\":" + q(ab[0].user().account().value()) + ",\"password\":"
                + q(InMemoryJim.PASSWORD) + ",\"device\":{\"device_id\":" + ab[0].deviceId().value() + ",\"type\":6}}").json();
        assertThat(session.path("send_sequence").asLong()).isEqualTo(42);
    }
}
