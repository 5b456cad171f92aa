package io.jim.application.service.group;

import static io.jim.application.service.EventAssertions.assertCommand;
import static io.jim.application.service.Refusals.invalid;
import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.config.Limits;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.port.in.group.CreateGroupCommand;
import io.jim.application.port.in.group.Member;
import io.jim.application.port.in.group.UpdateGroupCommand;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.group.GroupRole;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.ReceiverType;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupLifecycleServicesTest {

    private final InMemoryJim jim = new InMemoryJim(new Limits(16384, 4));
    private final Session alice = jim.signUp("alice");
    private final Session bob = jim.signUp("bob");
    private final Session carol = jim.signUp("carol");
    private final Session dave = jim.signUp("dave");
    private final Session eve = jim.signUp("eve");

    private static GroupProfile profile(String name) {
        return new GroupProfile(name, "intro", "", "{}");
    }

    private List<InboxEntry> inbox(Session s) {
        return jim.inbox().inboxOf(s.userId());
    }

    private UpdateGroupCommand rename(Session by, Group group, String name) {
        return new UpdateGroupCommand(by.userId(), group.id(), Optional.of(name), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void creatingShouldMakeTheCreatorOwnerAndTheOthersMembers() {
        Group group = jim.createGroup().create(new CreateGroupCommand(alice.userId(), profile("team"),
                List.of(bob.userId(), carol.userId())));

        assertThat(group.ownerId()).isEqualTo(alice.userId());
        assertThat(group.memberCount()).isEqualTo(3);
        assertThat(group.profile().name()).isEqualTo("team");
        assertThat(group.createdAt()).isEqualTo(jim.clock().instant());
        assertThat(jim.listMembers().list(bob.userId(), group.id()))
                .extracting(m -> m.user().id(), m -> m.member().role())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(alice.userId(), GroupRole.OWNER),
                        org.assertj.core.groups.Tuple.tuple(bob.userId(), GroupRole.MEMBER),
                        org.assertj.core.groups.Tuple.tuple(carol.userId(), GroupRole.MEMBER));
        assertThat(jim.listMyGroups().list(carol.userId())).containsExactly(group);
        assertThat(jim.listMyGroups().list(dave.userId())).isEmpty();
    }

    @Test
    void creatingShouldAnnounceCommand120ListingEveryInitialMemberInOneMessageToEach() {
        Group group = jim.createGroup().create(new CreateGroupCommand(bob.userId(), profile("team"),
                List.of(carol.userId(), alice.userId())));

        String json = "{\"code\":120,\"data\":{\"group_id\":" + group.id().value() + ",\"by\":" + bob.userId().value()
                + ",\"user_ids\":[" + alice.userId().value() + "," + bob.userId().value() + "," + carol.userId().value() + "]}}";
        List<InboxEntry> copies = List.of(inbox(alice).getFirst(), inbox(bob).getFirst(), inbox(carol).getFirst());
        for (InboxEntry copy : copies) {
            assertCommand(copy.message(), json);
            assertThat(copy.sequence()).isEqualTo(InboxSequence.of(1));
            assertThat(copy.message().receiver().type()).isEqualTo(ReceiverType.GROUP);
            assertThat(copy.message().receiver().idValue()).isEqualTo(group.id().value());
        }
        assertThat(copies).extracting(c -> c.message().id()).containsOnly(copies.getFirst().message().id());
        assertThat(jim.gateway().deliveries()).singleElement().satisfies(d -> {
            assertThat(d.exceptDevice()).isEqualTo(DeviceId.NONE);
            assertThat(d.entries()).containsExactlyInAnyOrderElementsOf(copies);
        });
    }

    @Test
    void creatingShouldIgnoreDuplicateIdsAndTheCreatorInTheMemberList() {
        Group group = jim.createGroup().create(new CreateGroupCommand(alice.userId(), profile("team"),
                List.of(bob.userId(), bob.userId(), alice.userId())));

        assertThat(group.memberCount()).isEqualTo(2);
        assertThat(jim.groups().findMember(group.id(), alice.userId()).orElseThrow().role()).isEqualTo(GroupRole.OWNER);
    }

    @Test
    void creatingWithUnknownUsersShouldBeInvalidNamingThemAndCreateNothing() {
        DomainException e = invalid("member_ids", () -> jim.createGroup().create(new CreateGroupCommand(alice.userId(),
                profile("team"), List.of(bob.userId(), UserId.of(77_777), UserId.of(88_888)))));

        assertThat(e.getMessage()).contains("77777", "88888").doesNotContain(bob.userId().toString() + ",");
        assertThat(jim.listMyGroups().list(alice.userId())).isEmpty();
        assertThat(inbox(alice)).isEmpty();
    }

    @Test
    void creatingPastTheMemberLimitShouldBeAConflict() {
        refused(ErrorCode.CONFLICT, () -> jim.createGroup().create(new CreateGroupCommand(alice.userId(), profile("team"),
                List.of(bob.userId(), carol.userId(), dave.userId(), eve.userId()))));

        Group full = jim.createGroup().create(new CreateGroupCommand(alice.userId(), profile("team"),
                List.of(bob.userId(), carol.userId(), dave.userId())));
        assertThat(full.memberCount()).isEqualTo(4);
    }

    @Test
    void aNonMemberShouldGetTheSameNotFoundAsForAGroupThatDoesNotExist() {
        Group group = jim.createGroup(alice, "team", bob);

        DomainException hidden = refused(ErrorCode.NOT_FOUND, () -> jim.getGroup().get(carol.userId(), group.id()));
        refused(ErrorCode.NOT_FOUND, () -> jim.listMembers().list(carol.userId(), group.id()));
        DomainException missing = refused(ErrorCode.NOT_FOUND, () -> jim.getGroup().get(carol.userId(), GroupId.of(9_999)));
        refused(ErrorCode.NOT_FOUND, () -> jim.updateGroup().update(rename(carol, group, "mine")));
        refused(ErrorCode.NOT_FOUND, () -> jim.dissolveGroup().dissolve(carol.userId(), group.id()));
        refused(ErrorCode.NOT_FOUND, () -> jim.addMembers().add(carol.userId(), group.id(), List.of(carol.userId())));
        refused(ErrorCode.NOT_FOUND, () -> jim.removeMember().remove(carol.userId(), group.id(), bob.userId()));

        assertThat(hidden.getMessage().replace(group.id().toString(), "#"))
                .isEqualTo(missing.getMessage().replace("9999", "#"));
    }

    @Test
    void aMemberShouldReadTheGroupAndItsMembers() {
        Group group = jim.createGroup(alice, "team", bob);

        assertThat(jim.getGroup().get(bob.userId(), group.id())).isEqualTo(group);
        assertThat(jim.listMembers().list(bob.userId(), group.id())).extracting(Member::user)
                .extracting(u -> u.account().value()).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void theOwnerAndAdminsMayUpdateTheGroupButMembersMayNot() {
        Group group = jim.createGroup(alice, "team", bob, carol);
        jim.groups().updateMember(jim.groups().findMember(group.id(), bob.userId()).orElseThrow().withRole(GroupRole.ADMIN));

        assertThat(jim.updateGroup().update(rename(alice, group, "by owner")).profile().name()).isEqualTo("by owner");
        assertThat(jim.updateGroup().update(rename(bob, group, "by admin")).profile().name()).isEqualTo("by admin");
        refused(ErrorCode.PERMISSION_DENIED, () -> jim.updateGroup().update(rename(carol, group, "by member")));
        assertThat(jim.getGroup().get(carol.userId(), group.id()).profile().name()).isEqualTo("by admin");
    }

    @Test
    void anUpdateShouldAnnounceCommand110WithOnlyTheChangedFields() {
        Group group = jim.createGroup(alice, "team", bob);
        jim.gateway().clear();

        Group updated = jim.updateGroup().update(new UpdateGroupCommand(alice.userId(), group.id(), Optional.of("team"),
                Optional.of("new intro"), Optional.empty(), Optional.of("{\"a\":1}")));

        assertThat(updated.profile().introduction()).isEqualTo("new intro");
        assertThat(updated.profile().name()).isEqualTo("team");
        String json = "{\"code\":110,\"data\":{\"group_id\":" + group.id().value() + ",\"by\":" + alice.userId().value()
                + ",\"introduction\":\"new intro\",\"extra\":\"{\\\"a\\\":1}\"}}";
        for (Session member : List.of(alice, bob)) {
            assertCommand(inbox(member).getLast().message(), json);
            assertThat(inbox(member).getLast().sequence()).isEqualTo(InboxSequence.of(2));
        }
        assertThat(jim.gateway().deliveries()).singleElement()
                .satisfies(d -> assertThat(d.exceptDevice()).isEqualTo(DeviceId.NONE));
    }

    @Test
    void anUpdateThatChangesNothingShouldAnnounceNothing() {
        Group group = jim.createGroup(alice, "team", bob);
        jim.gateway().clear();

        jim.updateGroup().update(rename(alice, group, "team"));

        assertThat(inbox(bob)).hasSize(1);
        assertThat(jim.gateway().deliveries()).isEmpty();
    }

    @Test
    void anInvalidNameShouldBeRefused() {
        Group group = jim.createGroup(alice, "team", bob);

        invalid("name", () -> jim.updateGroup().update(rename(alice, group, "")));
    }

    @Test
    void onlyTheOwnerMayDissolve() {
        Group group = jim.createGroup(alice, "team", bob, carol);
        jim.groups().updateMember(jim.groups().findMember(group.id(), bob.userId()).orElseThrow().withRole(GroupRole.ADMIN));

        refused(ErrorCode.PERMISSION_DENIED, () -> jim.dissolveGroup().dissolve(bob.userId(), group.id()));
        refused(ErrorCode.PERMISSION_DENIED, () -> jim.dissolveGroup().dissolve(carol.userId(), group.id()));
        assertThat(jim.groups().find(group.id())).isPresent();
    }

    @Test
    void dissolvingShouldAnnounceCommand111ToEveryMemberAndThenForgetTheGroup() {
        Group group = jim.createGroup(alice, "team", bob, carol);
        jim.gateway().clear();

        jim.dissolveGroup().dissolve(alice.userId(), group.id());

        String json = "{\"code\":111,\"data\":{\"group_id\":" + group.id().value() + ",\"by\":" + alice.userId().value() + "}}";
        for (Session member : List.of(alice, bob, carol)) {
            assertCommand(inbox(member).getLast().message(), json);
            assertThat(inbox(member).getLast().sequence()).isEqualTo(InboxSequence.of(2));
        }
        assertThat(jim.gateway().deliveredEntries()).hasSize(3);
        assertThat(jim.groups().find(group.id())).isEmpty();
        assertThat(jim.listMyGroups().list(bob.userId())).isEmpty();
        refused(ErrorCode.NOT_FOUND, () -> jim.getGroup().get(alice.userId(), group.id()));
    }
}
