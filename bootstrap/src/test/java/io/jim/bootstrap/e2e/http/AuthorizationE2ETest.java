package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Expect.noContent;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.TestServer;
import io.jim.bootstrap.e2e.http.Api.Answer;
import io.jim.bootstrap.e2e.http.Api.Session;
import java.net.http.HttpRequest;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * HTTP-API.md "Auth": every /api endpoint except registration and login needs the bearer token of a
 * signed-in device; the admin endpoint needs the admin token. Each test sends one kind of missing or
 * bad credential to every endpoint of the contract on the real server and expects 401 code 4.
 */
class AuthorizationE2ETest {

    /** A user endpoint of the contract, with ids filled in, and a body where it takes one. */
    private record Endpoint(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * Every user endpoint of HTTP-API.md; logout last, so that a valid-token pass ends with it. The ids
     * name nothing, so that even an accepted request cannot touch other tests' users.
     */
    private static final List<Endpoint> USER_ENDPOINTS = List.of(
            new Endpoint("GET", "/api/users/me", null),
            new Endpoint("PATCH", "/api/users/me", "{\"nickname\":\"hacked\"}"),
            new Endpoint("GET", "/api/users/987654321", null),
            new Endpoint("GET", "/api/users?account=abc", null),
            new Endpoint("POST", "/api/friends/requests", "{\"user_id\":987654321}"),
            new Endpoint("GET", "/api/friends/requests", null),
            new Endpoint("POST", "/api/friends/requests/987654321/accept", "{}"),
            new Endpoint("POST", "/api/friends/requests/987654321/reject", null),
            new Endpoint("GET", "/api/friends", null),
            new Endpoint("PATCH", "/api/friends/987654321", "{\"remark\":\"x\"}"),
            new Endpoint("DELETE", "/api/friends/987654321", null),
            new Endpoint("POST", "/api/groups", "{\"name\":\"g\",\"member_ids\":[]}"),
            new Endpoint("GET", "/api/groups", null),
            new Endpoint("GET", "/api/groups/987654321", null),
            new Endpoint("PATCH", "/api/groups/987654321", "{\"name\":\"g\"}"),
            new Endpoint("DELETE", "/api/groups/987654321", null),
            new Endpoint("GET", "/api/groups/987654321/members", null),
            new Endpoint("POST", "/api/groups/987654321/members", "{\"user_ids\":[987654321]}"),
            new Endpoint("DELETE", "/api/groups/987654321/members/987654321", null),
            new Endpoint("PATCH", "/api/groups/987654321/members/987654321", "{\"label\":\"x\"}"),
            new Endpoint("POST", "/api/messages", "{\"receiver_type\":1,\"receiver_id\":987654321,\"type\":1,\"content\":\"x\"}"),
            new Endpoint("GET", "/api/messages", null),
            new Endpoint("POST", "/api/messages/ack", "{\"sync_sequence\":1}"),
            new Endpoint("DELETE", "/api/sessions/current", null));

    private static Answer call(Api api, Endpoint e, String authorization) {
        HttpRequest.Builder b = api.request(e.path());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (e.body() != null) {
            b.header("Content-Type", "application/json");
        }
        return api.sendRaw(e.method(), e.path(), b, e.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(e.body()));
    }

    /** Every user endpoint answers 401 code 4 to this Authorization header (null: none). */
    private static void assertEveryUserEndpointRefuses(Api api, String authorization) {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint e : USER_ENDPOINTS) {
            Answer a = call(api, e, authorization);
            soft.assertThat(a.status()).as(a.toString()).isEqualTo(401);
            if (a.status() == 401) {
                JsonNode body = a.json();
                soft.assertThat(body.path("code").asInt()).as(a.toString()).isEqualTo(4);
                soft.assertThat(body.path("error").asText()).as(a.toString()).isEqualTo("UNAUTHENTICATED");
                soft.assertThat(body.path("message").asText()).as(a.toString()).isNotBlank();
            }
        }
        soft.assertAll();
    }

    @OnEachDatabase
    void everyUserEndpointShouldAcceptAValidTokenSoThatTheRefusalsBelowAreAboutTheToken(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("authok");
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint e : USER_ENDPOINTS) {
            Answer a = call(api, e, "Bearer " + user.token());
            soft.assertThat(a.status()).as(a.toString()).isNotEqualTo(401).isLessThan(500);
        }
        soft.assertAll();
        assertThat(status(api.get("/api/users/me", null), 401).path("code").asInt()).isEqualTo(4);
    }

    @OnEachDatabase
    void everyUserEndpointShouldRefuseARequestWithoutAToken(RunningServer s) {
        assertEveryUserEndpointRefuses(s.api(), null);
        assertEveryUserEndpointRefuses(s.api(), "Bearer ");
    }

    @OnEachDatabase
    void everyUserEndpointShouldRefuseAMalformedOrUnknownToken(RunningServer s) {
        assertEveryUserEndpointRefuses(s.api(), "Bearer not-a-token");
        assertEveryUserEndpointRefuses(s.api(), "Bearer 1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @OnEachDatabase
    void everyUserEndpointShouldRefuseAValidTokenUnderAnotherScheme(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("authscheme");
        assertEveryUserEndpointRefuses(api, "Token " + user.token());
        assertEveryUserEndpointRefuses(api, user.token());
    }

    @OnEachDatabase
    void everyUserEndpointShouldRefuseATokenRevokedByLogout(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("authout");
        noContent(api.delete("/api/sessions/current", user.token()));
        assertEveryUserEndpointRefuses(api, "Bearer " + user.token());
    }

    @OnEachDatabase
    void everyUserEndpointShouldRefuseATokenReplacedByANewerLoginOfTheSameDevice(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("authre");
        Session newer = api.signIn(user.account(), Api.PASSWORD, user.deviceId());
        assertEveryUserEndpointRefuses(api, "Bearer " + user.token());
        status(api.get("/api/users/me", newer.token()), 200);
    }

    @OnEachDatabase
    void everyUserEndpointShouldRefuseAnotherDevicesTokenWithThisDevicesIdSwapped(RunningServer s) {
        Api api = s.api();
        Session a = api.newUser("authswap");
        Session b = api.newUser("authswap");
        // b's secret presented as a's device: the token names a device whose hash it does not match
        String forged = a.deviceId() + b.token().substring(b.token().indexOf('.'));
        assertEveryUserEndpointRefuses(api, "Bearer " + forged);
    }

    @OnEachDatabase
    void everyUserEndpointShouldRefuseTheAdminToken(RunningServer s) {
        assertEveryUserEndpointRefuses(s.api(), "Bearer " + TestServer.ADMIN_TOKEN);
    }

    @OnEachDatabase
    void registrationLoginAndOperationsShouldNeedNoToken(RunningServer s) {
        Api api = s.api();
        String account = Api.account("authpub");
        status(api.register(account, Api.PASSWORD, "p"), 201);
        status(api.login(account, Api.PASSWORD, null), 201);
        status(api.get("/health", null), 200);
        assertThat(api.get("/metrics", null).status()).isEqualTo(200);
        status(api.get("/openapi.json", null), 200);
    }
}
