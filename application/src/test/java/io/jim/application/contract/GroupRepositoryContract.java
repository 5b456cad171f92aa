package io.jim.application.contract;

import static io.jim.application.contract.ContractSupport.at;
import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.group.GroupRole;
import io.jim.domain.user.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link GroupRepository} contract. */
public abstract class GroupRepositoryContract {

    protected abstract UserRepository users();

    protected abstract GroupRepository groups();

    private UserId newUser() {
        return users().create(uniqueAccount("gr"), profile("Member"), passwordHash()).id();
    }

    private static GroupProfile groupProfile(String name) {
        return new GroupProfile(name, "about " + name, "https://example.com/g.png", "{\"g\":1}");
    }

    @Test
    void aNewGroupShouldHaveItsProfileAndOwnerAndNoMembers() {
        UserId owner = newUser();
        GroupProfile profile = groupProfile("Hikers 🥾");

        Group group = groups().create(profile, owner, at(1));

        assertThat(group.profile()).isEqualTo(profile);
        assertThat(group.ownerId()).isEqualTo(owner);
        assertThat(group.memberCount()).isZero();
        assertThat(group.createdAt()).isEqualTo(at(1));
        assertThat(groups().find(group.id())).contains(group);
        assertThat(groups().memberIds(group.id())).isEmpty();
        assertThat(groups().find(GroupId.of(Long.MAX_VALUE - 1))).isEmpty();
    }

    @Test
    void lockShouldTellWhetherTheGroupExists() {
        Group group = groups().create(groupProfile("Locked"), newUser(), at(1));
        assertThat(groups().lock(group.id())).isTrue();
        assertThat(groups().lock(GroupId.of(Long.MAX_VALUE / 2))).isFalse();
    }

    @Test
    void addMembersShouldStoreMembershipsAndKeepTheCountInStep() {
        UserId owner = newUser();
        UserId b = newUser();
        UserId c = newUser();
        Group group = groups().create(groupProfile("G"), owner, at(1));

        groups().addMembers(group.id(), List.of(owner), GroupRole.OWNER, at(2));
        groups().addMembers(group.id(), List.of(c, b), GroupRole.MEMBER, at(3));

        assertThat(groups().find(group.id()).orElseThrow().memberCount()).isEqualTo(3);
        assertThat(groups().memberIds(group.id())).containsExactlyElementsOf(List.of(owner, b, c).stream().sorted().toList());
        assertThat(groups().isMember(group.id(), b)).isTrue();
        assertThat(groups().isMember(group.id(), newUser())).isFalse();
        assertThat(groups().findMember(group.id(), owner)).contains(new GroupMember(group.id(), owner, GroupRole.OWNER, "", at(2)));
        assertThat(groups().findMember(group.id(), c)).contains(new GroupMember(group.id(), c, GroupRole.MEMBER, "", at(3)));
        assertThat(groups().listMembers(group.id())).extracting(GroupMember::userId).containsExactlyInAnyOrder(owner, b, c);
    }

    @Test
    void removeMemberShouldDropTheMembershipAndTellWhetherItExisted() {
        UserId owner = newUser();
        UserId b = newUser();
        Group group = groups().create(groupProfile("G"), owner, at(1));
        groups().addMembers(group.id(), List.of(owner), GroupRole.OWNER, at(1));
        groups().addMembers(group.id(), List.of(b), GroupRole.MEMBER, at(1));

        assertThat(groups().removeMember(group.id(), b)).isTrue();
        assertThat(groups().removeMember(group.id(), b)).isFalse();

        assertThat(groups().isMember(group.id(), b)).isFalse();
        assertThat(groups().findMember(group.id(), b)).isEmpty();
        assertThat(groups().find(group.id()).orElseThrow().memberCount()).isEqualTo(1);
    }

    @Test
    void updateProfileShouldReplaceTheProfile() {
        Group group = groups().create(groupProfile("Old"), newUser(), at(1));
        GroupProfile renamed = groupProfile("New ✨");

        groups().updateProfile(group.id(), renamed);

        Group read = groups().find(group.id()).orElseThrow();
        assertThat(read.profile()).isEqualTo(renamed);
        assertThat(read.ownerId()).isEqualTo(group.ownerId());
    }

    @Test
    void updateMemberShouldStoreRoleAndLabel() {
        UserId owner = newUser();
        UserId b = newUser();
        Group group = groups().create(groupProfile("G"), owner, at(1));
        groups().addMembers(group.id(), List.of(b), GroupRole.MEMBER, at(1));
        GroupMember member = groups().findMember(group.id(), b).orElseThrow();

        groups().updateMember(member.withRole(GroupRole.ADMIN).withLabel("the 🐐"));

        assertThat(groups().findMember(group.id(), b)).contains(member.withRole(GroupRole.ADMIN).withLabel("the 🐐"));
    }

    @Test
    void listGroupsOfShouldGiveTheUsersGroupsOnly() {
        UserId me = newUser();
        UserId other = newUser();
        Group one = groups().create(groupProfile("One"), me, at(1));
        Group two = groups().create(groupProfile("Two"), other, at(1));
        Group notMine = groups().create(groupProfile("Three"), other, at(1));
        groups().addMembers(one.id(), List.of(me), GroupRole.OWNER, at(1));
        groups().addMembers(two.id(), List.of(other), GroupRole.OWNER, at(1));
        groups().addMembers(two.id(), List.of(me), GroupRole.MEMBER, at(2));
        groups().addMembers(notMine.id(), List.of(other), GroupRole.OWNER, at(1));

        assertThat(groups().listGroupsOf(me)).extracting(Group::id).containsExactlyInAnyOrder(one.id(), two.id());
        assertThat(groups().listGroupsOf(newUser())).isEmpty();
    }

    @Test
    void aDissolvedGroupShouldBeGoneWithItsMemberships() {
        UserId owner = newUser();
        UserId b = newUser();
        Group group = groups().create(groupProfile("Doomed"), owner, at(1));
        groups().addMembers(group.id(), List.of(owner), GroupRole.OWNER, at(1));
        groups().addMembers(group.id(), List.of(b), GroupRole.MEMBER, at(1));

        groups().dissolve(group.id());

        assertThat(groups().find(group.id())).isEmpty();
        assertThat(groups().memberIds(group.id())).isEmpty();
        assertThat(groups().listMembers(group.id())).isEmpty();
        assertThat(groups().isMember(group.id(), b)).isFalse();
        assertThat(groups().findMember(group.id(), owner)).isEmpty();
        assertThat(groups().listGroupsOf(b)).isEmpty();
    }
}
