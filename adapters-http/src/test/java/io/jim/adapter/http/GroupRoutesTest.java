package io.jim.adapter.http;

import static io.jim.adapter.http.RouteTestSupport.assertError;
import static io.jim.adapter.http.RouteTestSupport.assertInvalid;
import static io.jim.adapter.http.RouteTestSupport.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.application.config.Limits;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Groups (HTTP-API.md) through the real HTTP stack over the in-memory application (member limit 5). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupRoutesTest {

    private static final int LIMIT = 5;
    private JimServer s;

    @BeforeAll
    void start() {
        s = new JimServer(new InMemoryJim(new Limits(Limits.DEFAULTS.maxContentBytes(), LIMIT)), Optional.of(ServerHarness.ADMIN_TOKEN));
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private static String ids(Session... members) {
        List<String> ids = new ArrayList<>();
        for (Session m : members) {
            ids.add(Long.toString(m.userId().value()));
        }
        return "[" + String.join(",", ids) + "]";
    }

    private JsonNode create(Session owner, Session... members) {
        return assertStatus(s.http.post("/api/groups", owner.token(),
                "{\"name\":\"Team\",\"introduction\":\"we build\",\"avatar_url\":\"https://g\",\"extra\":{\"topic\":\"jim\"},\"member_ids\":"
                        + ids(members) + "}"), 201).json();
    }

    private String group(JsonNode g) {
        return "/api/groups/" + g.path("group_id").asLong();
    }

    @Test
    void creatingAGroupAnswers201WithTheCallerAsOwner() {
        Session owner = s.user("go");
        Session m = s.user("gm");
        JsonNode g = create(owner, m);
        assertThat(g.path("group_id").asLong()).isPositive();
        assertThat(g.path("name").asText()).isEqualTo("Team");
        assertThat(g.path("introduction").asText()).isEqualTo("we build");
        assertThat(g.path("avatar_url").asText()).isEqualTo("https://g");
        assertThat(g.path("extra").path("topic").asText()).isEqualTo("jim");
        assertThat(g.path("owner_id").asLong()).isEqualTo(owner.userId().value());
        assertThat(g.path("member_count").asInt()).isEqualTo(2);
        assertThat(g.path("created_at").asLong()).isPositive();
        JsonNode members = s.http.get(group(g) + "/members", owner.token()).json();
        assertThat(members).hasSize(2);
        JsonNode ownerMember = members.get(0).path("user_id").asLong() == owner.userId().value() ? members.get(0) : members.get(1);
        assertThat(ownerMember.path("role").asText()).isEqualTo("OWNER");
    }

    @Test
    void creatingValidatesTheBodyAndTheMembers() {
        Session owner = s.user("gv");
        assertInvalid(s.http.post("/api/groups", owner.token(), "{\"member_ids\":[]}"), "name");
        assertInvalid(s.http.post("/api/groups", owner.token(), "{\"name\":\"\",\"member_ids\":[]}"), "name");
        assertInvalid(s.http.post("/api/groups", owner.token(), "{\"name\":\"" + "n".repeat(33) + "\",\"member_ids\":[]}"), "name");
        assertInvalid(s.http.post("/api/groups", owner.token(), "{\"name\":\"ok\"}"), "member_ids");
        assertInvalid(s.http.post("/api/groups", owner.token(), "{\"name\":\"ok\",\"member_ids\":[987654321]}"), "member_ids");
        assertInvalid(s.http.post("/api/groups", owner.token(), "{\"name\":\"ok\",\"member_ids\":[-1]}"), "member_ids");
        assertInvalid(s.http.post("/api/groups", owner.token(), "{\"name\":\"ok\",\"member_ids\":[1],\"introduction\":\"" + "i".repeat(513) + "\"}"), "introduction");
    }

    @Test
    void creatingPastTheMemberLimitIs409() {
        Session owner = s.user("glim");
        Session[] many = new Session[LIMIT];
        for (int i = 0; i < many.length; i++) {
            many[i] = s.user("glm");
        }
        assertError(s.http.post("/api/groups", owner.token(), "{\"name\":\"big\",\"member_ids\":" + ids(many) + "}"), 409, 8, "CONFLICT");
    }

    @Test
    void aGroupIsVisibleToItsMembersOnlyAndOtherwise404() {
        Session owner = s.user("gvis");
        Session m = s.user("gvm");
        Session outsider = s.user("gvo");
        JsonNode g = create(owner, m);
        assertThat(assertStatus(s.http.get(group(g), m.token()), 200).json()).isEqualTo(g);
        assertError(s.http.get(group(g), outsider.token()), 404, 6, "NOT_FOUND");
        assertError(s.http.get(group(g) + "/members", outsider.token()), 404, 6, "NOT_FOUND");
        assertError(s.http.patch(group(g), outsider.token(), "{\"name\":\"x\"}"), 404, 6, "NOT_FOUND");
        assertError(s.http.delete(group(g), outsider.token()), 404, 6, "NOT_FOUND");
        assertError(s.http.post(group(g) + "/members", outsider.token(), "{\"user_ids\":[" + outsider.userId().value() + "]}"), 404, 6, "NOT_FOUND");
        assertError(s.http.get("/api/groups/987654321", owner.token()), 404, 6, "NOT_FOUND");
        assertInvalid(s.http.get("/api/groups/abc", owner.token()), "group_id");
    }

    @Test
    void listingMyGroupsShowsOnlyTheCallersGroups() {
        Session owner = s.user("glist");
        Session m = s.user("glistm");
        JsonNode g = create(owner, m);
        create(s.user("gother"));
        JsonNode mine = assertStatus(s.http.get("/api/groups", m.token()), 200).json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("group_id")).isEqualTo(g.path("group_id"));
    }

    @Test
    void ownerOrAdminMayUpdateAndAMemberGets403() {
        Session owner = s.user("gup");
        Session admin = s.user("gupa");
        Session member = s.user("gupm");
        JsonNode g = create(owner, admin, member);
        assertStatus(s.http.patch(group(g) + "/members/" + admin.userId().value(), owner.token(), "{\"role\":\"ADMIN\"}"), 200);

        JsonNode updated = assertStatus(s.http.patch(group(g), owner.token(), "{\"name\":\"Renamed\",\"extra\":{\"v\":2}}"), 200).json();
        assertThat(updated.path("name").asText()).isEqualTo("Renamed");
        assertThat(updated.path("introduction").asText()).isEqualTo("we build");
        assertThat(updated.path("extra").path("v").asInt()).isEqualTo(2);
        assertThat(assertStatus(s.http.patch(group(g), admin.token(), "{\"introduction\":\"by admin\"}"), 200).json()
                .path("introduction").asText()).isEqualTo("by admin");
        assertError(s.http.patch(group(g), member.token(), "{\"name\":\"Mine\"}"), 403, 7, "PERMISSION_DENIED");
        assertInvalid(s.http.patch(group(g), owner.token(), "{\"name\":\"\"}"), "name");
        assertInvalid(s.http.patch(group(g), owner.token(), "{\"owner_id\":1}"), "owner_id");
    }

    @Test
    void onlyTheOwnerMayDissolve() {
        Session owner = s.user("gdis");
        Session member = s.user("gdism");
        JsonNode g = create(owner, member);
        assertError(s.http.delete(group(g), member.token()), 403, 7, "PERMISSION_DENIED");
        assertStatus(s.http.delete(group(g), owner.token()), 204);
        assertError(s.http.get(group(g), owner.token()), 404, 6, "NOT_FOUND");
        assertThat(s.http.get("/api/groups", member.token()).json()).isEmpty();
    }

    @Test
    void membersAreListedWithNicknameRoleLabelAndJoinedAt() {
        Session owner = s.user("gml");
        Session m = s.user("gmlm");
        JsonNode g = create(owner, m);
        JsonNode members = assertStatus(s.http.get(group(g) + "/members", m.token()), 200).json();
        assertThat(members).hasSize(2);
        for (JsonNode member : members) {
            for (String field : new String[] {"user_id", "nickname", "avatar_url", "role", "label", "joined_at"}) {
                assertThat(member.has(field)).as(field).isTrue();
            }
        }
    }

    @Test
    void anyMemberMayAddAndAlreadyMembersAreReported() {
        Session owner = s.user("gadd");
        Session m = s.user("gaddm");
        Session newcomer = s.user("gaddn");
        JsonNode g = create(owner, m);
        JsonNode result = assertStatus(s.http.post(group(g) + "/members", m.token(),
                "{\"user_ids\":[" + newcomer.userId().value() + "," + owner.userId().value() + "]}"), 200).json();
        assertThat(result.path("added")).hasSize(1);
        assertThat(result.path("added").get(0).asLong()).isEqualTo(newcomer.userId().value());
        assertThat(result.path("already_members")).hasSize(1);
        assertThat(result.path("already_members").get(0).asLong()).isEqualTo(owner.userId().value());
        assertThat(s.http.get(group(g), owner.token()).json().path("member_count").asInt()).isEqualTo(3);
    }

    @Test
    void addingUnknownUsersIs400NamingThemAndPastTheLimitIs409() {
        Session owner = s.user("gau");
        JsonNode g = create(owner);
        Answer unknown = assertInvalid(s.http.post(group(g) + "/members", owner.token(), "{\"user_ids\":[987654321]}"), "user_ids");
        assertThat(unknown.json().path("message").asText()).contains("987654321");
        assertInvalid(s.http.post(group(g) + "/members", owner.token(), "{}"), "user_ids");
        Session[] many = new Session[LIMIT];
        for (int i = 0; i < many.length; i++) {
            many[i] = s.user("gaum");
        }
        assertError(s.http.post(group(g) + "/members", owner.token(), "{\"user_ids\":" + ids(many) + "}"), 409, 8, "CONFLICT");
    }

    @Test
    void removingFollowsTheRoles() {
        Session owner = s.user("grm");
        Session admin = s.user("grma");
        Session m1 = s.user("grm1");
        Session m2 = s.user("grm2");
        JsonNode g = create(owner, admin, m1, m2);
        s.http.patch(group(g) + "/members/" + admin.userId().value(), owner.token(), "{\"role\":\"ADMIN\"}");

        assertError(s.http.delete(group(g) + "/members/" + m2.userId().value(), m1.token()), 403, 7, "PERMISSION_DENIED");
        assertError(s.http.delete(group(g) + "/members/" + owner.userId().value(), admin.token()), 403, 7, "PERMISSION_DENIED");
        assertStatus(s.http.delete(group(g) + "/members/" + m2.userId().value(), admin.token()), 204);
        assertStatus(s.http.delete(group(g) + "/members/" + m1.userId().value(), m1.token()), 204);
        assertError(s.http.delete(group(g) + "/members/" + owner.userId().value(), owner.token()), 409, 8, "CONFLICT");
        assertStatus(s.http.delete(group(g) + "/members/" + admin.userId().value(), owner.token()), 204);
        assertThat(s.http.get(group(g), owner.token()).json().path("member_count").asInt()).isEqualTo(1);
        assertError(s.http.delete(group(g) + "/members/" + m1.userId().value(), owner.token()), 404, 6, "NOT_FOUND");
        assertInvalid(s.http.delete(group(g) + "/members/me", owner.token()), "user_id");
    }

    @Test
    void aMemberSetsItsOwnLabelButNotAnothersAndOnlyTheOwnerSetsRoles() {
        Session owner = s.user("gpm");
        Session m1 = s.user("gpm1");
        Session m2 = s.user("gpm2");
        JsonNode g = create(owner, m1, m2);
        String m1Path = group(g) + "/members/" + m1.userId().value();

        JsonNode labelled = assertStatus(s.http.patch(m1Path, m1.token(), "{\"label\":\"🎸 guitar\"}"), 200).json();
        assertThat(labelled.path("label").asText()).isEqualTo("🎸 guitar");
        assertThat(labelled.path("role").asText()).isEqualTo("MEMBER");
        assertError(s.http.patch(m1Path, m2.token(), "{\"label\":\"x\"}"), 403, 7, "PERMISSION_DENIED");
        assertError(s.http.patch(m1Path, m2.token(), "{\"role\":\"ADMIN\"}"), 403, 7, "PERMISSION_DENIED");

        JsonNode promoted = assertStatus(s.http.patch(m1Path, owner.token(), "{\"role\":\"ADMIN\"}"), 200).json();
        assertThat(promoted.path("role").asText()).isEqualTo("ADMIN");
        assertInvalid(s.http.patch(m1Path, owner.token(), "{\"role\":\"OWNER\"}"), "role");
        assertInvalid(s.http.patch(m1Path, owner.token(), "{\"role\":\"KING\"}"), "role");
        assertInvalid(s.http.patch(group(g) + "/members/" + owner.userId().value(), owner.token(), "{\"role\":\"MEMBER\"}"), "role");
        assertInvalid(s.http.patch(m1Path, owner.token(), "{}"), "label");
        assertInvalid(s.http.patch(m1Path, m1.token(), "{\"label\":\"" + "l".repeat(33) + "\"}"), "label");
    }
}
