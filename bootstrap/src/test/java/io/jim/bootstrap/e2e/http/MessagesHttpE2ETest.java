package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Api.json;
import static io.jim.bootstrap.e2e.http.Expect.error;
import static io.jim.bootstrap.e2e.http.Expect.invalid;
import static io.jim.bootstrap.e2e.http.Expect.noContent;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.http.Api.Answer;
import io.jim.bootstrap.e2e.http.Api.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Messages over HTTP (HTTP-API.md "Messages", PROTOCOL.md 4.2-4.4) through the real server and storage.
 * The content limit is the default, {@value #MAX_CONTENT_BYTES} UTF-8 bytes.
 */
class MessagesHttpE2ETest {

    static final int MAX_CONTENT_BYTES = 16_384;

    /** A text message from {@code from} to user {@code to}, numbered when {@code sendSequence} is given. */
    private static Answer sendText(Api api, Session from, long to, String content, Long sendSequence) {
        return api.post("/api/messages", from.token(), sendSequence == null
                ? json("receiver_type", 1, "receiver_id", to, "type", 1, "content", content)
                : json("receiver_type", 1, "receiver_id", to, "type", 1, "content", content, "send_sequence", sendSequence));
    }

    private static List<Long> sequences(JsonNode messages) {
        List<Long> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.path("sync_sequence").asLong()));
        return out;
    }

    private static JsonNode last(List<JsonNode> items) {
        return items.get(items.size() - 1);
    }

    @OnEachDatabase
    void sendToAFriendShouldAnswer201AndStoreTheSameMessageInBothInboxes(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("ma");
        Session b = api.newUser("mb");
        api.befriend(a, b); // commands 100 and 101: sequences 1 and 2 in both inboxes

        JsonNode receipt = status(sendText(api, a, b.userId(), "hello B", 1L), 201);
        long messageId = receipt.path("message_id").asLong();
        assertThat(messageId).isPositive();
        assertThat(receipt.path("sync_sequence").asLong()).isEqualTo(3);
        assertThat(receipt.path("send_time").asLong()).isPositive();

        JsonNode copyOfB = last(api.inbox(b));
        assertThat(copyOfB.path("message_id").asLong()).isEqualTo(messageId);
        assertThat(copyOfB.path("sender_type").asInt()).isEqualTo(1);
        assertThat(copyOfB.path("sender_id").asLong()).isEqualTo(a.userId());
        assertThat(copyOfB.path("sender_device_id").asLong()).isEqualTo(a.deviceId());
        assertThat(copyOfB.path("receiver_type").asInt()).isEqualTo(1);
        assertThat(copyOfB.path("receiver_id").asLong()).isEqualTo(b.userId());
        assertThat(copyOfB.path("type").asInt()).isEqualTo(1);
        assertThat(copyOfB.path("content").asText()).isEqualTo("hello B");
        assertThat(copyOfB.path("sync_sequence").asLong()).isEqualTo(3);
        assertThat(copyOfB.path("send_time").asLong()).isEqualTo(receipt.path("send_time").asLong());
        assertThat(copyOfB.path("to_user_ids").isArray()).isTrue();

        JsonNode copyOfA = last(api.inbox(a));
        assertThat(copyOfA.path("message_id").asLong()).isEqualTo(messageId);
        assertThat(copyOfA.path("receiver_id").asLong()).isEqualTo(b.userId());
        assertThat(copyOfA.path("sync_sequence").asLong()).isEqualTo(receipt.path("sync_sequence").asLong());
    }

    @OnEachDatabase
    void aRetransmissionWithTheSameSendSequenceShouldAnswer201WithTheOriginalReceiptAndStoreNothing(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("ra");
        Session b = api.newUser("rb");
        api.befriend(a, b);
        Answer original = sendText(api, a, b.userId(), "once", 7L);
        JsonNode receipt = status(original, 201);
        int before = api.inbox(b).size();

        Answer again = sendText(api, a, b.userId(), "once", 7L);
        assertThat(status(again, 201)).isEqualTo(receipt);
        Answer changed = sendText(api, a, b.userId(), "different content, same number", 7L);
        assertThat(status(changed, 201)).isEqualTo(receipt);
        assertThat(api.inbox(b)).hasSize(before);
        assertThat(api.inbox(a)).hasSize(before);
    }

    @OnEachDatabase
    void sendsWithoutSendSequenceShouldEachBeStoredAndANumberBelowTheHighestNeverUsedRefused(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("na");
        Session b = api.newUser("nb");
        api.befriend(a, b);
        long first = status(sendText(api, a, b.userId(), "same", null), 201).path("message_id").asLong();
        long second = status(sendText(api, a, b.userId(), "same", null), 201).path("message_id").asLong();
        assertThat(second).isNotEqualTo(first);

        status(sendText(api, a, b.userId(), "five", 5L), 201);
        invalid(sendText(api, a, b.userId(), "three", 3L), "send_sequence");
        status(sendText(api, a, b.userId(), "nine", 9L), 201);
        assertThat(api.inbox(b)).hasSize(2 + 4);
    }

    @OnEachDatabase
    void sendToANonFriendOneselfOrAnUnknownUserShouldAnswer403NotFriends(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("nfa");
        Session stranger = api.newUser("nfb");
        error(sendText(api, a, stranger.userId(), "hi", 1L), 403, 2, "NOT_FRIENDS");
        error(sendText(api, a, a.userId(), "me", 2L), 403, 2, "NOT_FRIENDS");
        error(sendText(api, a, 987_654_321L, "ghost", 3L), 403, 2, "NOT_FRIENDS");
        assertThat(api.inbox(stranger)).isEmpty();
        assertThat(api.inbox(a)).isEmpty();
    }

    @OnEachDatabase
    void sendToAGroupShouldReachEveryMemberAndANonMemberShouldGet403NotInGroup(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("gmo");
        Session member = api.newUser("gmm");
        Session outsider = api.newUser("gmx");
        long g = api.createGroup(owner, "talk", member);

        JsonNode receipt = status(api.post("/api/messages", member.token(), json("receiver_type", 2, "receiver_id", g, "type", 1,
                "content", "hi all", "send_sequence", 1, "to_user_ids", List.of(owner.userId()))), 201);
        for (Session s1 : List.of(owner, member)) {
            JsonNode copy = last(api.inbox(s1));
            assertThat(copy.path("message_id").asLong()).isEqualTo(receipt.path("message_id").asLong());
            assertThat(copy.path("receiver_type").asInt()).isEqualTo(2);
            assertThat(copy.path("receiver_id").asLong()).isEqualTo(g);
            assertThat(copy.path("sender_id").asLong()).isEqualTo(member.userId());
            assertThat(copy.path("to_user_ids").get(0).asLong()).isEqualTo(owner.userId());
            assertThat(copy.path("sync_sequence").asLong()).isEqualTo(2); // after command 120
        }

        error(api.post("/api/messages", outsider.token(), json("receiver_type", 2, "receiver_id", g, "type", 1, "content", "let me in")),
                403, 3, "NOT_IN_GROUP");
        error(api.post("/api/messages", outsider.token(), json("receiver_type", 2, "receiver_id", 987_654_321L, "type", 1, "content", "?")),
                403, 3, "NOT_IN_GROUP");
        assertThat(api.inbox(outsider)).isEmpty();
        assertThat(api.inbox(owner)).hasSize(2);
    }

    @OnEachDatabase
    void contentOverTheLimitInUtf8BytesShouldAnswer413TooLarge(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("big");
        Session b = api.newUser("big");
        api.befriend(a, b);
        error(sendText(api, a, b.userId(), "x".repeat(MAX_CONTENT_BYTES + 1), 1L), 413, 10, "TOO_LARGE");
        // fewer characters than the limit, more bytes: two bytes each
        error(sendText(api, a, b.userId(), "\u00e9".repeat(MAX_CONTENT_BYTES / 2 + 1), 2L), 413, 10, "TOO_LARGE");
        status(sendText(api, a, b.userId(), "x".repeat(MAX_CONTENT_BYTES), 3L), 201);
        assertThat(api.inbox(b)).hasSize(3);
    }

    @OnEachDatabase
    void aCommandTypeOrAnotherInvalidFieldShouldAnswer400NamingIt(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("bad");
        Session b = api.newUser("bad");
        api.befriend(a, b);
        long to = b.userId();
        invalid(api.post("/api/messages", a.token(), json("receiver_type", 1, "receiver_id", to, "type", 7, "content", "{}")), "type");
        invalid(api.post("/api/messages", a.token(), json("receiver_type", 1, "receiver_id", to, "type", 9, "content", "x")), "type");
        invalid(api.post("/api/messages", a.token(), json("receiver_type", 3, "receiver_id", to, "type", 1, "content", "x")), "receiver_type");
        invalid(api.post("/api/messages", a.token(), json("receiver_type", 1, "type", 1, "content", "x")), "receiver_id");
        invalid(api.post("/api/messages", a.token(), json("receiver_type", 1, "receiver_id", to, "content", "x")), "type");
        invalid(api.post("/api/messages", a.token(), json("receiver_type", 1, "receiver_id", to, "type", 1)), "content");
        invalid(api.post("/api/messages", a.token(), json("receiver_type", 1, "receiver_id", to, "type", 1, "content", "x",
                "to_user_ids", Collections.nCopies(101, to))), "to_user_ids");
        assertThat(api.inbox(b)).hasSize(2);
    }

    @OnEachDatabase
    void getMessagesShouldPageInSequenceOrderWithHasMore(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("pa");
        Session b = api.newUser("pb");
        api.befriend(a, b);
        for (int i = 1; i <= 5; i++) {
            status(sendText(api, a, b.userId(), "m" + i, (long) i), 201);
        }

        JsonNode page1 = status(api.get("/api/messages?after_sequence=2&limit=2", b.token()), 200);
        assertThat(sequences(page1.path("messages"))).containsExactly(3L, 4L);
        assertThat(page1.path("messages").get(0).path("content").asText()).isEqualTo("m1");
        assertThat(page1.path("has_more").asBoolean()).isTrue();
        JsonNode page2 = status(api.get("/api/messages?after_sequence=4&limit=2", b.token()), 200);
        assertThat(sequences(page2.path("messages"))).containsExactly(5L, 6L);
        assertThat(page2.path("has_more").asBoolean()).isTrue();
        JsonNode page3 = status(api.get("/api/messages?after_sequence=6&limit=2", b.token()), 200);
        assertThat(sequences(page3.path("messages"))).containsExactly(7L);
        assertThat(page3.path("has_more").asBoolean()).isFalse();
        JsonNode empty = status(api.get("/api/messages?after_sequence=7", b.token()), 200);
        assertThat(empty.path("messages")).isEmpty();
        assertThat(empty.path("has_more").asBoolean()).isFalse();

        JsonNode all = status(api.get("/api/messages", b.token()), 200);
        assertThat(sequences(all.path("messages"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(all.path("has_more").asBoolean()).isFalse();
        assertThat(sequences(status(api.get("/api/messages?after_sequence=-5&limit=3", b.token()), 200).path("messages")))
                .as("a negative after_sequence means 0").containsExactly(1L, 2L, 3L);
        invalid(api.get("/api/messages?after_sequence=abc", b.token()), "after_sequence");
        invalid(api.get("/api/messages?limit=ten", b.token()), "limit");
    }

    @OnEachDatabase
    void ackShouldAnswer204AndTheNextLoginShouldReportTheAcknowledgedAndSentPositions(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("acka");
        Session b = api.newUser("ackb");
        api.befriend(a, b);
        for (int i = 1; i <= 3; i++) {
            status(sendText(api, a, b.userId(), "m" + i, (long) (10 * i)), 201);
        }
        // b's inbox: 1..5

        noContent(api.post("/api/messages/ack", b.token(), json("sync_sequence", 4)));
        noContent(api.post("/api/messages/ack", b.token(), json("sync_sequence", 2))); // never moves back
        JsonNode again = status(api.login(b.account(), Api.PASSWORD, b.deviceId()), 201);
        assertThat(again.path("device_id").asLong()).isEqualTo(b.deviceId());
        assertThat(again.path("device_sync_sequence").asLong()).isEqualTo(4);
        assertThat(again.path("sync_sequence").asLong()).isEqualTo(4);

        JsonNode otherDevice = status(api.login(b.account(), Api.PASSWORD, null), 201);
        assertThat(otherDevice.path("sync_sequence").asLong()).isEqualTo(4);
        assertThat(otherDevice.path("device_sync_sequence").asLong()).isZero();
        assertThat(otherDevice.path("send_sequence").asLong()).isZero();

        String token = again.path("token").asText();
        noContent(api.post("/api/messages/ack", token, json("sync_sequence", 1000))); // past the newest counts as the newest
        JsonNode third = status(api.login(b.account(), Api.PASSWORD, b.deviceId()), 201);
        assertThat(third.path("device_sync_sequence").asLong()).isEqualTo(5);
        assertThat(third.path("sync_sequence").asLong()).isEqualTo(5);

        JsonNode sender = status(api.login(a.account(), Api.PASSWORD, a.deviceId()), 201);
        assertThat(sender.path("send_sequence").asLong()).isEqualTo(30);
        assertThat(sender.path("device_sync_sequence").asLong()).isZero();
    }

    @OnEachDatabase
    void ackShouldAnswer400NamingSyncSequenceWhenMissingOrNegative(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("ackbad");
        invalid(api.post("/api/messages/ack", a.token(), "{}"), "sync_sequence");
        invalid(api.post("/api/messages/ack", a.token(), json("sync_sequence", -1)), "sync_sequence");
        invalid(api.post("/api/messages/ack", a.token(), json("sync_sequence", "1")), "sync_sequence");
        invalid(api.post("/api/messages/ack", a.token(), null), "body");
    }
}
