package io.jim.application.port.out;

import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.group.GroupRole;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Groups and their members. A dissolved group is gone: not found by any method. */
public interface GroupRepository {

    /** Stores a new group owned by {@code owner} (without members: add them with {@link #addMembers}). */
    Group create(GroupProfile profile, UserId owner, Instant at);

    Optional<Group> find(GroupId id);

    /**
     * Locks the group until the transaction ends, so that membership changes are serialised and a
     * check such as the member limit still holds at commit. Returns false for an unknown group. Must
     * run in a UnitOfWork.
     */
    boolean lock(GroupId id);

    void updateProfile(GroupId id, GroupProfile profile);

    /** Removes the group and all its memberships. */
    void dissolve(GroupId id);

    /** Adds memberships in one batch and keeps the group's member count in step. */
    void addMembers(GroupId id, Collection<UserId> users, GroupRole role, Instant at);

    /** Removes one membership; returns false when it did not exist. */
    boolean removeMember(GroupId id, UserId user);

    Optional<GroupMember> findMember(GroupId id, UserId user);

    List<GroupMember> listMembers(GroupId id);

    /** The member ids of a group in ascending order (empty for an unknown group). */
    List<UserId> memberIds(GroupId id);

    boolean isMember(GroupId id, UserId user);

    /** The groups {@code user} belongs to. */
    List<Group> listGroupsOf(UserId user);

    void updateMember(GroupMember member);
}
