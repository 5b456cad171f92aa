package io.jim.adapter.http;

import static io.jim.adapter.http.RouteTestSupport.assertError;
import static io.jim.adapter.http.RouteTestSupport.assertInvalid;
import static io.jim.adapter.http.RouteTestSupport.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.domain.group.Group;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The admin API (HTTP-API.md) through the real HTTP stack over the in-memory application. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminRoutesTest {

    private JimServer s;

    @BeforeAll
    void start() {
        s = new JimServer();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private Answer push(String body) {
        return s.http.post("/api/admin/messages", ServerHarness.ADMIN_TOKEN, body);
    }

    private JsonNode newestItem(Session u) {
        long newest = s.jim.inbox().newest(u.userId()).value();
        return s.http.get("/api/messages?after_sequence=" + (newest - 1), u.token()).json().path("messages").get(0);
    }

    @Test
    void pushToAUserAnswers201AndLandsInItsInboxAsABusinessMessage() {
        Session u = s.user("adm");
        JsonNode r = assertStatus(push("{\"receiver_type\":1,\"receiver_id\":" + u.userId().value() + ",\"type\":1,\"content\":\"promo\"}"), 201).json();
        assertThat(r.path("message_id").asLong()).isPositive();
        JsonNode item = newestItem(u);
        assertThat(item.path("message_id")).isEqualTo(r.path("message_id"));
        assertThat(item.path("sender_type").asInt()).isEqualTo(2);
        assertThat(item.path("sender_id").asLong()).isZero();
        assertThat(item.path("content").asText()).isEqualTo("promo");
    }

    @Test
    void pushToAGroupReachesEveryMember() {
        Session owner = s.user("admg");
        Session m = s.user("admgm");
        Group g = s.jim.createGroup(owner, "news", m);
        JsonNode r = assertStatus(push("{\"receiver_type\":2,\"receiver_id\":" + g.id().value() + ",\"type\":8,\"content\":\"{}\"}"), 201).json();
        assertThat(newestItem(owner).path("message_id")).isEqualTo(r.path("message_id"));
        assertThat(newestItem(m).path("message_id")).isEqualTo(r.path("message_id"));
    }

    @Test
    void pushToAListOfUsersReachesEachOfThem() {
        Session a = s.user("adl1");
        Session b = s.user("adl2");
        JsonNode r = assertStatus(push("{\"user_ids\":[" + a.userId().value() + "," + b.userId().value() + "],\"type\":1,\"content\":\"hi\"}"), 201).json();
        assertThat(newestItem(a).path("message_id")).isEqualTo(r.path("message_id"));
        assertThat(newestItem(b).path("message_id")).isEqualTo(r.path("message_id"));
    }

    @Test
    void pushRefusesType7BothOrNeitherAddresseeAndUnknownRecipients() {
        Session u = s.user("adbad");
        long id = u.userId().value();
        assertInvalid(push("{\"receiver_type\":1,\"receiver_id\":" + id + ",\"type\":7,\"content\":\"x\"}"), "type");
        assertInvalid(push("{\"receiver_type\":1,\"receiver_id\":" + id + ",\"user_ids\":[" + id + "],\"type\":1,\"content\":\"x\"}"), "user_ids");
        assertInvalid(push("{\"type\":1,\"content\":\"x\"}"), "receiver_type");
        assertInvalid(push("{\"receiver_type\":1,\"type\":1,\"content\":\"x\"}"), "receiver_id");
        assertInvalid(push("{\"receiver_type\":5,\"receiver_id\":" + id + ",\"type\":1,\"content\":\"x\"}"), "receiver_type");
        assertInvalid(push("{\"user_ids\":[],\"type\":1,\"content\":\"x\"}"), "user_ids");
        assertInvalid(push("{\"user_ids\":[987654321],\"type\":1,\"content\":\"x\"}"), "user_ids");
        assertInvalid(push("{\"receiver_type\":1,\"receiver_id\":" + id + ",\"content\":\"x\"}"), "type");
        assertInvalid(push("{\"receiver_type\":1,\"receiver_id\":" + id + ",\"type\":1}"), "content");
        assertError(push("{\"receiver_type\":1,\"receiver_id\":987654321,\"type\":1,\"content\":\"x\"}"), 404, 6, "NOT_FOUND");
    }

    @Test
    void withoutAConfiguredAdminTokenTheAdminApiAnswers401() {
        try (JimServer off = new JimServer(new InMemoryJim(), Optional.empty())) {
            Session u = off.user("adoff");
            String body = "{\"receiver_type\":1,\"receiver_id\":" + u.userId().value() + ",\"type\":1,\"content\":\"x\"}";
            Answer a = assertError(off.http.post("/api/admin/messages", ServerHarness.ADMIN_TOKEN, body), 401, 4, "UNAUTHENTICATED");
            assertThat(a.json().path("message").asText()).contains("disabled");
            assertError(off.http.post("/api/admin/messages", null, body), 401, 4, "UNAUTHENTICATED");
            assertError(off.http.post("/api/admin/messages", "", body), 401, 4, "UNAUTHENTICATED");
        }
    }
}
