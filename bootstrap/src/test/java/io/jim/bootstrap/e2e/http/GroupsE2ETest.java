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
import io.jim.bootstrap.e2e.http.Api.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups and members of HTTP-API.md through the real server and storage. The servers of this class
 * allow at most {@value #MAX_MEMBERS} members per group, so that the limit is reachable.
 */
@ServerSettings("JIM_MAX_GROUP_MEMBERS=" + GroupsE2ETest.MAX_MEMBERS)
class GroupsE2ETest {

    static final int MAX_MEMBERS = 3;

    private static String group(long id) {
        return "/api/groups/" + id;
    }

    private static String member(long group, Session user) {
        return "/api/groups/" + group + "/members/" + user.userId();
    }

    private static List<Long> longs(JsonNode array, String field) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asLong() : n.path(field).asLong()));
        return out;
    }

    /** user id → role, from the members list as seen by {@code viewer}. */
    private static Map<Long, String> roles(Api api, long groupId, Session viewer) {
        Map<Long, String> out = new LinkedHashMap<>();
        status(api.get(group(groupId) + "/members", viewer.token()), 200)
                .forEach(m -> out.put(m.path("user_id").asLong(), m.path("role").asText()));
        return out;
    }

    // ---- POST /api/groups ----

    @OnEachDatabase
    void createShouldAnswer201WithTheGroupOwnedByTheCallerCountingTheCaller(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("gowner");
        Session other = api.newUser("gmember");
        JsonNode g = status(api.post("/api/groups", owner.token(), json("name", "Hikers", "introduction", "we walk",
                "avatar_url", "https://img.example/g.png", "extra", Api.obj("topic", "hills"),
                "member_ids", List.of(other.userId(), other.userId(), owner.userId()))), 201);
        assertThat(g.path("group_id").asLong()).isPositive();
        assertThat(g.path("name").asText()).isEqualTo("Hikers");
        assertThat(g.path("introduction").asText()).isEqualTo("we walk");
        assertThat(g.path("avatar_url").asText()).isEqualTo("https://img.example/g.png");
        assertThat(g.path("extra").path("topic").asText()).isEqualTo("hills");
        assertThat(g.path("owner_id").asLong()).isEqualTo(owner.userId());
        assertThat(g.path("member_count").asInt()).isEqualTo(2);
        assertThat(g.path("created_at").asLong()).isPositive();

        assertThat(roles(api, g.path("group_id").asLong(), owner))
                .containsExactlyInAnyOrderEntriesOf(Map.of(owner.userId(), "OWNER", other.userId(), "MEMBER"));
    }

    @OnEachDatabase
    void createWithNoOtherMembersShouldMakeAGroupOfOne(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("solo");
        JsonNode g = status(api.post("/api/groups", owner.token(), json("name", "Just me", "member_ids", List.of())), 201);
        assertThat(g.path("member_count").asInt()).isEqualTo(1);
        assertThat(g.path("introduction").asText()).isEmpty();
        assertThat(g.path("extra").isObject()).isTrue();
    }

    @OnEachDatabase
    void createPastTheMemberLimitShouldAnswer409AndCreateNothing(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("big");
        List<Long> others = new ArrayList<>();
        for (int i = 0; i < MAX_MEMBERS; i++) {
            others.add(api.newUser("bigm").userId());
        }
        conflict(api.post("/api/groups", owner.token(), json("name", "Too big", "member_ids", others)));
        assertThat(status(api.get("/api/groups", owner.token()), 200)).isEmpty();
        // exactly the limit is fine
        JsonNode g = status(api.post("/api/groups", owner.token(), json("name", "Full", "member_ids", others.subList(1, MAX_MEMBERS))), 201);
        assertThat(g.path("member_count").asInt()).isEqualTo(MAX_MEMBERS);
    }

    @OnEachDatabase
    void createWithUnknownMemberIdsShouldAnswer400NamingThem(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("ghosts");
        JsonNode body = invalid(api.post("/api/groups", owner.token(), json("name", "G", "member_ids", List.of(987_654_321L))),
                "member_ids");
        assertThat(body.path("message").asText()).contains("987654321");
        assertThat(status(api.get("/api/groups", owner.token()), 200)).isEmpty();
    }

    @OnEachDatabase
    void createShouldAnswer400NamingAMissingOrInvalidField(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("gbad");
        invalid(api.post("/api/groups", owner.token(), json("member_ids", List.of())), "name");
        invalid(api.post("/api/groups", owner.token(), json("name", "", "member_ids", List.of())), "name");
        invalid(api.post("/api/groups", owner.token(), json("name", "n".repeat(33), "member_ids", List.of())), "name");
        invalid(api.post("/api/groups", owner.token(), json("name", "G")), "member_ids");
        invalid(api.post("/api/groups", owner.token(), json("name", "G", "member_ids", List.of("x"))), "member_ids");
        invalid(api.post("/api/groups", owner.token(), json("name", "G", "introduction", "i".repeat(513), "member_ids", List.of())),
                "introduction");
        invalid(api.post("/api/groups", owner.token(), json("name", "G", "extra", Api.obj("big", "b".repeat(4097)), "member_ids", List.of())),
                "extra");
        invalid(api.post("/api/groups", owner.token(), json("name", "G", "extra", List.of(1), "member_ids", List.of())), "extra");
        assertThat(status(api.get("/api/groups", owner.token()), 200)).isEmpty();
    }

    // ---- GET /api/groups, GET /api/groups/{id} ----

    @OnEachDatabase
    void listMineShouldShowExactlyTheGroupsTheCallerBelongsTo(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("lo");
        Session member = api.newUser("lm");
        Session outsider = api.newUser("lx");
        long g1 = api.createGroup(owner, "one", member);
        long g2 = api.createGroup(owner, "two");
        assertThat(longs(status(api.get("/api/groups", owner.token()), 200), "group_id")).containsExactlyInAnyOrder(g1, g2);
        JsonNode memberGroups = status(api.get("/api/groups", member.token()), 200);
        assertThat(longs(memberGroups, "group_id")).containsExactly(g1);
        assertThat(memberGroups.get(0).path("name").asText()).isEqualTo("one");
        assertThat(memberGroups.get(0).path("member_count").asInt()).isEqualTo(2);
        assertThat(status(api.get("/api/groups", outsider.token()), 200)).isEmpty();
    }

    @OnEachDatabase
    void getShouldAnswerTheGroupToMembersAnd404ToEveryoneElse(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("go");
        Session member = api.newUser("gm");
        Session outsider = api.newUser("gx");
        long id = api.createGroup(owner, "private", member);
        JsonNode g = status(api.get(group(id), member.token()), 200);
        assertThat(g.path("group_id").asLong()).isEqualTo(id);
        assertThat(g.path("owner_id").asLong()).isEqualTo(owner.userId());
        assertThat(g.path("member_count").asInt()).isEqualTo(2);

        notFound(api.get(group(id), outsider.token()));
        notFound(api.get(group(987_654_321L), owner.token()));
        invalid(api.get("/api/groups/abc", owner.token()), "group_id");
    }

    @OnEachDatabase
    void everyEndpointOfAGroupShouldAnswer404ToANonMember(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("no");
        Session member = api.newUser("nm");
        Session outsider = api.newUser("nx");
        long id = api.createGroup(owner, "closed", member);
        notFound(api.get(group(id), outsider.token()));
        notFound(api.patch(group(id), outsider.token(), json("name", "taken over")));
        notFound(api.delete(group(id), outsider.token()));
        notFound(api.get(group(id) + "/members", outsider.token()));
        notFound(api.post(group(id) + "/members", outsider.token(), json("user_ids", List.of(outsider.userId()))));
        notFound(api.delete(member(id, member), outsider.token()));
        notFound(api.delete(member(id, outsider), outsider.token()));
        notFound(api.patch(member(id, member), outsider.token(), json("role", "ADMIN")));
        notFound(api.patch(member(id, outsider), outsider.token(), json("label", "me")));
        assertThat(status(api.get(group(id), owner.token()), 200).path("name").asText()).isEqualTo("closed");
        assertThat(roles(api, id, owner)).hasSize(2);
    }

    // ---- PATCH / DELETE /api/groups/{id} ----

    @OnEachDatabase
    void patchShouldAnswer403ToAMemberAnd200ToAnAdmin(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("po");
        Session admin = api.newUser("pa");
        Session member = api.newUser("pm");
        long id = api.createGroup(owner, "before", admin, member);
        api.setRole(owner, id, admin, "ADMIN");

        denied(api.patch(group(id), member.token(), json("name", "by member")));
        JsonNode g = status(api.patch(group(id), admin.token(), json("name", "by admin", "introduction", "new intro",
                "extra", Api.obj("k", 1))), 200);
        assertThat(g.path("name").asText()).isEqualTo("by admin");
        assertThat(g.path("introduction").asText()).isEqualTo("new intro");
        assertThat(g.path("extra").path("k").asInt()).isEqualTo(1);
        assertThat(g.path("owner_id").asLong()).isEqualTo(owner.userId());

        JsonNode seen = status(api.get(group(id), member.token()), 200);
        assertThat(seen.path("name").asText()).isEqualTo("by admin");
        assertThat(seen.path("introduction").asText()).isEqualTo("new intro");
        status(api.patch(group(id), owner.token(), json("avatar_url", "https://img.example/o.png")), 200);
        assertThat(status(api.get(group(id), member.token()), 200).path("avatar_url").asText()).isEqualTo("https://img.example/o.png");
        invalid(api.patch(group(id), owner.token(), json("name", "")), "name");
    }

    @OnEachDatabase
    void deleteShouldAnswer403ToAnAdminAndAMemberAnd204ToTheOwner(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("do");
        Session admin = api.newUser("da");
        Session member = api.newUser("dm");
        long id = api.createGroup(owner, "doomed", admin, member);
        api.setRole(owner, id, admin, "ADMIN");

        denied(api.delete(group(id), member.token()));
        denied(api.delete(group(id), admin.token()));
        status(api.get(group(id), member.token()), 200);

        noContent(api.delete(group(id), owner.token()));
        notFound(api.get(group(id), owner.token()));
        notFound(api.get(group(id), member.token()));
        notFound(api.delete(group(id), owner.token()));
        assertThat(status(api.get("/api/groups", admin.token()), 200)).isEmpty();
    }

    // ---- members ----

    @OnEachDatabase
    void membersListShouldShowEachMembersProfileRoleLabelAndJoinTime(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("mo");
        Session member = api.newUser("mm");
        status(api.patch("/api/users/me", member.token(), json("nickname", "Mimi", "avatar_url", "https://img.example/m.png")), 200);
        long id = api.createGroup(owner, "listed", member);

        JsonNode members = status(api.get(group(id) + "/members", member.token()), 200);
        assertThat(members).hasSize(2);
        JsonNode m = null;
        for (JsonNode n : members) {
            if (n.path("user_id").asLong() == member.userId()) {
                m = n;
            }
        }
        assertThat(m).as("the member is listed: " + members).isNotNull();
        assertThat(m.path("nickname").asText()).isEqualTo("Mimi");
        assertThat(m.path("avatar_url").asText()).isEqualTo("https://img.example/m.png");
        assertThat(m.path("role").asText()).isEqualTo("MEMBER");
        assertThat(m.path("label").asText()).isEmpty();
        assertThat(m.path("joined_at").asLong()).isPositive();
    }

    @OnEachDatabase
    void addShouldLetAnyMemberAddAndReportThoseAlreadyMembers(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("ao");
        Session member = api.newUser("am");
        Session newcomer = api.newUser("an");
        long id = api.createGroup(owner, "growing", member);

        JsonNode result = status(api.post(group(id) + "/members", member.token(),
                json("user_ids", List.of(newcomer.userId(), owner.userId()))), 200);
        assertThat(longs(result.path("added"), null)).containsExactly(newcomer.userId());
        assertThat(longs(result.path("already_members"), null)).containsExactly(owner.userId());
        assertThat(roles(api, id, newcomer)).containsEntry(newcomer.userId(), "MEMBER").hasSize(3);
        assertThat(status(api.get(group(id), newcomer.token()), 200).path("member_count").asInt()).isEqualTo(3);

        JsonNode again = status(api.post(group(id) + "/members", owner.token(), json("user_ids", List.of(newcomer.userId()))), 200);
        assertThat(again.path("added")).isEmpty();
        assertThat(longs(again.path("already_members"), null)).containsExactly(newcomer.userId());
    }

    @OnEachDatabase
    void addPastTheMemberLimitShouldAnswer409AndAddNobody(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("fo");
        Session a = api.newUser("fa");
        Session b = api.newUser("fb");
        Session c = api.newUser("fc");
        long id = api.createGroup(owner, "almost full", a);
        conflict(api.post(group(id) + "/members", owner.token(), json("user_ids", List.of(b.userId(), c.userId()))));
        assertThat(roles(api, id, owner)).hasSize(2);
        status(api.post(group(id) + "/members", owner.token(), json("user_ids", List.of(b.userId()))), 200);
        conflict(api.post(group(id) + "/members", owner.token(), json("user_ids", List.of(c.userId()))));
        assertThat(roles(api, id, owner)).hasSize(MAX_MEMBERS);
    }

    @OnEachDatabase
    void addWithUnknownOrNoUserIdsShouldAnswer400NamingUserIds(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("uo");
        Session real = api.newUser("ur");
        long id = api.createGroup(owner, "careful");
        JsonNode body = invalid(api.post(group(id) + "/members", owner.token(),
                json("user_ids", List.of(real.userId(), 987_654_321L))), "user_ids");
        assertThat(body.path("message").asText()).contains("987654321");
        assertThat(roles(api, id, owner)).hasSize(1);
        invalid(api.post(group(id) + "/members", owner.token(), json("user_ids", List.of())), "user_ids");
        invalid(api.post(group(id) + "/members", owner.token(), "{}"), "user_ids");
    }

    @OnEachDatabase
    void anAdminShouldRemoveAMemberButNotAnotherAdmin(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("ro");
        Session admin = api.newUser("ra");
        Session admin2 = api.newUser("rb");
        long id = api.createGroup(owner, "admins", admin, admin2);
        api.setRole(owner, id, admin, "ADMIN");
        api.setRole(owner, id, admin2, "ADMIN");
        denied(api.delete(member(id, admin2), admin.token()));
        denied(api.delete(member(id, owner), admin.token()));
        assertThat(roles(api, id, owner)).hasSize(3);

        api.setRole(owner, id, admin2, "MEMBER");
        noContent(api.delete(member(id, admin2), admin.token()));
        assertThat(roles(api, id, owner)).doesNotContainKey(admin2.userId()).hasSize(2);
        notFound(api.get(group(id), admin2.token()));
        notFound(api.delete(member(id, admin2), admin.token()));
    }

    @OnEachDatabase
    void aMemberShouldNotRemoveOthersAndTheOwnerShouldRemoveAnyone(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("xo");
        Session admin = api.newUser("xa");
        Session member = api.newUser("xm");
        long id = api.createGroup(owner, "ruled", admin, member);
        api.setRole(owner, id, admin, "ADMIN");
        denied(api.delete(member(id, admin), member.token()));
        denied(api.delete(member(id, owner), member.token()));
        noContent(api.delete(member(id, admin), owner.token()));
        assertThat(roles(api, id, owner).keySet()).containsExactlyInAnyOrder(owner.userId(), member.userId());
    }

    @OnEachDatabase
    void theOwnerCannotQuitButAMemberAndAnAdminCan(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("qo");
        Session admin = api.newUser("qa");
        Session member = api.newUser("qm");
        long id = api.createGroup(owner, "quitters", admin, member);
        api.setRole(owner, id, admin, "ADMIN");

        conflict(api.delete(member(id, owner), owner.token()));
        noContent(api.delete(member(id, member), member.token()));
        noContent(api.delete(member(id, admin), admin.token()));
        assertThat(roles(api, id, owner).keySet()).containsExactly(owner.userId());
        assertThat(status(api.get(group(id), owner.token()), 200).path("member_count").asInt()).isEqualTo(1);
        notFound(api.get(group(id), member.token()));
    }

    @OnEachDatabase
    void theOwnerShouldSetAdminAndMemberRolesButNobodyElse(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("so");
        Session a = api.newUser("sa");
        Session b = api.newUser("sb");
        long id = api.createGroup(owner, "roles", a, b);

        JsonNode promoted = status(api.patch(member(id, a), owner.token(), json("role", "ADMIN")), 200);
        assertThat(promoted.path("user_id").asLong()).isEqualTo(a.userId());
        assertThat(promoted.path("role").asText()).isEqualTo("ADMIN");
        assertThat(roles(api, id, b)).containsEntry(a.userId(), "ADMIN");

        denied(api.patch(member(id, b), a.token(), json("role", "ADMIN")));
        denied(api.patch(member(id, b), b.token(), json("role", "ADMIN")));
        assertThat(roles(api, id, owner)).containsEntry(b.userId(), "MEMBER");

        assertThat(status(api.patch(member(id, a), owner.token(), json("role", "MEMBER")), 200).path("role").asText())
                .isEqualTo("MEMBER");
        assertThat(roles(api, id, owner)).containsEntry(a.userId(), "MEMBER");
    }

    @OnEachDatabase
    void makingSomeoneOwnerOrChangingTheOwnersRoleShouldAnswer400NamingRole(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("oo");
        Session a = api.newUser("oa");
        long id = api.createGroup(owner, "one owner", a);
        invalid(api.patch(member(id, a), owner.token(), json("role", "OWNER")), "role");
        invalid(api.patch(member(id, owner), owner.token(), json("role", "MEMBER")), "role");
        invalid(api.patch(member(id, a), owner.token(), json("role", "KING")), "role");
        invalid(api.patch(member(id, a), owner.token(), "{}"), "label");
        assertThat(roles(api, id, owner)).containsExactlyInAnyOrderEntriesOf(Map.of(owner.userId(), "OWNER", a.userId(), "MEMBER"));
        notFound(api.patch("/api/groups/" + id + "/members/987654321", owner.token(), json("role", "ADMIN")));
    }

    @OnEachDatabase
    void aMemberShouldSetOnlyTheirOwnLabel(RunningServer s) {
        Api api = s.api();
        Session owner = api.newUser("lbo");
        Session member = api.newUser("lbm");
        long id = api.createGroup(owner, "labels", member);

        JsonNode me = status(api.patch(member(id, member), member.token(), json("label", "the quiet one")), 200);
        assertThat(me.path("label").asText()).isEqualTo("the quiet one");
        assertThat(me.path("role").asText()).isEqualTo("MEMBER");
        JsonNode listed = status(api.get(group(id) + "/members", owner.token()), 200);
        boolean found = false;
        for (JsonNode m : listed) {
            if (m.path("user_id").asLong() == member.userId()) {
                assertThat(m.path("label").asText()).isEqualTo("the quiet one");
                found = true;
            }
        }
        assertThat(found).isTrue();

        denied(api.patch(member(id, member), owner.token(), json("label", "renamed by owner")));
        invalid(api.patch(member(id, member), member.token(), json("label", "l".repeat(33))), "label");
        status(api.patch(member(id, owner), owner.token(), json("label", "")), 200);
    }
}
