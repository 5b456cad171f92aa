package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Api.json;
import static io.jim.bootstrap.e2e.http.Expect.conflict;
import static io.jim.bootstrap.e2e.http.Expect.denied;
import static io.jim.bootstrap.e2e.http.Expect.invalid;
import static io.jim.bootstrap.e2e.http.Expect.noContent;
import static io.jim.bootstrap.e2e.http.Expect.notFound;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static io.jim.bootstrap.e2e.http.Expect.unauthenticated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.http.Api.Answer;
import io.jim.bootstrap.e2e.http.Api.Session;
import java.util.ArrayList;
import java.util.List;

/** Accounts and devices of HTTP-API.md through the real server and storage, on H2 and MariaDB. */
class AccountsE2ETest {

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- POST /api/users ----

    @OnEachDatabase
    void registerShouldAnswer201WithTheUserInLowerCaseAndNeverThePassword(RunningServer s) {
        Api api = s.api();
        String account = Api.account("MiXed.Case");
        Answer a = api.post("/api/users", null, json("account", account, "password", Api.PASSWORD, "nickname", "Mixed",
                "sex", 2, "avatar_url", "https://img.example/a.png", "extra", Api.obj("city", "Oslo")));
        JsonNode user = status(a, 201);
        assertThat(user.path("user_id").asLong()).isPositive();
        assertThat(user.path("account").asText()).isEqualTo(account.toLowerCase());
        assertThat(user.path("nickname").asText()).isEqualTo("Mixed");
        assertThat(user.path("sex").asInt()).isEqualTo(2);
        assertThat(user.path("avatar_url").asText()).isEqualTo("https://img.example/a.png");
        assertThat(user.path("extra").path("city").asText()).isEqualTo("Oslo");
        assertThat(user.path("created_at").asLong()).isPositive();
        assertThat(fieldNames(user)).noneMatch(n -> n.contains("password") || n.contains("hash"));
        assertThat(a.body()).doesNotContain(Api.PASSWORD);
    }

    @OnEachDatabase
    void registerShouldAnswer409ForAnExistingAccountWhateverItsCase(RunningServer s) {
        Api api = s.api();
        String account = Api.account("dup");
        status(api.register(account, Api.PASSWORD, "first"), 201);
        conflict(api.register(account, "another-password", "second"));
        conflict(api.register(account.toUpperCase(), Api.PASSWORD, "third"));
    }

    @OnEachDatabase
    void registerShouldAnswer400NamingTheAccountWhenItIsMissingTooShortTooLongOrHasBadCharacters(RunningServer s) {
        Api api = s.api();
        invalid(api.post("/api/users", null, json("password", Api.PASSWORD, "nickname", "n")), "account");
        invalid(api.register("ab", Api.PASSWORD, "n"), "account");
        invalid(api.register("a".repeat(33), Api.PASSWORD, "n"), "account");
        invalid(api.register("has space", Api.PASSWORD, "n"), "account");
        invalid(api.register("semi;colon", Api.PASSWORD, "n"), "account");
        invalid(api.post("/api/users", null, json("account", 12345, "password", Api.PASSWORD, "nickname", "n")), "account");
    }

    @OnEachDatabase
    void registerShouldAnswer400NamingThePasswordWhenItIsMissingTooShortOrTooLong(RunningServer s) {
        Api api = s.api();
        invalid(api.post("/api/users", null, json("account", Api.account("pw"), "nickname", "n")), "password");
        invalid(api.register(Api.account("pw"), "7-chars", "n"), "password");
        invalid(api.register(Api.account("pw"), "p".repeat(73), "n"), "password");
        // the limits themselves are allowed
        status(api.register(Api.account("pw"), "8-chars!", "n"), 201);
        status(api.register(Api.account("pw"), "p".repeat(72), "n"), 201);
    }

    @OnEachDatabase
    void registerShouldAnswer400NamingTheNicknameOrOtherProfileFieldWhenInvalid(RunningServer s) {
        Api api = s.api();
        invalid(api.post("/api/users", null, json("account", Api.account("nick"), "password", Api.PASSWORD)), "nickname");
        invalid(api.register(Api.account("nick"), Api.PASSWORD, ""), "nickname");
        invalid(api.register(Api.account("nick"), Api.PASSWORD, "n".repeat(33)), "nickname");
        invalid(api.post("/api/users", null, json("account", Api.account("nick"), "password", Api.PASSWORD,
                "nickname", "n", "sex", 3)), "sex");
        invalid(api.post("/api/users", null, json("account", Api.account("nick"), "password", Api.PASSWORD,
                "nickname", "n", "extra", "not an object")), "extra");
        invalid(api.post("/api/users", null, json("account", Api.account("nick"), "password", Api.PASSWORD,
                "nickname", "n", "extra", Api.obj("big", "b".repeat(4097)))), "extra");
        invalid(api.post("/api/users", null, json("account", Api.account("nick"), "password", Api.PASSWORD,
                "nickname", "n", "avatar_url", "u".repeat(257))), "avatar_url");
        invalid(api.post("/api/users", null, json("account", Api.account("nick"), "password", Api.PASSWORD,
                "nickname", "n", "unknown_field", 1)), "unknown_field");
        invalid(api.post("/api/users", null, "{\"account\":"), "body");
    }

    // ---- POST /api/sessions ----

    @OnEachDatabase
    void loginShouldAnswer201WithTheSessionOfANewDevice(RunningServer s) {
        Api api = s.api();
        String account = Api.account("login");
        long userId = status(api.register(account, Api.PASSWORD, "L"), 201).path("user_id").asLong();

        JsonNode session = status(api.login(account.toUpperCase(), Api.PASSWORD, null), 201);
        assertThat(session.path("user_id").asLong()).isEqualTo(userId);
        assertThat(session.path("device_id").asLong()).isPositive();
        assertThat(session.path("token").asText()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(session.path("sync_sequence").isIntegralNumber()).isTrue();
        assertThat(session.path("sync_sequence").asLong()).isZero();
        assertThat(session.path("device_sync_sequence").asLong()).isZero();
        assertThat(session.path("send_sequence").asLong()).isZero();
        assertThat(session.has("device_sync_sequence")).isTrue();
        assertThat(session.has("send_sequence")).isTrue();

        JsonNode me = status(api.get("/api/users/me", session.path("token").asText()), 200);
        assertThat(me.path("user_id").asLong()).isEqualTo(userId);
    }

    @OnEachDatabase
    void loginShouldCreateAnotherDeviceWithItsOwnTokenWhenNoDeviceIdIsGiven(RunningServer s) {
        Api api = s.api();
        Session first = api.newUser("twodev");
        Session second = api.signIn(first.account(), Api.PASSWORD, null);
        assertThat(second.deviceId()).isNotEqualTo(first.deviceId());
        assertThat(second.token()).isNotEqualTo(first.token());
        status(api.get("/api/users/me", first.token()), 200);
        status(api.get("/api/users/me", second.token()), 200);
    }

    @OnEachDatabase
    void loginShouldAnswer401WithTheSameMessageForAnUnknownAccountAndAWrongPassword(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("wrongpw");
        JsonNode wrongPassword = unauthenticated(api.login(user.account(), "not-the-password", null));
        JsonNode unknownAccount = unauthenticated(api.login(Api.account("nobody"), Api.PASSWORD, null));
        assertThat(wrongPassword.path("message").asText()).isEqualTo(unknownAccount.path("message").asText());
    }

    @OnEachDatabase
    void loginShouldAnswer400NamingTheDeviceFieldThatIsMissingOrInvalid(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("devtype");
        invalid(api.post("/api/sessions", null, json("account", user.account(), "password", Api.PASSWORD)), "device");
        invalid(api.post("/api/sessions", null, json("account", user.account(), "password", Api.PASSWORD,
                "device", Api.obj("brand", "x"))), "device.type");
        invalid(api.post("/api/sessions", null, json("account", user.account(), "password", Api.PASSWORD,
                "device", Api.obj("type", 7))), "device.type");
        invalid(api.post("/api/sessions", null, json("account", user.account(), "password", Api.PASSWORD,
                "device", Api.obj("type", 1, "brand", "b".repeat(65)))), "device.brand");
        invalid(api.post("/api/sessions", null, json("account", user.account(), "password", Api.PASSWORD,
                "device", Api.obj("type", 1, "device_id", -1))), "device.device_id");
    }

    @OnEachDatabase
    void reLoginWithTheDeviceIdShouldReuseTheDeviceAndRevokeItsPreviousToken(RunningServer s) {
        Api api = s.api();
        Session first = api.newUser("relogin");
        Session again = api.signIn(first.account(), Api.PASSWORD, first.deviceId());
        assertThat(again.deviceId()).isEqualTo(first.deviceId());
        assertThat(again.token()).isNotEqualTo(first.token());
        unauthenticated(api.get("/api/users/me", first.token()));
        status(api.get("/api/users/me", again.token()), 200);
    }

    @OnEachDatabase
    void loginWithADeviceIdOfAnotherUserShouldAnswer404AndLeaveThatDeviceSignedIn(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("devowner");
        Session thief = api.newUser("devthief");
        notFound(api.login(thief.account(), Api.PASSWORD, owner.deviceId()));
        notFound(api.login(thief.account(), Api.PASSWORD, 987_654_321L));
        status(api.get("/api/users/me", owner.token()), 200);
    }

    // ---- DELETE /api/sessions/current ----

    @OnEachDatabase
    void logoutShouldAnswer204AndStopOnlyThatDevicesToken(RunningServer s) {
        Api api = s.api();
        Session phone = api.newUser("logout");
        Session laptop = api.signIn(phone.account(), Api.PASSWORD, null);
        noContent(api.delete("/api/sessions/current", phone.token()));
        unauthenticated(api.get("/api/users/me", phone.token()));
        unauthenticated(api.delete("/api/sessions/current", phone.token()));
        status(api.get("/api/users/me", laptop.token()), 200);
        // the device may sign in again
        Session back = api.signIn(phone.account(), Api.PASSWORD, phone.deviceId());
        status(api.get("/api/users/me", back.token()), 200);
    }

    // ---- GET / PATCH /api/users/me ----

    @OnEachDatabase
    void getMeShouldAnswerTheCallersOwnUser(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("getme");
        JsonNode me = status(api.get("/api/users/me", user.token()), 200);
        assertThat(me.path("user_id").asLong()).isEqualTo(user.userId());
        assertThat(me.path("account").asText()).isEqualTo(user.account());
        assertThat(me.path("nickname").asText()).isEqualTo("getme");
        assertThat(me.path("sex").asInt()).isZero();
        assertThat(me.path("avatar_url").asText()).isEmpty();
        assertThat(me.path("extra").isObject()).isTrue();
        assertThat(me.path("created_at").asLong()).isPositive();
        assertThat(fieldNames(me)).noneMatch(n -> n.contains("password") || n.contains("hash"));
    }

    @OnEachDatabase
    void patchMeShouldChangeOnlyTheGivenFieldsAndKeepThem(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("patchme");
        JsonNode updated = status(api.patch("/api/users/me", user.token(),
                json("nickname", "New Name", "sex", 1, "extra", Api.obj("lang", "nb"))), 200);
        assertThat(updated.path("nickname").asText()).isEqualTo("New Name");
        assertThat(updated.path("sex").asInt()).isEqualTo(1);
        assertThat(updated.path("extra").path("lang").asText()).isEqualTo("nb");

        status(api.patch("/api/users/me", user.token(), json("avatar_url", "https://img.example/b.png")), 200);
        JsonNode me = status(api.get("/api/users/me", user.token()), 200);
        assertThat(me.path("nickname").asText()).isEqualTo("New Name");
        assertThat(me.path("sex").asInt()).isEqualTo(1);
        assertThat(me.path("avatar_url").asText()).isEqualTo("https://img.example/b.png");
        assertThat(me.path("extra").path("lang").asText()).isEqualTo("nb");
    }

    @OnEachDatabase
    void patchMeShouldAnswer400NamingAnInvalidField(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("patchbad");
        invalid(api.patch("/api/users/me", user.token(), json("nickname", "")), "nickname");
        invalid(api.patch("/api/users/me", user.token(), json("avatar_url", "u".repeat(257))), "avatar_url");
        invalid(api.patch("/api/users/me", user.token(), json("sex", "male")), "sex");
        invalid(api.patch("/api/users/me", user.token(), json("account", "renamed")), "account");
        assertThat(status(api.get("/api/users/me", user.token()), 200).path("nickname").asText()).isEqualTo("patchbad");
    }

    @OnEachDatabase
    void patchMePasswordShouldNeedTheCorrectOldPassword(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("chpw");
        String newPassword = "brand-new-password";
        invalid(api.patch("/api/users/me", user.token(), json("password", newPassword)), "old_password");
        denied(api.patch("/api/users/me", user.token(), json("password", newPassword, "old_password", "wrong-old-password")));
        invalid(api.patch("/api/users/me", user.token(), json("password", "short", "old_password", Api.PASSWORD)), "password");
        // nothing changed so far
        status(api.login(user.account(), Api.PASSWORD, null), 201);

        status(api.patch("/api/users/me", user.token(), json("password", newPassword, "old_password", Api.PASSWORD)), 200);
        unauthenticated(api.login(user.account(), Api.PASSWORD, null));
        status(api.login(user.account(), newPassword, null), 201);
        // the device that changed it stays signed in
        status(api.get("/api/users/me", user.token()), 200);
    }

    // ---- GET /api/users/{user_id} and /api/users?account= ----

    @OnEachDatabase
    void getUserShouldAnswerThePublicProfileWithoutPrivateFields(RunningServer s) {
        Api api = s.api();
        Session viewer = api.newUser("viewer");
        Session target = api.newUser("target");
        status(api.patch("/api/users/me", target.token(), json("avatar_url", "https://img.example/t.png", "sex", 2,
                "extra", Api.obj("secret", "only-mine"))), 200);

        Answer a = api.get("/api/users/" + target.userId(), viewer.token());
        JsonNode profile = status(a, 200);
        assertThat(profile.path("user_id").asLong()).isEqualTo(target.userId());
        assertThat(profile.path("account").asText()).isEqualTo(target.account());
        assertThat(profile.path("nickname").asText()).isEqualTo("target");
        assertThat(profile.path("sex").asInt()).isEqualTo(2);
        assertThat(profile.path("avatar_url").asText()).isEqualTo("https://img.example/t.png");
        assertThat(fieldNames(profile)).noneMatch(n -> n.contains("password") || n.contains("hash") || n.equals("token"));
        assertThat(profile.has("extra")).as("extra is not part of the public profile").isFalse();
        assertThat(a.body()).doesNotContain("only-mine");
    }

    @OnEachDatabase
    void getUserShouldAnswer404ForAnUnknownIdAnd400ForANonNumericOne(RunningServer s) {
        Api api = s.api();
        Session viewer = api.newUser("viewer404");
        notFound(api.get("/api/users/987654321", viewer.token()));
        invalid(api.get("/api/users/abc", viewer.token()), "user_id");
        invalid(api.get("/api/users/-1", viewer.token()), "user_id");
    }

    @OnEachDatabase
    void findByAccountShouldMatchTheWholeAccountIgnoringCase(RunningServer s) {
        Api api = s.api();
        Session viewer = api.newUser("finder");
        Session target = api.newUser("findme");

        JsonNode found = status(api.get("/api/users?account=" + target.account().toUpperCase(), viewer.token()), 200);
        assertThat(found.isArray()).isTrue();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("user_id").asLong()).isEqualTo(target.userId());
        assertThat(found.get(0).path("account").asText()).isEqualTo(target.account());
        assertThat(fieldNames(found.get(0))).noneMatch(n -> n.contains("password") || n.contains("hash"));

        String prefix = target.account().substring(0, target.account().length() - 1);
        assertThat(status(api.get("/api/users?account=" + prefix, viewer.token()), 200)).isEmpty();
        assertThat(status(api.get("/api/users?account=" + Api.account("nobody"), viewer.token()), 200)).isEmpty();
        invalid(api.get("/api/users", viewer.token()), "account");
    }
}
