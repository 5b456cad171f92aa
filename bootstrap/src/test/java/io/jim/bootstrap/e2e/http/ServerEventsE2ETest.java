package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Api.json;
import static io.jim.bootstrap.e2e.http.Expect.noContent;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.http.Api.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * PROTOCOL.md section 6: friend and group changes made over HTTP land as type-7 command items
 * (sender_type 3, sender 0) in the right inboxes, read back with GET /api/messages, each inbox numbered
 * 1, 2, 3 … without gaps.
 */
class ServerEventsE2ETest {

    /** The inbox of {@code s}: every item is a system command; its sequences are exactly 1..n. */
    private static List<JsonNode> commandInbox(Api api, Session s) {
        List<JsonNode> items = api.inbox(s);
        assertThat(items.stream().map(i -> i.path("sync_sequence").asLong()).toList())
                .as("sequences of user %d", s.userId())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, items.size()).boxed().toList());
        for (JsonNode item : items) {
            assertThat(item.path("type").asInt()).as(item.toString()).isEqualTo(7);
            assertThat(item.path("sender_type").asInt()).as(item.toString()).isEqualTo(3);
            assertThat(item.path("sender_id").asLong()).as(item.toString()).isZero();
            assertThat(item.path("sender_device_id").asLong()).as(item.toString()).isZero();
            assertThat(item.path("message_id").asLong()).as(item.toString()).isPositive();
            assertThat(item.path("send_time").asLong()).as(item.toString()).isPositive();
        }
        return items;
    }

    private static List<Integer> codes(List<JsonNode> items) {
        return items.stream().map(i -> Api.command(i).path("code").asInt()).toList();
    }

    private static JsonNode data(JsonNode item) {
        return Api.command(item).path("data");
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static void assertUserReceiver(JsonNode item, Session owner) {
        assertThat(item.path("receiver_type").asInt()).as(item.toString()).isEqualTo(1);
        assertThat(item.path("receiver_id").asLong()).as(item.toString()).isEqualTo(owner.userId());
    }

    private static void assertGroupReceiver(JsonNode item, long groupId) {
        assertThat(item.path("receiver_type").asInt()).as(item.toString()).isEqualTo(2);
        assertThat(item.path("receiver_id").asLong()).as(item.toString()).isEqualTo(groupId);
    }

    @OnEachDatabase
    void friendRequestAcceptAndDeleteShouldPutCommands100To102IntoBothInboxes(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("eva");
        Session b = api.newUser("evb");
        long requestId = status(api.post("/api/friends/requests", a.token(), json("user_id", b.userId(), "message", "hi B")), 201)
                .path("request_id").asLong();
        status(api.post("/api/friends/requests/" + requestId + "/accept", b.token(), null), 200);
        noContent(api.delete("/api/friends/" + b.userId(), a.token()));

        for (Session owner : List.of(a, b)) {
            List<JsonNode> items = commandInbox(api, owner);
            assertThat(codes(items)).as("inbox of " + owner.account()).containsExactly(100, 101, 102);
            items.forEach(i -> assertUserReceiver(i, owner));

            JsonNode sent = data(items.get(0));
            assertThat(sent.path("request_id").asLong()).isEqualTo(requestId);
            assertThat(sent.path("from_user_id").asLong()).isEqualTo(a.userId());
            assertThat(sent.path("to_user_id").asLong()).isEqualTo(b.userId());
            assertThat(sent.path("message").asText()).isEqualTo("hi B");

            JsonNode accepted = data(items.get(1));
            assertThat(accepted.path("request_id").asLong()).isEqualTo(requestId);
            assertThat(accepted.path("from_user_id").asLong()).isEqualTo(a.userId());
            assertThat(accepted.path("to_user_id").asLong()).isEqualTo(b.userId());

            JsonNode deleted = data(items.get(2));
            assertThat(deleted.path("user_id").asLong()).isEqualTo(a.userId());
            assertThat(deleted.path("friend_id").asLong()).isEqualTo(b.userId());
        }
        // each user's copy is its own message (its receiver is its owner) carrying the same command
        List<JsonNode> ofA = api.inbox(a);
        List<JsonNode> ofB = api.inbox(b);
        for (int i = 0; i < ofA.size(); i++) {
            assertThat(Api.command(ofA.get(i))).isEqualTo(Api.command(ofB.get(i)));
        }
    }

    @OnEachDatabase
    void aMutualRequestShouldAnnounceTheAcceptanceOfTheFirstRequest(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("emx");
        Session b = api.newUser("emy");
        long first = status(api.post("/api/friends/requests", a.token(), json("user_id", b.userId())), 201).path("request_id").asLong();
        status(api.post("/api/friends/requests", b.token(), json("user_id", a.userId())), 200);

        for (Session owner : List.of(a, b)) {
            List<JsonNode> items = commandInbox(api, owner);
            assertThat(codes(items)).containsExactly(100, 101);
            JsonNode accepted = data(items.get(1));
            assertThat(accepted.path("request_id").asLong()).isEqualTo(first);
            assertThat(accepted.path("from_user_id").asLong()).isEqualTo(a.userId());
            assertThat(accepted.path("to_user_id").asLong()).isEqualTo(b.userId());
        }
    }

    @OnEachDatabase
    void aRejectedRequestShouldNotBeAnnounced(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("era");
        Session b = api.newUser("erb");
        long id = status(api.post("/api/friends/requests", a.token(), json("user_id", b.userId())), 201).path("request_id").asLong();
        noContent(api.post("/api/friends/requests/" + id + "/reject", b.token(), null));
        assertThat(codes(commandInbox(api, a))).containsExactly(100);
        assertThat(codes(commandInbox(api, b))).containsExactly(100);
    }

    @OnEachDatabase
    void groupChangesShouldPutCommands110To122IntoTheInboxesOfTheMembersConcerned(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("ego");
        Session m1 = api.newUser("eg1");
        Session m2 = api.newUser("eg2");
        Session late = api.newUser("egl");

        long g = api.createGroup(owner, "events", m1, m2);                                        // 120 to owner, m1, m2
        status(api.patch("/api/groups/" + g, owner.token(), json("name", "renamed", "introduction", "")), 200); // 110 (name only)
        status(api.patch("/api/groups/" + g, owner.token(), json("name", "renamed")), 200);        // nothing changed: no event
        status(api.patch("/api/groups/" + g + "/members/" + m2.userId(), m2.token(), json("label", "private")), 200); // no event
        status(api.post("/api/groups/" + g + "/members", m1.token(), json("user_ids", List.of(late.userId()))), 200); // 120 to all 4
        api.setRole(owner, g, m1, "ADMIN");                                                        // 122 to all 4
        noContent(api.delete("/api/groups/" + g + "/members/" + m2.userId(), m1.token()));         // 121 to all 4, m2 included
        noContent(api.delete("/api/groups/" + g, owner.token()));                                  // 111 to owner, m1, late

        List<JsonNode> ofOwner = commandInbox(api, owner);
        List<JsonNode> ofM1 = commandInbox(api, m1);
        List<JsonNode> ofM2 = commandInbox(api, m2);
        List<JsonNode> ofLate = commandInbox(api, late);
        assertThat(codes(ofOwner)).containsExactly(120, 110, 120, 122, 121, 111);
        assertThat(codes(ofM1)).containsExactly(120, 110, 120, 122, 121, 111);
        assertThat(codes(ofM2)).containsExactly(120, 110, 120, 122, 121);
        assertThat(codes(ofLate)).containsExactly(120, 122, 121, 111);
        for (List<JsonNode> inbox : List.of(ofOwner, ofM1, ofM2, ofLate)) {
            inbox.forEach(i -> assertGroupReceiver(i, g));
            inbox.forEach(i -> assertThat(data(i).path("group_id").asLong()).as(i.toString()).isEqualTo(g));
        }

        JsonNode created = data(ofM2.get(0));
        assertThat(created.path("by").asLong()).isEqualTo(owner.userId());
        assertThat(longs(created.path("user_ids"))).containsExactlyInAnyOrder(owner.userId(), m1.userId(), m2.userId());

        JsonNode updated = data(ofM2.get(1));
        assertThat(updated.path("by").asLong()).isEqualTo(owner.userId());
        assertThat(updated.path("name").asText()).isEqualTo("renamed");
        assertThat(updated.has("introduction")).as("an unchanged field is not announced: " + updated).isFalse();

        JsonNode added = data(ofLate.get(0));
        assertThat(added.path("by").asLong()).isEqualTo(m1.userId());
        assertThat(longs(added.path("user_ids"))).containsExactly(late.userId());
        assertThat(ofOwner.get(2).path("message_id").asLong()).isEqualTo(ofLate.get(0).path("message_id").asLong());

        JsonNode role = data(ofLate.get(1));
        assertThat(role.path("by").asLong()).isEqualTo(owner.userId());
        assertThat(role.path("user_id").asLong()).isEqualTo(m1.userId());
        assertThat(role.path("role").asText()).isEqualTo("ADMIN");

        JsonNode removed = data(ofM2.get(4));
        assertThat(removed.path("by").asLong()).isEqualTo(m1.userId());
        assertThat(removed.path("user_id").asLong()).isEqualTo(m2.userId());

        JsonNode dissolved = data(ofLate.get(3));
        assertThat(dissolved.path("by").asLong()).isEqualTo(owner.userId());
    }

    @OnEachDatabase
    void quittingShouldAnnounceCommand121ToEveryMemberBeforeTheChange(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("eqo");
        Session quitter = api.newUser("eqq");
        long g = api.createGroup(owner, "leaving", quitter);
        noContent(api.delete("/api/groups/" + g + "/members/" + quitter.userId(), quitter.token()));
        status(api.patch("/api/groups/" + g, owner.token(), json("name", "smaller")), 200);

        assertThat(codes(commandInbox(api, owner))).containsExactly(120, 121, 110);
        List<JsonNode> ofQuitter = commandInbox(api, quitter);
        assertThat(codes(ofQuitter)).containsExactly(120, 121);
        assertThat(data(ofQuitter.get(1)).path("by").asLong()).isEqualTo(quitter.userId());
        assertThat(data(ofQuitter.get(1)).path("user_id").asLong()).isEqualTo(quitter.userId());
    }
}
