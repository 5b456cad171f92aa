package io.jim.adapter.mysql;

import io.jim.application.port.out.GroupRepository;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.group.GroupRole;
import io.jim.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link GroupRepository} that answers {@link #memberIds} from memory when it can: every group send asks
 * it (it is both the sender's authorization and the fan-out list, so it must be exact), and a database
 * read there fetched every member row. Everything else goes straight to the database repository.
 *
 * <p>One immutable list per group; an empty one (an unknown or dissolved group) is not kept, since sends
 * to it are refused anyway. Every change of the membership ({@link #addMembers}, {@link #removeMember},
 * {@link #dissolve}: the only writes of {@code group_members} and the only delete of a group) drops the
 * group's entry when it is made and again once its transaction has ended, and a read racing it cannot
 * put back what it read before the commit ({@link ReadCache}), so a read that starts after the change
 * (or its unit of work) has returned sees it. Reads inside a unit of work neither use nor fill the
 * cache: they must see the transaction's own changes and the state its group lock protects (the send
 * path reads outside any unit of work). {@link #isMember} is not cached: no use case calls it.
 *
 * <p>Exact within this process only. That suffices because jim runs one server process per database
 * (pushes go through its in-memory connection registry). An entry older than {@link #TIME_TO_LIVE} is
 * read again, a safety net for changes made directly in the database. At most {@link #MAX_GROUPS}
 * groups and {@link #MAX_MEMBER_IDS} member ids in all are held (about 30 bytes per member id, so at
 * most about 60 MB), see {@link ReadCache} for the eviction.
 */
final class CachedGroupRepository implements GroupRepository {

    /** Most groups held in memory. */
    static final int MAX_GROUPS = 100_000;

    /** Most member ids held in memory, over all groups (a thousand groups at the default size limit). */
    static final int MAX_MEMBER_IDS = 2_000_000;

    /** How long a cached member list is trusted without an invalidation. */
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

    private final JooqUnitOfWork uow;
    private final GroupRepository database;
    private final ReadCache<GroupId, List<UserId>> members;

    /**
     * @param database the repository the answers come from; its changes must run in {@code uow}
     * @param nanoTime the clock of the time to live ({@code System::nanoTime} outside tests)
     */
    CachedGroupRepository(JooqUnitOfWork uow, GroupRepository database, LongSupplier nanoTime) {
        this.uow = Objects.requireNonNull(uow, "uow");
        this.database = Objects.requireNonNull(database, "database");
        this.members = new ReadCache<>(MAX_GROUPS, MAX_MEMBER_IDS, List::size, TIME_TO_LIVE, nanoTime);
    }

    @Override
    public List<UserId> memberIds(GroupId id) {
        Objects.requireNonNull(id, "id");
        if (uow.active()) {
            return database.memberIds(id);
        }
        return members.get(id, () -> List.copyOf(database.memberIds(id)), ids -> !ids.isEmpty());
    }

    @Override
    public void dissolve(GroupId id) {
        Objects.requireNonNull(id, "id");
        changing(id, () -> {
            database.dissolve(id);
            return null;
        });
    }

    @Override
    public void addMembers(GroupId id, Collection<UserId> users, GroupRole role, Instant at) {
        Objects.requireNonNull(id, "id");
        changing(id, () -> {
            database.addMembers(id, users, role, at);
            return null;
        });
    }

    @Override
    public boolean removeMember(GroupId id, UserId user) {
        Objects.requireNonNull(id, "id");
        return changing(id, () -> database.removeMember(id, user));
    }

    /** Runs a change of {@code id}'s membership in a transaction that forgets the cached list now and at its end. */
    private <T> T changing(GroupId id, Supplier<T> change) {
        return uow.inTransaction(() -> {
            uow.afterCompletion(() -> members.invalidate(id));
            members.invalidate(id);
            return change.get();
        });
    }

    @Override
    public Group create(GroupProfile profile, UserId owner, Instant at) {
        return database.create(profile, owner, at);
    }

    @Override
    public Optional<Group> find(GroupId id) {
        return database.find(id);
    }

    @Override
    public boolean lock(GroupId id) {
        return database.lock(id);
    }

    @Override
    public void updateProfile(GroupId id, GroupProfile profile) {
        database.updateProfile(id, profile);
    }

    @Override
    public Optional<GroupMember> findMember(GroupId id, UserId user) {
        return database.findMember(id, user);
    }

    @Override
    public List<GroupMember> listMembers(GroupId id) {
        return database.listMembers(id);
    }

    @Override
    public boolean isMember(GroupId id, UserId user) {
        return database.isMember(id, user);
    }

    @Override
    public List<Group> listGroupsOf(UserId user) {
        return database.listGroupsOf(user);
    }

    @Override
    public void updateMember(GroupMember member) {
        database.updateMember(member);
    }
}
