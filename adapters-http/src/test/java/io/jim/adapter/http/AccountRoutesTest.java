package io.jim.adapter.http;

import static io.jim.adapter.http.RouteTestSupport.assertError;
import static io.jim.adapter.http.RouteTestSupport.assertInvalid;
import static io.jim.adapter.http.RouteTestSupport.assertStatus;
import static io.jim.adapter.http.RouteTestSupport.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.RecordingDeliveryGateway.Kick;
import io.jim.application.port.out.DeliveryGateway.KickReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Accounts and devices (HTTP-API.md) through the real HTTP stack over the in-memory application. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountRoutesTest {

    private static final String PASSWORD = "s3cret-passw0rd";
    private JimServer s;

    @BeforeAll
    void start() {
        s = new JimServer();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private Answer register(String account) {
        return s.http.post("/api/users", null, "{\"account\":" + q(account) + ",\"password\":" + q(PASSWORD)
                + ",\"nickname\":\"Nick\",\"sex\":2,\"avatar_url\":\"https://img/a.png\",\"extra\":{\"city\":\"Oslo\",\"tags\":[1,2]}}");
    }

    private Answer login(String account, String password, String deviceIdPart) {
        return s.http.post("/api/sessions", null, "{\"account\":" + q(account) + ",\"password\":" + q(password)
                + ",\"device\":{" + deviceIdPart + "\"type\":1,\"brand\":\"Pixel\",\"model\":\"8\",\"system_version\":\"14\",\"app_version\":\"1.0\"}}");
    }

    @Test
    void registerAnswers201WithTheUserAndExtraAsAnObjectAndNoPassword() {
        String account = JimServer.account("Reg");
        JsonNode user = assertStatus(register(account), 201).json();
        assertThat(user.path("user_id").isIntegralNumber()).isTrue();
        assertThat(user.path("account").asText()).isEqualTo(account.toLowerCase());
        assertThat(user.path("nickname").asText()).isEqualTo("Nick");
        assertThat(user.path("sex").asInt()).isEqualTo(2);
        assertThat(user.path("avatar_url").asText()).isEqualTo("https://img/a.png");
        assertThat(user.path("extra").isObject()).isTrue();
        assertThat(user.path("extra").path("city").asText()).isEqualTo("Oslo");
        assertThat(user.path("created_at").asLong()).isPositive();
        assertThat(user.toString()).doesNotContain(PASSWORD).doesNotContain("password").doesNotContain("hash");
    }

    @Test
    void registerWithOnlyRequiredFieldsDefaultsTheRest() {
        Answer a = s.http.post("/api/users", null, "{\"account\":" + q(JimServer.account("min")) + ",\"password\":" + q(PASSWORD)
                + ",\"nickname\":\"N\"}");
        JsonNode user = assertStatus(a, 201).json();
        assertThat(user.path("sex").asInt()).isZero();
        assertThat(user.path("avatar_url").asText()).isEmpty();
        assertThat(user.path("extra").isObject()).isTrue();
        assertThat(user.path("extra").size()).isZero();
    }

    @Test
    void registerAnExistingAccountIs409EvenInAnotherCase() {
        String account = JimServer.account("dup");
        assertStatus(register(account), 201);
        assertError(register(account.toUpperCase()), 409, 8, "CONFLICT");
    }

    @Test
    void registerRefusesBadFieldsNamingThem() {
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"ab\",\"password\":" + q(PASSWORD) + ",\"nickname\":\"N\"}"), "account");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"a b c\",\"password\":" + q(PASSWORD) + ",\"nickname\":\"N\"}"), "account");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"abc\",\"password\":\"short\",\"nickname\":\"N\"}"), "password");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"abc\",\"password\":" + q("p".repeat(73)) + ",\"nickname\":\"N\"}"), "password");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"abcd\",\"password\":" + q(PASSWORD) + ",\"nickname\":\"\"}"), "nickname");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"abcd\",\"password\":" + q(PASSWORD) + "}"), "nickname");
        assertInvalid(s.http.post("/api/users", null, "{\"password\":" + q(PASSWORD) + ",\"nickname\":\"N\"}"), "account");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"abcd\",\"password\":" + q(PASSWORD) + ",\"nickname\":\"N\",\"sex\":3}"), "sex");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"abcd\",\"password\":" + q(PASSWORD) + ",\"nickname\":\"N\",\"avatar_url\":" + q("u".repeat(257)) + "}"), "avatar_url");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"abcd\",\"password\":" + q(PASSWORD) + ",\"nickname\":\"N\",\"extra\":[1]}"), "extra");
        assertInvalid(s.http.post("/api/users", null, "{\"account\":\"abcd\",\"password\":" + q(PASSWORD) + ",\"nickname\":\"N\",\"extra\":{\"k\":" + q("x".repeat(4100)) + "}}"), "extra");
    }

    @Test
    void loginAnswers201WithTokenAndSequencesAndTheTokenWorks() {
        String account = JimServer.account("login");
        long userId = register(account).json().path("user_id").asLong();
        JsonNode session = assertStatus(login(account, PASSWORD, ""), 201).json();
        assertThat(session.path("user_id").asLong()).isEqualTo(userId);
        assertThat(session.path("device_id").asLong()).isPositive();
        assertThat(session.path("token").asText()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(session.path("sync_sequence").asLong()).isZero();
        assertThat(session.path("device_sync_sequence").asLong()).isZero();
        assertThat(session.path("send_sequence").asLong()).isZero();
        assertThat(s.http.get("/api/users/me", session.path("token").asText()).json().path("user_id").asLong()).isEqualTo(userId);
    }

    @Test
    void loginIsCaseInsensitiveOnTheAccount() {
        String account = JimServer.account("case");
        register(account);
        assertStatus(login(account.toUpperCase(), PASSWORD, ""), 201);
    }

    @Test
    void loginWithAWrongPasswordOrUnknownAccountIs401WithTheSameMessage() {
        String account = JimServer.account("wrongpw");
        register(account);
        Answer wrong = assertError(login(account, "not-the-password", ""), 401, 4, "UNAUTHENTICATED");
        Answer unknown = assertError(login(JimServer.account("nobody"), PASSWORD, ""), 401, 4, "UNAUTHENTICATED");
        assertThat(wrong.json().path("message")).isEqualTo(unknown.json().path("message"));
    }

    @Test
    void loginReusingADeviceKeepsItsIdAndRevokesTheOldTokenAndKicksIt() {
        String account = JimServer.account("reuse");
        register(account);
        JsonNode first = login(account, PASSWORD, "").json();
        long deviceId = first.path("device_id").asLong();
        JsonNode second = assertStatus(login(account, PASSWORD, "\"device_id\":" + deviceId + ","), 201).json();
        assertThat(second.path("device_id").asLong()).isEqualTo(deviceId);
        assertError(s.http.get("/api/users/me", first.path("token").asText()), 401, 4, "UNAUTHENTICATED");
        assertStatus(s.http.get("/api/users/me", second.path("token").asText()), 200);
        assertThat(s.jim.gateway().kicks()).contains(new Kick(io.jim.domain.device.DeviceId.of(deviceId), KickReason.SIGNED_OUT));
    }

    @Test
    void loginWithADeviceIdOfAnotherUserIs404() {
        InMemoryJim.Session other = s.user("otherdev");
        String account = JimServer.account("mine");
        register(account);
        assertError(login(account, PASSWORD, "\"device_id\":" + other.deviceId().value() + ","), 404, 6, "NOT_FOUND");
        assertError(login(account, PASSWORD, "\"device_id\":999999999,"), 404, 6, "NOT_FOUND");
    }

    @Test
    void loginRefusesAMissingOrUnknownDeviceTypeNamingIt() {
        String account = JimServer.account("devtype");
        register(account);
        assertInvalid(s.http.post("/api/sessions", null, "{\"account\":" + q(account) + ",\"password\":" + q(PASSWORD) + "}"), "device");
        assertInvalid(s.http.post("/api/sessions", null, "{\"account\":" + q(account) + ",\"password\":" + q(PASSWORD) + ",\"device\":{}}"), "device.type");
        assertInvalid(s.http.post("/api/sessions", null, "{\"account\":" + q(account) + ",\"password\":" + q(PASSWORD) + ",\"device\":{\"type\":7}}"), "device.type");
        assertInvalid(s.http.post("/api/sessions", null, "{\"account\":" + q(account) + ",\"password\":" + q(PASSWORD)
                + ",\"device\":{\"type\":1,\"brand\":" + q("b".repeat(65)) + "}}"), "device.brand");
        assertInvalid(s.http.post("/api/sessions", null, "{\"account\":" + q(account) + ",\"password\":" + q(PASSWORD)
                + ",\"device\":{\"type\":1,\"device_id\":-1}}"), "device.device_id");
    }

    @Test
    void logoutAnswers204AndTheTokenStopsWorkingAndTheDeviceIsKicked() {
        InMemoryJim.Session u = s.user("logout");
        assertStatus(s.http.delete("/api/sessions/current", u.token()), 204);
        assertError(s.http.get("/api/users/me", u.token()), 401, 4, "UNAUTHENTICATED");
        assertError(s.http.delete("/api/sessions/current", u.token()), 401, 4, "UNAUTHENTICATED");
        assertThat(s.jim.gateway().kicks()).contains(new Kick(u.deviceId(), KickReason.SIGNED_OUT));
    }

    @Test
    void logoutLeavesTheUsersOtherDevicesSignedIn() {
        InMemoryJim.Session one = s.user("twodev");
        InMemoryJim.Session two = s.jim.anotherDevice(one);
        assertStatus(s.http.delete("/api/sessions/current", one.token()), 204);
        assertStatus(s.http.get("/api/users/me", two.token()), 200);
    }

    @Test
    void getMeAnswersTheCallersUser() {
        InMemoryJim.Session u = s.user("me");
        JsonNode me = assertStatus(s.http.get("/api/users/me", u.token()), 200).json();
        assertThat(me.path("user_id").asLong()).isEqualTo(u.userId().value());
        assertThat(me.path("account").asText()).isEqualTo(u.user().account().value());
        assertThat(me.has("extra")).isTrue();
        assertThat(me.has("created_at")).isTrue();
    }

    @Test
    void patchMeUpdatesOnlyTheGivenFields() {
        InMemoryJim.Session u = s.user("patch");
        JsonNode updated = assertStatus(s.http.patch("/api/users/me", u.token(),
                "{\"nickname\":\"Zoë 🦊\",\"extra\":{\"lang\":\"no\",\"n\":null}}"), 200).json();
        assertThat(updated.path("nickname").asText()).isEqualTo("Zoë 🦊");
        assertThat(updated.path("extra").path("lang").asText()).isEqualTo("no");
        assertThat(updated.path("extra").has("n")).isTrue();
        assertThat(updated.path("sex").asInt()).isZero();
        JsonNode again = s.http.patch("/api/users/me", u.token(), "{\"sex\":1}").json();
        assertThat(again.path("nickname").asText()).isEqualTo("Zoë 🦊");
        assertThat(again.path("sex").asInt()).isEqualTo(1);
        assertThat(s.http.get("/api/users/me", u.token()).json()).isEqualTo(again);
    }

    @Test
    void patchMeChangesThePasswordGivenTheOldOne() {
        InMemoryJim.Session u = s.user("pw");
        String account = u.user().account().value();
        assertStatus(s.http.patch("/api/users/me", u.token(),
                "{\"password\":\"brand-new-password\",\"old_password\":" + q(InMemoryJim.PASSWORD) + "}"), 200);
        assertError(login(account, InMemoryJim.PASSWORD, ""), 401, 4, "UNAUTHENTICATED");
        assertStatus(login(account, "brand-new-password", ""), 201);
    }

    @Test
    void patchMePasswordWithoutOldPasswordIs400AndWithAWrongOneIs403() {
        InMemoryJim.Session u = s.user("pw2");
        assertInvalid(s.http.patch("/api/users/me", u.token(), "{\"password\":\"brand-new-password\"}"), "old_password");
        assertError(s.http.patch("/api/users/me", u.token(),
                "{\"password\":\"brand-new-password\",\"old_password\":\"wrong-password\"}"), 403, 7, "PERMISSION_DENIED");
        assertInvalid(s.http.patch("/api/users/me", u.token(), "{\"password\":\"short\",\"old_password\":" + q(InMemoryJim.PASSWORD) + "}"), "password");
        assertInvalid(s.http.patch("/api/users/me", u.token(), "{\"nickname\":" + q("n".repeat(33)) + "}"), "nickname");
        assertInvalid(s.http.patch("/api/users/me", u.token(), "{\"account\":\"renamed\"}"), "account");
    }

    @Test
    void getUserAnswersThePublicProfileOnly() {
        InMemoryJim.Session caller = s.user("viewer");
        InMemoryJim.Session target = s.user("viewed");
        JsonNode profile = assertStatus(s.http.get("/api/users/" + target.userId().value(), caller.token()), 200).json();
        assertThat(profile.path("user_id").asLong()).isEqualTo(target.userId().value());
        assertThat(profile.path("account").asText()).isEqualTo(target.user().account().value());
        assertThat(profile.has("nickname")).isTrue();
        assertThat(profile.has("sex")).isTrue();
        assertThat(profile.has("avatar_url")).isTrue();
        assertThat(profile.has("extra")).isFalse();
        assertThat(profile.has("created_at")).isFalse();
    }

    @Test
    void getUnknownUserIs404AndANonNumericIdIs400NamingIt() {
        InMemoryJim.Session caller = s.user("look");
        assertError(s.http.get("/api/users/987654321", caller.token()), 404, 6, "NOT_FOUND");
        assertError(s.http.get("/api/users/0", caller.token()), 404, 6, "NOT_FOUND");
        assertInvalid(s.http.get("/api/users/abc", caller.token()), "user_id");
        assertInvalid(s.http.get("/api/users/-1", caller.token()), "user_id");
        assertInvalid(s.http.get("/api/users/99999999999999999999", caller.token()), "user_id");
    }

    @Test
    void findByAccountIsAnExactCaseInsensitiveMatch() {
        InMemoryJim.Session caller = s.user("finder");
        InMemoryJim.Session target = s.user("Findme");
        String account = target.user().account().value();
        JsonNode found = assertStatus(s.http.get("/api/users?account=" + account.toUpperCase(), caller.token()), 200).json();
        assertThat(found.isArray()).isTrue();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("user_id").asLong()).isEqualTo(target.userId().value());
        assertThat(found.get(0).has("extra")).isFalse();
        assertThat(s.http.get("/api/users?account=" + account.substring(0, account.length() - 1), caller.token()).json()).isEmpty();
    }

    @Test
    void findByAccountWithoutTheParameterIs400() {
        InMemoryJim.Session caller = s.user("finder2");
        assertInvalid(s.http.get("/api/users", caller.token()), "account");
    }
}
