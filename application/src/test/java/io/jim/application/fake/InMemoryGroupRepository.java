package io.jim.application.fake;

import io.jim.application.port.out.GroupRepository;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.group.GroupRole;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory {@link GroupRepository}; ids from 2001 upwards; thread-safe. */
public final class InMemoryGroupRepository implements GroupRepository {

    private final Map<GroupId, Group> groups = new HashMap<>();
    private final Map<GroupId, TreeMap<UserId, GroupMember>> members = new HashMap<>();
    private long lastId = 2000;

    public InMemoryGroupRepository() {
    }

    @Override
    public synchronized Group create(GroupProfile profile, UserId owner, Instant at) {
        Group group = new Group(GroupId.of(++lastId), profile, owner, 0, at);
        groups.put(group.id(), group);
        members.put(group.id(), new TreeMap<>());
        return group;
    }

    @Override
    public synchronized Optional<Group> find(GroupId id) {
        Group group = groups.get(id);
        if (group == null) {
            return Optional.empty();
        }
        return Optional.of(new Group(group.id(), group.profile(), group.ownerId(), members.get(id).size(), group.createdAt()));
    }

    @Override
    public synchronized void updateProfile(GroupId id, GroupProfile profile) {
        groups.computeIfPresent(id, (k, g) -> g.withProfile(profile));
    }

    @Override
    public synchronized void dissolve(GroupId id) {
        groups.remove(id);
        members.remove(id);
    }

    @Override
    public synchronized void addMembers(GroupId id, Collection<UserId> users, GroupRole role, Instant at) {
        TreeMap<UserId, GroupMember> of = members.get(id);
        if (of == null) {
            return;
        }
        for (UserId user : users) {
            of.putIfAbsent(user, new GroupMember(id, user, role, "", at));
        }
    }

    @Override
    public synchronized boolean removeMember(GroupId id, UserId user) {
        TreeMap<UserId, GroupMember> of = members.get(id);
        return of != null && of.remove(user) != null;
    }

    @Override
    public synchronized Optional<GroupMember> findMember(GroupId id, UserId user) {
        TreeMap<UserId, GroupMember> of = members.get(id);
        return of == null ? Optional.empty() : Optional.ofNullable(of.get(user));
    }

    @Override
    public synchronized List<GroupMember> listMembers(GroupId id) {
        TreeMap<UserId, GroupMember> of = members.get(id);
        return of == null ? List.of() : List.copyOf(of.values());
    }

    @Override
    public synchronized List<UserId> memberIds(GroupId id) {
        TreeMap<UserId, GroupMember> of = members.get(id);
        return of == null ? List.of() : List.copyOf(of.keySet());
    }

    @Override
    public synchronized boolean isMember(GroupId id, UserId user) {
        TreeMap<UserId, GroupMember> of = members.get(id);
        return of != null && of.containsKey(user);
    }

    @Override
    public synchronized List<Group> listGroupsOf(UserId user) {
        List<Group> out = new ArrayList<>();
        for (GroupId id : new java.util.TreeSet<>(groups.keySet())) {
            if (members.get(id).containsKey(user)) {
                find(id).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public synchronized void updateMember(GroupMember member) {
        TreeMap<UserId, GroupMember> of = members.get(member.groupId());
        if (of != null && of.containsKey(member.userId())) {
            of.put(member.userId(), member);
        }
    }
}
