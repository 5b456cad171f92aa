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

/**
 * An in-memory {@link GroupRepository}; ids from 2001 upwards; thread-safe; rolled back with the given
 * {@link InMemoryUnitOfWork}, if any.
 */
public final class InMemoryGroupRepository implements GroupRepository, InMemoryUnitOfWork.Participant {

    private final Map<GroupId, Group> groups = new HashMap<>();
    private final Map<GroupId, TreeMap<UserId, GroupMember>> members = new HashMap<>();
    private final InMemoryUnitOfWork unitOfWork;
    private long lastId = 2000;

    public InMemoryGroupRepository() {
        this(null);
    }

    /** A repository whose writes inside a transaction of {@code unitOfWork} roll back with it (null: never). */
    public InMemoryGroupRepository(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    private record State(Map<GroupId, Group> groups, Map<GroupId, TreeMap<UserId, GroupMember>> members) {
    }

    @Override
    public synchronized Object snapshot() {
        Map<GroupId, TreeMap<UserId, GroupMember>> copy = new HashMap<>();
        members.forEach((id, of) -> copy.put(id, new TreeMap<>(of)));
        return new State(new HashMap<>(groups), copy);
    }

    @Override
    public synchronized void restore(Object snapshot) {
        State state = (State) snapshot;
        groups.clear();
        groups.putAll(state.groups());
        members.clear();
        members.putAll(state.members());
    }

    private void beforeWrite() {
        if (unitOfWork != null) {
            unitOfWork.beforeWrite(this);
        }
    }

    @Override
    public synchronized Group create(GroupProfile profile, UserId owner, Instant at) {
        beforeWrite();
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
        beforeWrite();
        groups.computeIfPresent(id, (k, g) -> g.withProfile(profile));
    }

    @Override
    public synchronized void dissolve(GroupId id) {
        beforeWrite();
        groups.remove(id);
        members.remove(id);
    }

    @Override
    public synchronized void addMembers(GroupId id, Collection<UserId> users, GroupRole role, Instant at) {
        TreeMap<UserId, GroupMember> of = members.get(id);
        if (of == null) {
            return;
        }
        beforeWrite();
        for (UserId user : users) {
            of.putIfAbsent(user, new GroupMember(id, user, role, "", at));
        }
    }

    @Override
    public synchronized boolean removeMember(GroupId id, UserId user) {
        beforeWrite();
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
    public synchronized boolean lock(GroupId id) {
        // Transactions of the in-memory unit of work already run one at a time.
        return find(id).isPresent();
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
            beforeWrite();
            of.put(member.userId(), member);
        }
    }
}
