package io.jim.application.service.group;

import static io.jim.application.service.EventAssertions.assertCommand;
import static io.jim.application.service.Refusals.invalid;
import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.config.Limits;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.port.in.group.AddMembersResult;
import io.jim.application.port.in.group.Member;
import io.jim.application.port.in.group.UpdateMemberCommand;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupRole;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupMembershipServicesTest {

    private final InMemoryJim jim = new InMemoryJim(new Limits(16384, 5));
    private final Session owner = jim.signUp("owner");
    private final Session admin = jim.signUp("admin");
    private final Session admin2 = jim.signUp("admin2");
    private final Session member = jim.signUp("member");
    private final Session member2 = jim.signUp("member2");
    private final Session outsider = jim.signUp("outsider");
    private final Session outsider2 = jim.signUp("outsider2");
    private final Group group = jim.createGroup(owner, "team", admin, admin2, member, member2);

    GroupMembershipServicesTest() {
        promote(admin);
        promote(admin2);
        jim.gateway().clear();
    }

    private void promote(Session s) {
        jim.updateMember().update(new UpdateMemberCommand(owner.userId(), group.id(), s.userId(), Optional.empty(),
                Optional.of(GroupRole.ADMIN)));
    }

    private Session byName(String name) {
        return switch (name) {
            case "owner" -> owner;
            case "admin" -> admin;
            case "admin2" -> admin2;
            case "member" -> member;
            case "member2" -> member2;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private InboxEntry lastOf(Session s) {
        return jim.inbox().inboxOf(s.userId()).getLast();
    }

    private boolean isMember(Session s) {
        return jim.groups().isMember(group.id(), s.userId());
    }

    @Test
    void anyMemberMayAddUsersWhoNeedNotBeFriends() {
        jim.removeMember().remove(owner.userId(), group.id(), member2.userId());

        AddMembersResult result = jim.addMembers().add(member.userId(), group.id(), List.of(outsider.userId()));

        assertThat(result.added()).containsExactly(outsider.userId());
        assertThat(result.alreadyMembers()).isEmpty();
        assertThat(jim.groups().findMember(group.id(), outsider.userId()).orElseThrow().role()).isEqualTo(GroupRole.MEMBER);
    }

    @Test
    void addingShouldReportExistingMembersAndAnnounceCommand120WithOnlyTheAddedToEveryMemberAfterTheChange() {
        jim.removeMember().remove(owner.userId(), group.id(), member2.userId());
        jim.gateway().clear();

        AddMembersResult result = jim.addMembers().add(member.userId(), group.id(),
                List.of(outsider.userId(), admin.userId(), outsider.userId()));

        assertThat(result.added()).containsExactly(outsider.userId());
        assertThat(result.alreadyMembers()).containsExactly(admin.userId());
        String json = "{\"code\":120,\"data\":{\"group_id\":" + group.id().value() + ",\"by\":" + member.userId().value()
                + ",\"user_ids\":[" + outsider.userId().value() + "]}}";
        for (Session s : List.of(owner, admin, admin2, member, outsider)) {
            assertCommand(lastOf(s).message(), json);
        }
        assertThat(jim.gateway().deliveries()).singleElement().satisfies(d -> {
            assertThat(d.exceptDevice()).isEqualTo(DeviceId.NONE);
            assertThat(d.entries()).extracting(InboxEntry::owner).containsExactlyInAnyOrder(
                    owner.userId(), admin.userId(), admin2.userId(), member.userId(), outsider.userId());
        });
    }

    @Test
    void addingOnlyExistingMembersShouldAnnounceNothing() {
        AddMembersResult result = jim.addMembers().add(member.userId(), group.id(), List.of(admin.userId()));

        assertThat(result.added()).isEmpty();
        assertThat(jim.gateway().deliveries()).isEmpty();
    }

    @Test
    void addingUnknownUsersShouldBeInvalidNamingThem() {
        jim.removeMember().remove(owner.userId(), group.id(), member2.userId());

        DomainException e = invalid("user_ids", () -> jim.addMembers().add(member.userId(), group.id(),
                List.of(outsider.userId(), UserId.of(55_555))));

        assertThat(e.getMessage()).contains("55555");
        assertThat(isMember(outsider)).isFalse();
    }

    @Test
    void addingNobodyShouldBeInvalid() {
        invalid("user_ids", () -> jim.addMembers().add(member.userId(), group.id(), List.of()));
    }

    @Test
    void addingPastTheMemberLimitShouldBeAConflict() {
        refused(ErrorCode.CONFLICT, () -> jim.addMembers().add(member.userId(), group.id(), List.of(outsider.userId())));

        assertThat(isMember(outsider)).isFalse();
        assertThat(jim.gateway().deliveries()).isEmpty();
    }

    static Stream<Arguments> removals() {
        return Stream.of(
                Arguments.of("owner", "admin", null),
                Arguments.of("owner", "member", null),
                Arguments.of("admin", "member", null),
                Arguments.of("admin", "admin2", ErrorCode.PERMISSION_DENIED),
                Arguments.of("admin", "owner", ErrorCode.PERMISSION_DENIED),
                Arguments.of("member", "member2", ErrorCode.PERMISSION_DENIED),
                Arguments.of("member", "admin", ErrorCode.PERMISSION_DENIED),
                Arguments.of("member", "owner", ErrorCode.PERMISSION_DENIED),
                Arguments.of("member", "member", null),
                Arguments.of("admin", "admin", null),
                Arguments.of("owner", "owner", ErrorCode.CONFLICT));
    }

    @ParameterizedTest(name = "{0} removes {1}: {2}")
    @MethodSource("removals")
    void removalShouldFollowThePermissionMatrix(String actorName, String targetName, ErrorCode expected) {
        Session actor = byName(actorName);
        Session target = byName(targetName);

        if (expected == null) {
            jim.removeMember().remove(actor.userId(), group.id(), target.userId());
            assertThat(isMember(target)).isFalse();
        } else {
            refused(expected, () -> jim.removeMember().remove(actor.userId(), group.id(), target.userId()));
            assertThat(isMember(target)).isTrue();
            assertThat(jim.gateway().deliveries()).isEmpty();
        }
    }

    @Test
    void removalShouldAnnounceCommand121ToEveryMemberBeforeTheChangeIncludingTheRemovedOne() {
        jim.removeMember().remove(admin.userId(), group.id(), member.userId());

        String json = "{\"code\":121,\"data\":{\"group_id\":" + group.id().value() + ",\"by\":" + admin.userId().value()
                + ",\"user_id\":" + member.userId().value() + "}}";
        for (Session s : List.of(owner, admin, admin2, member, member2)) {
            assertCommand(lastOf(s).message(), json);
        }
        assertThat(jim.gateway().deliveredEntries()).extracting(InboxEntry::owner).contains(member.userId()).hasSize(5);
        assertThat(jim.getGroup().get(owner.userId(), group.id()).memberCount()).isEqualTo(4);
    }

    @Test
    void aQuitShouldBeAnnouncedWithTheQuitterAsBy() {
        jim.removeMember().remove(member.userId(), group.id(), member.userId());

        assertThat(lastOf(owner).message().content()).contains("\"by\":" + member.userId().value(),
                "\"user_id\":" + member.userId().value());
        refused(ErrorCode.NOT_FOUND, () -> jim.getGroup().get(member.userId(), group.id()));
    }

    @Test
    void removingSomeoneWhoIsNotAMemberShouldBeNotFound() {
        refused(ErrorCode.NOT_FOUND, () -> jim.removeMember().remove(owner.userId(), group.id(), outsider.userId()));
    }

    @Test
    void aMemberMaySetItsOwnLabelWithoutAnnouncement() {
        Member updated = jim.updateMember().update(new UpdateMemberCommand(member.userId(), group.id(), member.userId(),
                Optional.of("the new one"), Optional.empty()));

        assertThat(updated.member().label()).isEqualTo("the new one");
        assertThat(updated.user().id()).isEqualTo(member.userId());
        assertThat(jim.groups().findMember(group.id(), member.userId()).orElseThrow().label()).isEqualTo("the new one");
        assertThat(jim.gateway().deliveries()).isEmpty();
    }

    @Test
    void nobodyMaySetAnotherMembersLabel() {
        refused(ErrorCode.PERMISSION_DENIED, () -> jim.updateMember().update(new UpdateMemberCommand(owner.userId(),
                group.id(), member.userId(), Optional.of("x"), Optional.empty())));
    }

    @Test
    void theOwnerMayChangeARoleWhichIsAnnouncedWithCommand122() {
        Member updated = jim.updateMember().update(new UpdateMemberCommand(owner.userId(), group.id(), admin.userId(),
                Optional.empty(), Optional.of(GroupRole.MEMBER)));

        assertThat(updated.member().role()).isEqualTo(GroupRole.MEMBER);
        String json = "{\"code\":122,\"data\":{\"group_id\":" + group.id().value() + ",\"by\":" + owner.userId().value()
                + ",\"user_id\":" + admin.userId().value() + ",\"role\":\"MEMBER\"}}";
        for (Session s : List.of(owner, admin, admin2, member, member2)) {
            assertCommand(lastOf(s).message(), json);
        }
        assertThat(jim.gateway().deliveries()).singleElement()
                .satisfies(d -> assertThat(d.exceptDevice()).isEqualTo(DeviceId.NONE));
    }

    @Test
    void settingTheRoleAMemberHasAlreadyShouldAnnounceNothing() {
        jim.updateMember().update(new UpdateMemberCommand(owner.userId(), group.id(), admin.userId(),
                Optional.empty(), Optional.of(GroupRole.ADMIN)));

        assertThat(jim.gateway().deliveries()).isEmpty();
    }

    @Test
    void onlyTheOwnerMayChangeRoles() {
        refused(ErrorCode.PERMISSION_DENIED, () -> jim.updateMember().update(new UpdateMemberCommand(admin.userId(),
                group.id(), member.userId(), Optional.empty(), Optional.of(GroupRole.ADMIN))));
        refused(ErrorCode.PERMISSION_DENIED, () -> jim.updateMember().update(new UpdateMemberCommand(member.userId(),
                group.id(), member.userId(), Optional.empty(), Optional.of(GroupRole.ADMIN))));
    }

    @Test
    void nobodyBecomesOwnerAndTheOwnersRoleCannotChange() {
        invalid("role", () -> jim.updateMember().update(new UpdateMemberCommand(owner.userId(), group.id(),
                admin.userId(), Optional.empty(), Optional.of(GroupRole.OWNER))));
        invalid("role", () -> jim.updateMember().update(new UpdateMemberCommand(owner.userId(), group.id(),
                owner.userId(), Optional.empty(), Optional.of(GroupRole.MEMBER))));
    }

    @Test
    void updatingSomeoneWhoIsNotAMemberShouldBeNotFound() {
        refused(ErrorCode.NOT_FOUND, () -> jim.updateMember().update(new UpdateMemberCommand(owner.userId(), group.id(),
                outsider2.userId(), Optional.empty(), Optional.of(GroupRole.ADMIN))));
        refused(ErrorCode.NOT_FOUND, () -> jim.updateMember().update(new UpdateMemberCommand(outsider.userId(),
                group.id(), outsider.userId(), Optional.of("x"), Optional.empty())));
    }
}
