package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Api.json;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.http.Api.Answer;
import io.jim.bootstrap.e2e.http.Api.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

/**
 * The rules of HTTP-API.md must hold when requests race: the same requests sent at the same moment
 * from several threads (released together by a latch) through the real server onto the real database.
 * The servers allow {@value #MAX_MEMBERS} members per group (the settings of {@link GroupsE2ETest}, so
 * they share its servers).
 */
@ServerSettings("JIM_MAX_GROUP_MEMBERS=" + GroupsE2ETest.MAX_MEMBERS)
class ConcurrencyE2ETest {

    static final int MAX_MEMBERS = GroupsE2ETest.MAX_MEMBERS;
    /** How often a race is run: a lost race shows up in some of them. */
    private static final int ROUNDS = 5;

    /** Runs {@code call(0..n-1)} on n threads released at once; the answers in call order. */
    private static List<Answer> race(int n, IntFunction<Answer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
                    return call.apply(k);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Integer> statuses(List<Answer> answers) {
        return answers.stream().map(Answer::status).sorted().toList();
    }

    @OnEachDatabase
    void concurrentRegistrationsOfOneAccountShouldCreateItExactlyOnce(RunningServer s) throws Exception {
        Api api = s.api();
        String account = Api.account("race");
        List<Answer> answers = race(8, k -> api.register(k % 2 == 0 ? account : account.toUpperCase(), Api.PASSWORD, "r" + k));
        assertThat(statuses(answers)).as(answers.toString()).containsExactly(201, 409, 409, 409, 409, 409, 409, 409);
    }

    @OnEachDatabase
    void concurrentAcceptsOfOneRequestShouldBefriendAndAnnounceOnce(RunningServer s) throws Exception {
        Api api = s.api();
        Session a = api.newUser("cacc");
        Session b = api.newUser("cacc");
        long id = status(api.post("/api/friends/requests", a.token(), json("user_id", b.userId())), 201).path("request_id").asLong();
        List<Answer> answers = race(5, k -> api.post("/api/friends/requests/" + id + "/accept", b.token(), null));
        assertThat(statuses(answers)).as(answers.toString()).containsExactly(200, 409, 409, 409, 409);
        assertThat(api.inbox(a)).hasSize(2); // 100 and one 101
        assertThat(status(api.get("/api/friends", a.token()), 200)).hasSize(1);
    }

    @OnEachDatabase
    void concurrentIdenticalFriendRequestsShouldStoreOnePendingRequest(RunningServer s) throws Exception {
        Api api = s.api();
        for (int round = 0; round < ROUNDS; round++) {
            Session a = api.newUser("cdup");
            Session b = api.newUser("cdup");
            List<Answer> answers = race(5, k -> api.post("/api/friends/requests", a.token(), json("user_id", b.userId())));
            assertThat(statuses(answers)).as(answers.toString()).containsExactly(201, 409, 409, 409, 409);
            assertThat(status(api.get("/api/friends/requests", b.token()), 200)).hasSize(1);
        }
    }

    @OnEachDatabase
    void crossingFriendRequestsShouldMakeFriendsWithoutAnError(RunningServer s) throws Exception {
        Api api = s.api();
        for (int round = 0; round < ROUNDS; round++) {
            Session a = api.newUser("ccross");
            Session b = api.newUser("ccross");
            List<Answer> answers = race(2, k -> k == 0
                    ? api.post("/api/friends/requests", a.token(), json("user_id", b.userId()))
                    : api.post("/api/friends/requests", b.token(), json("user_id", a.userId())));
            assertThat(statuses(answers)).as(answers.toString()).containsExactly(200, 201);
            assertThat(status(api.get("/api/friends", a.token()), 200)).hasSize(1);
            assertThat(status(api.get("/api/friends/requests?direction=outgoing", a.token()), 200)).isEmpty();
            assertThat(status(api.get("/api/friends/requests?direction=outgoing", b.token()), 200)).isEmpty();
        }
    }

    @OnEachDatabase
    void concurrentAddsShouldNeverTakeAGroupPastTheMemberLimit(RunningServer s) throws Exception {
        Api api = s.api();
        for (int round = 0; round < ROUNDS; round++) {
            Session owner = api.newUser("cadd");
            long g = api.createGroup(owner, "race");
            List<Session> joiners = new ArrayList<>();
            for (int i = 0; i < MAX_MEMBERS + 1; i++) {
                joiners.add(api.newUser("cadd"));
            }
            List<Answer> answers = race(joiners.size(), k -> api.post("/api/groups/" + g + "/members", owner.token(),
                    json("user_ids", List.of(joiners.get(k).userId()))));
            assertThat(statuses(answers)).as(answers.toString()).containsExactly(200, 200, 409, 409);
            assertThat(status(api.get("/api/groups/" + g + "/members", owner.token()), 200)).hasSize(MAX_MEMBERS);
            assertThat(status(api.get("/api/groups/" + g, owner.token()), 200).path("member_count").asInt()).isEqualTo(MAX_MEMBERS);
        }
    }

    @OnEachDatabase
    void concurrentRetransmissionsShouldStoreTheMessageOnceAndAnswerTheSameReceipt(RunningServer s) throws Exception {
        Api api = s.api();
        Session a = api.newUser("cre");
        Session b = api.newUser("cre");
        api.befriend(a, b);
        List<Answer> answers = race(10, k -> api.post("/api/messages", a.token(),
                json("receiver_type", 1, "receiver_id", b.userId(), "type", 1, "content", "once", "send_sequence", 1)));
        assertThat(statuses(answers)).as(answers.toString()).allMatch(st -> st == 201);
        assertThat(answers.stream().map(Answer::json).distinct()).as(answers.toString()).hasSize(1);
        assertThat(api.inbox(b)).hasSize(3);
    }

    @OnEachDatabase
    void concurrentSendsShouldFillTheInboxWithContiguousSequences(RunningServer s) throws Exception {
        Api api = s.api();
        Session a = api.newUser("cseq");
        Session b = api.newUser("cseq");
        Session c = api.newUser("cseq");
        api.befriend(a, c);
        api.befriend(b, c);
        List<Answer> answers = race(12, k -> api.post("/api/messages", (k % 2 == 0 ? a : b).token(),
                json("receiver_type", 1, "receiver_id", c.userId(), "type", 1, "content", "m" + k)));
        assertThat(statuses(answers)).as(answers.toString()).allMatch(st -> st == 201);
        List<JsonNode> inbox = api.inbox(c);
        assertThat(inbox.stream().map(i -> i.path("sync_sequence").asLong()).toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 4 + 12).boxed().toList());
        assertThat(inbox.stream().map(i -> i.path("message_id").asLong()).distinct()).hasSize(4 + 12);
    }
}
