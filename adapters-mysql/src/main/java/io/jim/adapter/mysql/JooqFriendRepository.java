package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.FRIENDSHIPS;
import static io.jim.adapter.mysql.generated.Tables.FRIEND_REQUESTS;
import static io.jim.adapter.mysql.generated.Tables.USERS;

import io.jim.application.port.out.FriendRepository;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.friend.FriendRequestStatus;
import io.jim.domain.friend.Friendship;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Record;

/** {@link FriendRepository} on {@code friend_requests} and {@code friendships} (two directed rows per friendship). */
final class JooqFriendRepository implements FriendRepository {

    private final JooqUnitOfWork uow;

    JooqFriendRepository(JooqUnitOfWork uow) {
        this.uow = Objects.requireNonNull(uow, "uow");
    }

    @Override
    public FriendRequest createRequest(UserId from, UserId to, String message, Instant at) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        Instant createdAt = Rows.stored(at);
        long id = uow.withDsl(ctx -> Rows.insertReturningId(ctx, ctx.insertInto(FRIEND_REQUESTS)
                .set(FRIEND_REQUESTS.FROM_USER_ID, from.value())
                .set(FRIEND_REQUESTS.TO_USER_ID, to.value())
                .set(FRIEND_REQUESTS.MESSAGE, message)
                .set(FRIEND_REQUESTS.STATUS, FriendRequestStatus.PENDING.name())
                .set(FRIEND_REQUESTS.CREATED_AT, Rows.millis(createdAt))));
        return new FriendRequest(FriendRequestId.of(id), from, to, message, FriendRequestStatus.PENDING, createdAt);
    }

    @Override
    public Optional<FriendRequest> findRequest(FriendRequestId id) {
        Objects.requireNonNull(id, "id");
        return uow.withDsl(ctx -> ctx.selectFrom(FRIEND_REQUESTS).where(FRIEND_REQUESTS.ID.eq(id.value())).fetchOptional()
                .map(JooqFriendRepository::toRequest));
    }

    @Override
    public Optional<FriendRequest> findPending(UserId from, UserId to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return uow.withDsl(ctx -> ctx.selectFrom(FRIEND_REQUESTS)
                .where(FRIEND_REQUESTS.FROM_USER_ID.eq(from.value()))
                .and(FRIEND_REQUESTS.TO_USER_ID.eq(to.value()))
                .and(FRIEND_REQUESTS.STATUS.eq(FriendRequestStatus.PENDING.name()))
                .orderBy(FRIEND_REQUESTS.ID.desc())
                .limit(1)
                .fetchOptional()
                .map(JooqFriendRepository::toRequest));
    }

    @Override
    public void updateStatus(FriendRequestId id, FriendRequestStatus status) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        uow.withDsl(ctx -> ctx.update(FRIEND_REQUESTS).set(FRIEND_REQUESTS.STATUS, status.name())
                .where(FRIEND_REQUESTS.ID.eq(id.value())).execute());
    }

    @Override
    public List<FriendRequest> listPending(UserId user, boolean incoming) {
        Objects.requireNonNull(user, "user");
        var party = incoming ? FRIEND_REQUESTS.TO_USER_ID : FRIEND_REQUESTS.FROM_USER_ID;
        return uow.withDsl(ctx -> ctx.selectFrom(FRIEND_REQUESTS)
                .where(party.eq(user.value()))
                .and(FRIEND_REQUESTS.STATUS.eq(FriendRequestStatus.PENDING.name()))
                .orderBy(FRIEND_REQUESTS.CREATED_AT.desc(), FRIEND_REQUESTS.ID.desc())
                .fetch(JooqFriendRepository::toRequest));
    }

    @Override
    public void befriend(UserId a, UserId b, String remarkOfA, String remarkOfB, Instant since) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        long at = Rows.millis(since);
        uow.withDsl(ctx -> {
            try {
                return ctx.insertInto(FRIENDSHIPS, FRIENDSHIPS.OWNER_ID, FRIENDSHIPS.FRIEND_ID, FRIENDSHIPS.REMARK, FRIENDSHIPS.SINCE)
                        .values(a.value(), b.value(), Objects.requireNonNullElse(remarkOfA, ""), at)
                        .values(b.value(), a.value(), Objects.requireNonNullElse(remarkOfB, ""), at)
                        .execute();
            } catch (RuntimeException e) {
                if (SqlFailures.isDuplicateKey(e)) {
                    throw DomainException.conflict("already friends");
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Friendship> find(UserId owner, UserId friend) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(friend, "friend");
        return uow.withDsl(ctx -> ctx.selectFrom(FRIENDSHIPS)
                .where(FRIENDSHIPS.OWNER_ID.eq(owner.value())).and(FRIENDSHIPS.FRIEND_ID.eq(friend.value()))
                .fetchOptional().map(JooqFriendRepository::toFriendship));
    }

    @Override
    public void lockPair(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        // One statement, rows locked in primary-key order whatever the argument order.
        uow.withDsl(ctx -> ctx.select(USERS.ID).from(USERS).where(USERS.ID.in(a.value(), b.value()))
                .orderBy(USERS.ID).forUpdate().fetch());
    }

    @Override
    public boolean areFriends(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return uow.withDsl(ctx -> ctx.fetchExists(ctx.selectOne().from(FRIENDSHIPS)
                .where(FRIENDSHIPS.OWNER_ID.eq(a.value())).and(FRIENDSHIPS.FRIEND_ID.eq(b.value()))));
    }

    @Override
    public List<Friendship> list(UserId owner) {
        Objects.requireNonNull(owner, "owner");
        return uow.withDsl(ctx -> ctx.selectFrom(FRIENDSHIPS).where(FRIENDSHIPS.OWNER_ID.eq(owner.value()))
                .orderBy(FRIENDSHIPS.FRIEND_ID).fetch(JooqFriendRepository::toFriendship));
    }

    @Override
    public void updateRemark(UserId owner, UserId friend, String remark) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(friend, "friend");
        uow.withDsl(ctx -> ctx.update(FRIENDSHIPS).set(FRIENDSHIPS.REMARK, Objects.requireNonNullElse(remark, ""))
                .where(FRIENDSHIPS.OWNER_ID.eq(owner.value())).and(FRIENDSHIPS.FRIEND_ID.eq(friend.value()))
                .execute());
    }

    @Override
    public boolean unfriend(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int deleted = uow.withDsl(ctx -> ctx.deleteFrom(FRIENDSHIPS)
                .where(FRIENDSHIPS.OWNER_ID.eq(a.value()).and(FRIENDSHIPS.FRIEND_ID.eq(b.value())))
                .or(FRIENDSHIPS.OWNER_ID.eq(b.value()).and(FRIENDSHIPS.FRIEND_ID.eq(a.value())))
                .execute());
        return deleted > 0;
    }

    private static FriendRequest toRequest(Record r) {
        return new FriendRequest(
                FriendRequestId.of(r.get(FRIEND_REQUESTS.ID)),
                UserId.of(r.get(FRIEND_REQUESTS.FROM_USER_ID)),
                UserId.of(r.get(FRIEND_REQUESTS.TO_USER_ID)),
                r.get(FRIEND_REQUESTS.MESSAGE),
                FriendRequestStatus.valueOf(r.get(FRIEND_REQUESTS.STATUS)),
                Rows.instant(r.get(FRIEND_REQUESTS.CREATED_AT)));
    }

    private static Friendship toFriendship(Record r) {
        return new Friendship(
                UserId.of(r.get(FRIENDSHIPS.OWNER_ID)),
                UserId.of(r.get(FRIENDSHIPS.FRIEND_ID)),
                r.get(FRIENDSHIPS.REMARK),
                Rows.instant(r.get(FRIENDSHIPS.SINCE)));
    }
}
