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

/** An in-memory {@link FriendRepository} (one row per direction of a friendship); thread-safe. */
public final class InMemoryFriendRepository implements FriendRepository {

    private record Pair(UserId owner, UserId friend) {
    }

    private final Map<FriendRequestId, FriendRequest> requests = new HashMap<>();
    private final Map<Pair, Friendship> friendships = new HashMap<>();
    private long lastRequestId;

    public InMemoryFriendRepository() {
    }

    @Override
    public synchronized FriendRequest createRequest(UserId from, UserId to, String message, Instant at) {
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
        friendships.put(new Pair(a, b), new Friendship(a, b, remarkOfA, since));
        friendships.put(new Pair(b, a), new Friendship(b, a, remarkOfB, since));
    }

    @Override
    public synchronized Optional<Friendship> find(UserId owner, UserId friend) {
        return Optional.ofNullable(friendships.get(new Pair(owner, friend)));
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
        friendships.computeIfPresent(new Pair(owner, friend), (k, f) -> f.withRemark(remark));
    }

    @Override
    public synchronized boolean unfriend(UserId a, UserId b) {
        boolean ab = friendships.remove(new Pair(a, b)) != null;
        boolean ba = friendships.remove(new Pair(b, a)) != null;
        return ab || ba;
    }
}
