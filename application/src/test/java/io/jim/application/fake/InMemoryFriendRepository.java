package io.jim.application.fake;

import io.jim.application.port.out.FriendRepository;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.friend.FriendRequestStatus;
import io.jim.domain.friend.Friendship;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link FriendRepository} (one row per direction of a friendship); thread-safe; rolled
 * back with the given {@link InMemoryUnitOfWork}, if any.
 */
public final class InMemoryFriendRepository implements FriendRepository, InMemoryUnitOfWork.Participant {

    private record Pair(UserId owner, UserId friend) {
    }

    private final Map<FriendRequestId, FriendRequest> requests = new HashMap<>();
    private final Map<Pair, Friendship> friendships = new HashMap<>();
    private final InMemoryUnitOfWork unitOfWork;
    private long lastRequestId;

    public InMemoryFriendRepository() {
        this(null);
    }

    /** A repository whose writes inside a transaction of {@code unitOfWork} roll back with it (null: never). */
    public InMemoryFriendRepository(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    private record State(Map<FriendRequestId, FriendRequest> requests, Map<Pair, Friendship> friendships) {
    }

    @Override
    public synchronized Object snapshot() {
        return new State(new HashMap<>(requests), new HashMap<>(friendships));
    }

    @Override
    public synchronized void restore(Object snapshot) {
        State state = (State) snapshot;
        requests.clear();
        requests.putAll(state.requests());
        friendships.clear();
        friendships.putAll(state.friendships());
    }

    private void beforeWrite() {
        if (unitOfWork != null) {
            unitOfWork.beforeWrite(this);
        }
    }

    @Override
    public synchronized FriendRequest createRequest(UserId from, UserId to, String message, Instant at) {
        beforeWrite();
        FriendRequest request = new FriendRequest(FriendRequestId.of(++lastRequestId), from, to,
                message == null ? "" : message, FriendRequestStatus.PENDING, at);
        requests.put(request.id(), request);
        return request;
    }

    @Override
    public synchronized Optional<FriendRequest> findRequest(FriendRequestId id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized Optional<FriendRequest> findPending(UserId from, UserId to) {
        return requests.values().stream()
                .filter(r -> r.status() == FriendRequestStatus.PENDING && r.from().equals(from) && r.to().equals(to))
                .max(Comparator.comparing(FriendRequest::id));
    }

    @Override
    public synchronized void updateStatus(FriendRequestId id, FriendRequestStatus status) {
        beforeWrite();
        requests.computeIfPresent(id, (k, r) -> r.withStatus(status));
    }

    @Override
    public synchronized List<FriendRequest> listPending(UserId user, boolean incoming) {
        return requests.values().stream()
                .filter(r -> r.status() == FriendRequestStatus.PENDING)
                .filter(r -> incoming ? r.to().equals(user) : r.from().equals(user))
                .sorted(Comparator.comparing(FriendRequest::createdAt).thenComparing(FriendRequest::id).reversed())
                .toList();
    }

    @Override
    public synchronized void befriend(UserId a, UserId b, String remarkOfA, String remarkOfB, Instant since) {
        beforeWrite();
        friendships.put(new Pair(a, b), new Friendship(a, b, remarkOfA, since));
        friendships.put(new Pair(b, a), new Friendship(b, a, remarkOfB, since));
    }

    @Override
    public synchronized Optional<Friendship> find(UserId owner, UserId friend) {
        return Optional.ofNullable(friendships.get(new Pair(owner, friend)));
    }

    @Override
    public void lockPair(UserId a, UserId b) {
        // Transactions of the in-memory unit of work already run one at a time.
    }

    @Override
    public synchronized boolean areFriends(UserId a, UserId b) {
        return friendships.containsKey(new Pair(a, b));
    }

    @Override
    public synchronized List<Friendship> list(UserId owner) {
        return friendships.values().stream()
                .filter(f -> f.owner().equals(owner))
                .sorted(Comparator.comparing(Friendship::friend))
                .toList();
    }

    @Override
    public synchronized void updateRemark(UserId owner, UserId friend, String remark) {
        beforeWrite();
        friendships.computeIfPresent(new Pair(owner, friend), (k, f) -> f.withRemark(remark));
    }

    @Override
    public synchronized boolean unfriend(UserId a, UserId b) {
        beforeWrite();
        boolean ab = friendships.remove(new Pair(a, b)) != null;
        boolean ba = friendships.remove(new Pair(b, a)) != null;
        return ab || ba;
    }
}
