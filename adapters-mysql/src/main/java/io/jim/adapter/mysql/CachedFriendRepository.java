package io.jim.adapter.mysql;

import io.jim.application.port.out.FriendRepository;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.friend.FriendRequestStatus;
import io.jim.domain.friend.Friendship;
import io.jim.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@link FriendRepository} that answers {@link #areFriends} from memory when it can: every 1:1 send asks
 * it, and a database read there was a SELECT and a COMMIT of its own on every message. Everything else
 * goes straight to the database repository.
 *
 * <p>Only "yes" is cached, per ordered pair: refused sends are rare, and a new friendship then needs no
 * invalidation (it is read from the database until a read caches it). {@link #unfriend} drops both
 * directions when it deletes them and again once its transaction has ended, and a read racing it cannot
 * put back what it read before the commit ({@link ReadCache}), so a read that starts after
 * {@code unfriend} (or its unit of work) has returned sees the friendship gone. Reads inside a unit of
 * work neither use nor fill the cache: they must see the transaction's own changes and the state its
 * locks protect (the send path reads outside any unit of work).
 *
 * <p>Exact within this process only. That suffices because jim runs one server process per database
 * (pushes go through its in-memory connection registry). An entry older than {@link #TIME_TO_LIVE} is
 * read again, a safety net for changes made directly in the database. At most {@link #MAX_PAIRS} pairs
 * are held (about 100 bytes each, so at most about 100 MB), see {@link ReadCache} for the eviction.
 */
final class CachedFriendRepository implements FriendRepository {

    /** Most friendship directions held in memory. */
    static final int MAX_PAIRS = 1_000_000;

    /** How long a cached answer is trusted without an invalidation. */
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

    private final JooqUnitOfWork uow;
    private final FriendRepository database;
    private final ReadCache<Pair, Boolean> friends;

    /**
     * @param database the repository the answers come from; its changes must run in {@code uow}
     * @param nanoTime the clock of the time to live ({@code System::nanoTime} outside tests)
     */
    CachedFriendRepository(JooqUnitOfWork uow, FriendRepository database, LongSupplier nanoTime) {
        this.uow = Objects.requireNonNull(uow, "uow");
        this.database = Objects.requireNonNull(database, "database");
        this.friends = new ReadCache<>(MAX_PAIRS, MAX_PAIRS, friends -> 1, TIME_TO_LIVE, nanoTime);
    }

    @Override
    public boolean areFriends(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (uow.active()) {
            return database.areFriends(a, b);
        }
        return friends.get(new Pair(a.value(), b.value()), () -> database.areFriends(a, b), Boolean::booleanValue);
    }

    @Override
    public boolean unfriend(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return uow.inTransaction(() -> {
            Pair ab = new Pair(a.value(), b.value());
            Pair ba = new Pair(b.value(), a.value());
            Runnable forget = () -> {
                friends.invalidate(ab);
                friends.invalidate(ba);
            };
            uow.afterCompletion(forget);
            forget.run();
            return database.unfriend(a, b);
        });
    }

    @Override
    public void lockPair(UserId a, UserId b) {
        database.lockPair(a, b);
    }

    @Override
    public FriendRequest createRequest(UserId from, UserId to, String message, Instant at) {
        return database.createRequest(from, to, message, at);
    }

    @Override
    public Optional<FriendRequest> findRequest(FriendRequestId id) {
        return database.findRequest(id);
    }

    @Override
    public Optional<FriendRequest> findPending(UserId from, UserId to) {
        return database.findPending(from, to);
    }

    @Override
    public void updateStatus(FriendRequestId id, FriendRequestStatus status) {
        database.updateStatus(id, status);
    }

    @Override
    public List<FriendRequest> listPending(UserId user, boolean incoming) {
        return database.listPending(user, incoming);
    }

    @Override
    public void befriend(UserId a, UserId b, String remarkOfA, String remarkOfB, Instant since) {
        database.befriend(a, b, remarkOfA, remarkOfB, since);
    }

    @Override
    public Optional<Friendship> find(UserId owner, UserId friend) {
        return database.find(owner, friend);
    }

    @Override
    public List<Friendship> list(UserId owner) {
        return database.list(owner);
    }

    @Override
    public void updateRemark(UserId owner, UserId friend, String remark) {
        database.updateRemark(owner, friend, remark);
    }

    /** One direction of a friendship: does {@code owner} have {@code friend}. */
    private record Pair(long owner, long friend) {
    }
}
