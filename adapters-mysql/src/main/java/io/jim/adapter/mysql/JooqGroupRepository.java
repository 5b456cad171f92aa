package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.CHAT_GROUPS;
import static io.jim.adapter.mysql.generated.Tables.GROUP_MEMBERS;

import io.jim.application.port.out.GroupRepository;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.group.GroupRole;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;

/** {@link GroupRepository} on {@code chat_groups} and {@code group_members}. */
final class JooqGroupRepository implements GroupRepository {

    /** Rows per multi-row INSERT: large enough to add a big group in a few round trips, small enough for any packet limit. */
    static final int INSERT_BATCH = 500;

    private final JooqUnitOfWork uow;

    JooqGroupRepository(JooqUnitOfWork uow) {
        this.uow = Objects.requireNonNull(uow, "uow");
    }

    @Override
    public Group create(GroupProfile profile, UserId owner, Instant at) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(owner, "owner");
        Instant createdAt = Rows.stored(at);
        long id = uow.withDsl(ctx -> Rows.insertReturningId(ctx, ctx.insertInto(CHAT_GROUPS)
                .set(CHAT_GROUPS.NAME, profile.name())
                .set(CHAT_GROUPS.INTRODUCTION, profile.introduction())
                .set(CHAT_GROUPS.AVATAR_URL, profile.avatarUrl())
                .set(CHAT_GROUPS.EXTRA, profile.extra())
                .set(CHAT_GROUPS.OWNER_ID, owner.value())
                .set(CHAT_GROUPS.MEMBER_COUNT, 0)
                .set(CHAT_GROUPS.CREATED_AT, Rows.millis(createdAt))));
        return new Group(GroupId.of(id), profile, owner, 0, createdAt);
    }

    @Override
    public Optional<Group> find(GroupId id) {
        Objects.requireNonNull(id, "id");
        return uow.withDsl(ctx -> ctx.selectFrom(CHAT_GROUPS).where(CHAT_GROUPS.ID.eq(id.value())).fetchOptional()
                .map(JooqGroupRepository::toGroup));
    }

    @Override
    public void updateProfile(GroupId id, GroupProfile profile) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        uow.withDsl(ctx -> ctx.update(CHAT_GROUPS)
                .set(CHAT_GROUPS.NAME, profile.name())
                .set(CHAT_GROUPS.INTRODUCTION, profile.introduction())
                .set(CHAT_GROUPS.AVATAR_URL, profile.avatarUrl())
                .set(CHAT_GROUPS.EXTRA, profile.extra())
                .where(CHAT_GROUPS.ID.eq(id.value()))
                .execute());
    }

    @Override
    public void dissolve(GroupId id) {
        Objects.requireNonNull(id, "id");
        uow.withDsl(ctx -> {
            ctx.deleteFrom(GROUP_MEMBERS).where(GROUP_MEMBERS.GROUP_ID.eq(id.value())).execute();
            return ctx.deleteFrom(CHAT_GROUPS).where(CHAT_GROUPS.ID.eq(id.value())).execute();
        });
    }

    @Override
    public void addMembers(GroupId id, Collection<UserId> users, GroupRole role, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        List<UserId> distinct = users.stream().distinct().sorted().toList();
        if (distinct.isEmpty()) {
            return;
        }
        long joinedAt = Rows.millis(at);
        uow.withDsl(ctx -> {
            try {
                for (int from = 0; from < distinct.size(); from += INSERT_BATCH) {
                    List<UserId> chunk = distinct.subList(from, Math.min(distinct.size(), from + INSERT_BATCH));
                    InsertValuesStep5<?, Long, Long, String, String, Long> insert = ctx.insertInto(GROUP_MEMBERS,
                            GROUP_MEMBERS.GROUP_ID, GROUP_MEMBERS.USER_ID, GROUP_MEMBERS.ROLE, GROUP_MEMBERS.LABEL,
                            GROUP_MEMBERS.JOINED_AT);
                    for (UserId user : chunk) {
                        insert = insert.values(id.value(), user.value(), role.name(), "", joinedAt);
                    }
                    insert.execute();
                }
            } catch (RuntimeException e) {
                if (SqlFailures.isDuplicateKey(e)) {
                    throw DomainException.conflict("a user is already a member of group " + id);
                }
                throw e;
            }
            return ctx.update(CHAT_GROUPS).set(CHAT_GROUPS.MEMBER_COUNT, CHAT_GROUPS.MEMBER_COUNT.plus(distinct.size()))
                    .where(CHAT_GROUPS.ID.eq(id.value())).execute();
        });
    }

    @Override
    public boolean removeMember(GroupId id, UserId user) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        return uow.withDsl(ctx -> {
            int deleted = ctx.deleteFrom(GROUP_MEMBERS)
                    .where(GROUP_MEMBERS.GROUP_ID.eq(id.value())).and(GROUP_MEMBERS.USER_ID.eq(user.value())).execute();
            if (deleted == 0) {
                return false;
            }
            ctx.update(CHAT_GROUPS).set(CHAT_GROUPS.MEMBER_COUNT, CHAT_GROUPS.MEMBER_COUNT.minus(deleted))
                    .where(CHAT_GROUPS.ID.eq(id.value())).execute();
            return true;
        });
    }

    @Override
    public Optional<GroupMember> findMember(GroupId id, UserId user) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        return uow.withDsl(ctx -> ctx.selectFrom(GROUP_MEMBERS)
                .where(GROUP_MEMBERS.GROUP_ID.eq(id.value())).and(GROUP_MEMBERS.USER_ID.eq(user.value()))
                .fetchOptional().map(JooqGroupRepository::toMember));
    }

    @Override
    public List<GroupMember> listMembers(GroupId id) {
        Objects.requireNonNull(id, "id");
        return uow.withDsl(ctx -> ctx.selectFrom(GROUP_MEMBERS).where(GROUP_MEMBERS.GROUP_ID.eq(id.value()))
                .orderBy(GROUP_MEMBERS.USER_ID).fetch(JooqGroupRepository::toMember));
    }

    @Override
    public List<UserId> memberIds(GroupId id) {
        Objects.requireNonNull(id, "id");
        List<Long> ids = uow.withDsl(ctx -> ctx.select(GROUP_MEMBERS.USER_ID).from(GROUP_MEMBERS)
                .where(GROUP_MEMBERS.GROUP_ID.eq(id.value())).orderBy(GROUP_MEMBERS.USER_ID).fetch(GROUP_MEMBERS.USER_ID));
        List<UserId> out = new ArrayList<>(ids.size());
        ids.forEach(v -> out.add(UserId.of(v)));
        return out;
    }

    @Override
    public boolean lock(GroupId id) {
        Objects.requireNonNull(id, "id");
        return uow.withDsl(ctx -> ctx.select(CHAT_GROUPS.ID).from(CHAT_GROUPS).where(CHAT_GROUPS.ID.eq(id.value()))
                .forUpdate().fetchOptional().isPresent());
    }

    @Override
    public boolean isMember(GroupId id, UserId user) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        return uow.withDsl(ctx -> ctx.fetchExists(ctx.selectOne().from(GROUP_MEMBERS)
                .where(GROUP_MEMBERS.GROUP_ID.eq(id.value())).and(GROUP_MEMBERS.USER_ID.eq(user.value()))));
    }

    @Override
    public List<Group> listGroupsOf(UserId user) {
        Objects.requireNonNull(user, "user");
        return uow.withDsl(ctx -> ctx.select(CHAT_GROUPS.fields()).from(CHAT_GROUPS)
                .join(GROUP_MEMBERS).on(GROUP_MEMBERS.GROUP_ID.eq(CHAT_GROUPS.ID))
                .where(GROUP_MEMBERS.USER_ID.eq(user.value()))
                .orderBy(CHAT_GROUPS.ID)
                .fetch(JooqGroupRepository::toGroup));
    }

    @Override
    public void updateMember(GroupMember member) {
        Objects.requireNonNull(member, "member");
        uow.withDsl(ctx -> ctx.update(GROUP_MEMBERS)
                .set(GROUP_MEMBERS.ROLE, member.role().name())
                .set(GROUP_MEMBERS.LABEL, member.label())
                .where(GROUP_MEMBERS.GROUP_ID.eq(member.groupId().value()))
                .and(GROUP_MEMBERS.USER_ID.eq(member.userId().value()))
                .execute());
    }

    private static Group toGroup(Record r) {
        return new Group(
                GroupId.of(r.get(CHAT_GROUPS.ID)),
                new GroupProfile(r.get(CHAT_GROUPS.NAME), r.get(CHAT_GROUPS.INTRODUCTION), r.get(CHAT_GROUPS.AVATAR_URL),
                        r.get(CHAT_GROUPS.EXTRA)),
                UserId.of(r.get(CHAT_GROUPS.OWNER_ID)),
                r.get(CHAT_GROUPS.MEMBER_COUNT),
                Rows.instant(r.get(CHAT_GROUPS.CREATED_AT)));
    }

    private static GroupMember toMember(Record r) {
        return new GroupMember(
                GroupId.of(r.get(GROUP_MEMBERS.GROUP_ID)),
                UserId.of(r.get(GROUP_MEMBERS.USER_ID)),
                GroupRole.valueOf(r.get(GROUP_MEMBERS.ROLE)),
                r.get(GROUP_MEMBERS.LABEL),
                Rows.instant(r.get(GROUP_MEMBERS.JOINED_AT)));
    }
}
