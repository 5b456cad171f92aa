package io.jim.adapter.http;

import static io.jim.adapter.http.RouteTestSupport.assertError;
import static io.jim.adapter.http.RouteTestSupport.assertInvalid;
import static io.jim.adapter.http.RouteTestSupport.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.application.fake.InMemoryJim.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Friends (HTTP-API.md) through the real HTTP stack over the in-memory application. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FriendRoutesTest {

    private JimServer s;

    @BeforeAll
    void start() {
        s = new JimServer();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private Answer request(Session from, Session to, String message) {
        return s.http.post("/api/friends/requests", from.token(),
                "{\"user_id\":" + to.userId().value() + (message == null ? "" : ",\"message\":" + RouteTestSupport.q(message)) + "}");
    }

    private long requestId(Session from, Session to) {
        return assertStatus(request(from, to, "hello"), 201).json().path("request_id").asLong();
    }

    @Test
    void sendingARequestAnswers201WithThePendingRequest() {
        Session a = s.user("fa");
        Session b = s.user("fb");
        JsonNode r = assertStatus(request(a, b, "hi there"), 201).json();
        assertThat(r.path("request_id").asLong()).isPositive();
        assertThat(r.path("from_user_id").asLong()).isEqualTo(a.userId().value());
        assertThat(r.path("to_user_id").asLong()).isEqualTo(b.userId().value());
        assertThat(r.path("message").asText()).isEqualTo("hi there");
        assertThat(r.path("status").asText()).isEqualTo("PENDING");
        assertThat(r.path("created_at").asLong()).isPositive();
    }

    @Test
    void aRequestWithoutMessageHasAnEmptyOne() {
        JsonNode r = assertStatus(request(s.user("nm1"), s.user("nm2"), null), 201).json();
        assertThat(r.path("message").asText()).isEmpty();
    }

    @Test
    void aMutualRequestCompletesTheFriendshipWith200AndTheFriend() {
        Session a = s.user("mutA");
        Session b = s.user("mutB");
        requestId(a, b);
        JsonNode friend = assertStatus(request(b, a, "me too"), 200).json();
        assertThat(friend.path("user_id").asLong()).isEqualTo(a.userId().value());
        assertThat(friend.path("account").asText()).isEqualTo(a.user().account().value());
        assertThat(friend.has("remark")).isTrue();
        assertThat(friend.path("since").asLong()).isPositive();
        assertThat(s.http.get("/api/friends", a.token()).json()).hasSize(1);
    }

    @Test
    void requestToOneselfIs400UnknownUserIs404AndRepeatsAre409() {
        Session a = s.user("self");
        Session b = s.user("other");
        assertInvalid(request(a, a, null), "user_id");
        assertError(s.http.post("/api/friends/requests", a.token(), "{\"user_id\":987654321}"), 404, 6, "NOT_FOUND");
        requestId(a, b);
        assertError(request(a, b, null), 409, 8, "CONFLICT");
        s.jim.makeFriends(s.user("x1"), s.user("x2"));
        Session c = s.user("c");
        Session d = s.user("d");
        s.jim.makeFriends(c, d);
        assertError(request(c, d, null), 409, 8, "CONFLICT");
    }

    @Test
    void requestBodyIsValidated() {
        Session a = s.user("val");
        assertInvalid(s.http.post("/api/friends/requests", a.token(), "{}"), "user_id");
        assertInvalid(s.http.post("/api/friends/requests", a.token(), "{\"user_id\":\"12\"}"), "user_id");
        assertInvalid(s.http.post("/api/friends/requests", a.token(), "{\"user_id\":-3}"), "user_id");
        assertInvalid(request(a, s.user("val2"), "m".repeat(257)), "message");
    }

    @Test
    void listingRequestsShowsIncomingByDefaultAndOutgoingOnAskNewestFirst() {
        Session a = s.user("la");
        Session b = s.user("lb");
        Session c = s.user("lc");
        long first = requestId(b, a);
        long second = requestId(c, a);
        JsonNode incoming = assertStatus(s.http.get("/api/friends/requests", a.token()), 200).json();
        assertThat(incoming).hasSize(2);
        assertThat(incoming.get(0).path("request_id").asLong()).isEqualTo(second);
        assertThat(incoming.get(1).path("request_id").asLong()).isEqualTo(first);
        assertThat(s.http.get("/api/friends/requests?direction=incoming", a.token()).json()).isEqualTo(incoming);
        assertThat(s.http.get("/api/friends/requests?direction=outgoing", a.token()).json()).isEmpty();
        JsonNode outgoing = s.http.get("/api/friends/requests?direction=outgoing", b.token()).json();
        assertThat(outgoing).hasSize(1);
        assertThat(outgoing.get(0).path("to_user_id").asLong()).isEqualTo(a.userId().value());
        assertInvalid(s.http.get("/api/friends/requests?direction=sideways", a.token()), "direction");
    }

    @Test
    void acceptingAnswersTheFriendWithTheRemark() {
        Session a = s.user("acA");
        Session b = s.user("acB");
        long id = requestId(a, b);
        JsonNode friend = assertStatus(s.http.post("/api/friends/requests/" + id + "/accept", b.token(), "{\"remark\":\"old pal\"}"), 200).json();
        assertThat(friend.path("user_id").asLong()).isEqualTo(a.userId().value());
        assertThat(friend.path("remark").asText()).isEqualTo("old pal");
        assertThat(s.http.get("/api/friends", a.token()).json().get(0).path("user_id").asLong()).isEqualTo(b.userId().value());
    }

    @Test
    void acceptingWithoutABodyWorks() {
        Session a = s.user("nbA");
        Session b = s.user("nbB");
        long id = requestId(a, b);
        JsonNode friend = assertStatus(s.http.post("/api/friends/requests/" + id + "/accept", b.token(), null), 200).json();
        assertThat(friend.path("remark").asText()).isEmpty();
    }

    @Test
    void onlyTheReceiverMayAcceptOrRejectAndOnlyOnce() {
        Session a = s.user("onA");
        Session b = s.user("onB");
        Session stranger = s.user("onC");
        long id = requestId(a, b);
        assertError(s.http.post("/api/friends/requests/" + id + "/accept", a.token(), "{}"), 403, 7, "PERMISSION_DENIED");
        assertError(s.http.post("/api/friends/requests/" + id + "/reject", a.token(), null), 403, 7, "PERMISSION_DENIED");
        assertError(s.http.post("/api/friends/requests/" + id + "/accept", stranger.token(), "{}"), 404, 6, "NOT_FOUND");
        assertStatus(s.http.post("/api/friends/requests/" + id + "/accept", b.token(), "{}"), 200);
        assertError(s.http.post("/api/friends/requests/" + id + "/accept", b.token(), "{}"), 409, 8, "CONFLICT");
        assertError(s.http.post("/api/friends/requests/" + id + "/reject", b.token(), null), 409, 8, "CONFLICT");
    }

    @Test
    void rejectingAnswers204AndTheRequestIsNoLongerPending() {
        Session a = s.user("rjA");
        Session b = s.user("rjB");
        long id = requestId(a, b);
        Answer rejected = assertStatus(s.http.post("/api/friends/requests/" + id + "/reject", b.token(), null), 204);
        assertThat(rejected.body()).isEmpty();
        assertThat(s.http.get("/api/friends/requests", b.token()).json()).isEmpty();
        assertThat(s.http.get("/api/friends", b.token()).json()).isEmpty();
    }

    @Test
    void decidingAnUnknownOrMalformedRequestIdFails() {
        Session b = s.user("unk");
        assertError(s.http.post("/api/friends/requests/987654321/accept", b.token(), "{}"), 404, 6, "NOT_FOUND");
        assertError(s.http.post("/api/friends/requests/987654321/reject", b.token(), null), 404, 6, "NOT_FOUND");
        assertInvalid(s.http.post("/api/friends/requests/abc/accept", b.token(), "{}"), "request_id");
        assertInvalid(s.http.post("/api/friends/requests/-1/reject", b.token(), null), "request_id");
    }

    @Test
    void listingFriendsGivesPublicProfilesWithRemarkAndSince() {
        Session a = s.user("lfA");
        Session b = s.user("lfB");
        s.jim.makeFriends(a, b);
        JsonNode friends = assertStatus(s.http.get("/api/friends", a.token()), 200).json();
        assertThat(friends).hasSize(1);
        JsonNode f = friends.get(0);
        assertThat(f.path("user_id").asLong()).isEqualTo(b.userId().value());
        for (String field : new String[] {"account", "nickname", "sex", "avatar_url", "remark", "since"}) {
            assertThat(f.has(field)).as(field).isTrue();
        }
        assertThat(f.has("extra")).isFalse();
    }

    @Test
    void updatingTheRemarkAnswersTheFriendAndOnlyForFriends() {
        Session a = s.user("rmA");
        Session b = s.user("rmB");
        Session stranger = s.user("rmC");
        s.jim.makeFriends(a, b);
        JsonNode f = assertStatus(s.http.patch("/api/friends/" + b.userId().value(), a.token(), "{\"remark\":\"Bee 🐝\"}"), 200).json();
        assertThat(f.path("remark").asText()).isEqualTo("Bee 🐝");
        assertThat(s.http.get("/api/friends", a.token()).json().get(0).path("remark").asText()).isEqualTo("Bee 🐝");
        assertError(s.http.patch("/api/friends/" + stranger.userId().value(), a.token(), "{\"remark\":\"x\"}"), 404, 6, "NOT_FOUND");
        assertInvalid(s.http.patch("/api/friends/" + b.userId().value(), a.token(), "{}"), "remark");
        assertInvalid(s.http.patch("/api/friends/" + b.userId().value(), a.token(), "{\"remark\":\"" + "r".repeat(33) + "\"}"), "remark");
        assertInvalid(s.http.patch("/api/friends/bee", a.token(), "{\"remark\":\"x\"}"), "user_id");
    }

    @Test
    void deletingAFriendEndsBothDirections() {
        Session a = s.user("delA");
        Session b = s.user("delB");
        s.jim.makeFriends(a, b);
        assertStatus(s.http.delete("/api/friends/" + b.userId().value(), a.token()), 204);
        assertThat(s.http.get("/api/friends", a.token()).json()).isEmpty();
        assertThat(s.http.get("/api/friends", b.token()).json()).isEmpty();
        assertError(s.http.delete("/api/friends/" + b.userId().value(), a.token()), 404, 6, "NOT_FOUND");
        assertInvalid(s.http.delete("/api/friends/x", a.token()), "user_id");
    }
}
