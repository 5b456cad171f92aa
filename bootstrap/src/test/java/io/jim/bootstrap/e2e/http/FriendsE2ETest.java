package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Api.json;
import static io.jim.bootstrap.e2e.http.Expect.conflict;
import static io.jim.bootstrap.e2e.http.Expect.denied;
import static io.jim.bootstrap.e2e.http.Expect.invalid;
import static io.jim.bootstrap.e2e.http.Expect.noContent;
import static io.jim.bootstrap.e2e.http.Expect.notFound;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.http.Api.Answer;
import io.jim.bootstrap.e2e.http.Api.Session;
import java.util.ArrayList;
import java.util.List;

/** Friend requests and friendships of HTTP-API.md through the real server and storage. */
class FriendsE2ETest {

    private static Answer request(Api api, Session from, Session to, String message) {
        return api.post("/api/friends/requests", from.token(), json("user_id", to.userId(), "message", message));
    }

    private static long requestId(Api api, Session from, Session to) {
        return status(request(api, from, to, "hi"), 201).path("request_id").asLong();
    }

    private static List<Long> ids(JsonNode array, String field) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asLong()));
        return out;
    }

    // ---- POST /api/friends/requests ----

    @OnEachDatabase
    void sendRequestShouldAnswer201WithThePendingRequest(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("fa");
        Session b = api.newUser("fb");
        JsonNode r = status(request(api, a, b, "hello, it's me"), 201);
        assertThat(r.path("request_id").asLong()).isPositive();
        assertThat(r.path("from_user_id").asLong()).isEqualTo(a.userId());
        assertThat(r.path("to_user_id").asLong()).isEqualTo(b.userId());
        assertThat(r.path("message").asText()).isEqualTo("hello, it's me");
        assertThat(r.path("status").asText()).isEqualTo("PENDING");
        assertThat(r.path("created_at").asLong()).isPositive();
    }

    @OnEachDatabase
    void sendRequestToOneselfShouldAnswer400NamingUserId(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("self");
        invalid(request(api, a, a, "me?"), "user_id");
    }

    @OnEachDatabase
    void sendRequestShouldAnswer400ForAMissingUserIdOrATooLongMessage(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("fbad");
        Session b = api.newUser("fbad");
        invalid(api.post("/api/friends/requests", a.token(), json("message", "x")), "user_id");
        invalid(api.post("/api/friends/requests", a.token(), json("user_id", "12")), "user_id");
        invalid(request(api, a, b, "m".repeat(257)), "message");
    }

    @OnEachDatabase
    void sendRequestToAnUnknownUserShouldAnswer404(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("lonely");
        notFound(api.post("/api/friends/requests", a.token(), json("user_id", 987_654_321L)));
    }

    @OnEachDatabase
    void sendRequestTwiceWhilePendingShouldAnswer409(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("twice");
        Session b = api.newUser("twice");
        status(request(api, a, b, "1"), 201);
        conflict(request(api, a, b, "2"));
        assertThat(status(api.get("/api/friends/requests?direction=incoming", b.token()), 200)).hasSize(1);
    }

    @OnEachDatabase
    void sendRequestToAFriendShouldAnswer409EitherWay(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("already");
        Session b = api.newUser("already");
        api.befriend(a, b);
        conflict(request(api, a, b, "again"));
        conflict(request(api, b, a, "again"));
    }

    @OnEachDatabase
    void sendRequestBackToSomeoneWhoAskedShouldAnswer200WithTheFriend(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("mutual");
        Session b = api.newUser("mutual");
        requestId(api, a, b);
        JsonNode friend = status(request(api, b, a, "you too"), 200);
        assertThat(friend.path("user_id").asLong()).isEqualTo(a.userId());
        assertThat(friend.path("account").asText()).isEqualTo(a.account());
        assertThat(friend.path("since").asLong()).isPositive();
        assertThat(friend.has("remark")).isTrue();

        assertThat(ids(status(api.get("/api/friends", a.token()), 200), "user_id")).containsExactly(b.userId());
        assertThat(ids(status(api.get("/api/friends", b.token()), 200), "user_id")).containsExactly(a.userId());
        assertThat(status(api.get("/api/friends/requests?direction=outgoing", a.token()), 200)).isEmpty();
        assertThat(status(api.get("/api/friends/requests?direction=incoming", b.token()), 200)).isEmpty();
    }

    // ---- GET /api/friends/requests ----

    @OnEachDatabase
    void listRequestsShouldShowPendingOnesNewestFirstInEachDirection(RunningServer s) {
        Api api = s.api();
        Session me = api.newUser("popular");
        Session x = api.newUser("asker");
        Session y = api.newUser("asker");
        Session z = api.newUser("asked");
        long fromX = requestId(api, x, me);
        long fromY = requestId(api, y, me);
        long toZ = requestId(api, me, z);

        JsonNode incoming = status(api.get("/api/friends/requests?direction=incoming", me.token()), 200);
        assertThat(ids(incoming, "request_id")).containsExactly(fromY, fromX);
        assertThat(incoming.get(0).path("from_user_id").asLong()).isEqualTo(y.userId());
        assertThat(incoming.get(0).path("to_user_id").asLong()).isEqualTo(me.userId());
        assertThat(incoming.get(0).path("status").asText()).isEqualTo("PENDING");
        assertThat(ids(status(api.get("/api/friends/requests", me.token()), 200), "request_id"))
                .as("incoming is the default").containsExactly(fromY, fromX);
        assertThat(ids(status(api.get("/api/friends/requests?direction=outgoing", me.token()), 200), "request_id"))
                .containsExactly(toZ);
        invalid(api.get("/api/friends/requests?direction=sideways", me.token()), "direction");

        // decided requests are no longer listed
        noContent(api.post("/api/friends/requests/" + fromX + "/reject", me.token(), null));
        assertThat(ids(status(api.get("/api/friends/requests", me.token()), 200), "request_id")).containsExactly(fromY);
    }

    // ---- accept / reject ----

    @OnEachDatabase
    void acceptByTheReceiverShouldAnswer200WithTheSenderAsFriendAndTheRemark(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("sender");
        Session b = api.newUser("receiver");
        long id = requestId(api, a, b);
        JsonNode friend = status(api.post("/api/friends/requests/" + id + "/accept", b.token(), json("remark", "Ann")), 200);
        assertThat(friend.path("user_id").asLong()).isEqualTo(a.userId());
        assertThat(friend.path("account").asText()).isEqualTo(a.account());
        assertThat(friend.path("nickname").asText()).isEqualTo("sender");
        assertThat(friend.path("remark").asText()).isEqualTo("Ann");
        assertThat(friend.path("since").asLong()).isPositive();
        conflict(api.post("/api/friends/requests/" + id + "/accept", b.token(), null));
    }

    @OnEachDatabase
    void acceptOrRejectBySenderShouldAnswer403AndLeaveTheRequestPending(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("pushy");
        Session b = api.newUser("calm");
        long id = requestId(api, a, b);
        denied(api.post("/api/friends/requests/" + id + "/accept", a.token(), null));
        denied(api.post("/api/friends/requests/" + id + "/reject", a.token(), null));
        assertThat(ids(status(api.get("/api/friends/requests", b.token()), 200), "request_id")).containsExactly(id);
        assertThat(status(api.get("/api/friends", a.token()), 200)).isEmpty();
    }

    @OnEachDatabase
    void acceptOrRejectByAStrangerOrOfAnUnknownRequestShouldAnswer404(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("fs");
        Session b = api.newUser("fs");
        Session stranger = api.newUser("stranger");
        long id = requestId(api, a, b);
        notFound(api.post("/api/friends/requests/" + id + "/accept", stranger.token(), null));
        notFound(api.post("/api/friends/requests/" + id + "/reject", stranger.token(), null));
        notFound(api.post("/api/friends/requests/987654321/accept", b.token(), null));
        notFound(api.post("/api/friends/requests/987654321/reject", b.token(), null));
        invalid(api.post("/api/friends/requests/abc/accept", b.token(), null), "request_id");
    }

    @OnEachDatabase
    void acceptWithATooLongRemarkShouldAnswer400AndNotBefriend(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("fr");
        Session b = api.newUser("fr");
        long id = requestId(api, a, b);
        invalid(api.post("/api/friends/requests/" + id + "/accept", b.token(), json("remark", "r".repeat(33))), "remark");
        assertThat(status(api.get("/api/friends", b.token()), 200)).isEmpty();
        status(api.post("/api/friends/requests/" + id + "/accept", b.token(), json("remark", "r".repeat(32))), 200);
    }

    @OnEachDatabase
    void rejectShouldAnswer204AndAllowANewRequestLater(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("rejected");
        Session b = api.newUser("rejecter");
        long id = requestId(api, a, b);
        noContent(api.post("/api/friends/requests/" + id + "/reject", b.token(), null));
        conflict(api.post("/api/friends/requests/" + id + "/accept", b.token(), null));
        assertThat(status(api.get("/api/friends/requests?direction=outgoing", a.token()), 200)).isEmpty();
        assertThat(status(api.get("/api/friends", b.token()), 200)).isEmpty();
        status(request(api, a, b, "please?"), 201);
    }

    // ---- GET / PATCH / DELETE /api/friends ----

    @OnEachDatabase
    void listFriendsShouldShowEachSidesOwnRemarkAndTheSameSince(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("la");
        Session b = api.newUser("lb");
        long id = requestId(api, a, b);
        status(api.post("/api/friends/requests/" + id + "/accept", b.token(), json("remark", "from work")), 200);

        JsonNode ofB = status(api.get("/api/friends", b.token()), 200);
        assertThat(ofB).hasSize(1);
        assertThat(ofB.get(0).path("user_id").asLong()).isEqualTo(a.userId());
        assertThat(ofB.get(0).path("account").asText()).isEqualTo(a.account());
        assertThat(ofB.get(0).path("nickname").asText()).isEqualTo("la");
        assertThat(ofB.get(0).has("sex")).isTrue();
        assertThat(ofB.get(0).has("avatar_url")).isTrue();
        assertThat(ofB.get(0).path("remark").asText()).isEqualTo("from work");

        JsonNode ofA = status(api.get("/api/friends", a.token()), 200);
        assertThat(ofA).hasSize(1);
        assertThat(ofA.get(0).path("user_id").asLong()).isEqualTo(b.userId());
        assertThat(ofA.get(0).path("remark").asText()).isEmpty();
        assertThat(ofA.get(0).path("since").asLong()).isPositive().isEqualTo(ofB.get(0).path("since").asLong());
    }

    @OnEachDatabase
    void patchRemarkShouldChangeOnlyTheCallersSide(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("ra");
        Session b = api.newUser("rb");
        api.befriend(a, b);
        JsonNode friend = status(api.patch("/api/friends/" + b.userId(), a.token(), json("remark", "Bee")), 200);
        assertThat(friend.path("user_id").asLong()).isEqualTo(b.userId());
        assertThat(friend.path("remark").asText()).isEqualTo("Bee");
        assertThat(status(api.get("/api/friends", a.token()), 200).get(0).path("remark").asText()).isEqualTo("Bee");
        assertThat(status(api.get("/api/friends", b.token()), 200).get(0).path("remark").asText()).isEmpty();
        status(api.patch("/api/friends/" + b.userId(), a.token(), json("remark", "")), 200);
        assertThat(status(api.get("/api/friends", a.token()), 200).get(0).path("remark").asText()).isEmpty();
    }

    @OnEachDatabase
    void patchRemarkShouldAnswer404ForANonFriendAnd400ForABadRemark(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("rc");
        Session b = api.newUser("rd");
        Session notAFriend = api.newUser("re");
        api.befriend(a, b);
        notFound(api.patch("/api/friends/" + notAFriend.userId(), a.token(), json("remark", "x")));
        notFound(api.patch("/api/friends/987654321", a.token(), json("remark", "x")));
        invalid(api.patch("/api/friends/" + b.userId(), a.token(), json("remark", "r".repeat(33))), "remark");
        invalid(api.patch("/api/friends/" + b.userId(), a.token(), "{}"), "remark");
        invalid(api.patch("/api/friends/" + b.userId(), a.token(), json("remark", 5)), "remark");
    }

    @OnEachDatabase
    void deleteShouldAnswer204AndEndTheFriendshipInBothDirections(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("da");
        Session b = api.newUser("db");
        api.befriend(a, b);
        noContent(api.delete("/api/friends/" + a.userId(), b.token()));
        assertThat(status(api.get("/api/friends", a.token()), 200)).isEmpty();
        assertThat(status(api.get("/api/friends", b.token()), 200)).isEmpty();
        notFound(api.delete("/api/friends/" + b.userId(), a.token()));
        notFound(api.patch("/api/friends/" + b.userId(), a.token(), json("remark", "gone")));
        // they may become friends again
        status(request(api, a, b, "sorry"), 201);
    }
}
