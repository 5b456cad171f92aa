package io.jim.application.port.out;

import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.friend.FriendRequestStatus;
import io.jim.domain.friend.Friendship;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Friend requests and friendships (a friendship is stored as two directed rows, one per side). */
public interface FriendRepository {

    /**
     * Serialises friend changes between two users until the transaction ends: locks both users (in
     * ascending id order, so that two transactions never wait on each other crosswise). Every change of
     * the pair's requests or friendship takes this lock first, so that its checks ("pending already",
     * "friends already", the other side's request) stay true until it commits. Must run in a UnitOfWork.
     */
    void lockPair(UserId a, UserId b);

    FriendRequest createRequest(UserId from, UserId to, String message, Instant at);

    Optional<FriendRequest> findRequest(FriendRequestId id);

    /** The pending request from {@code from} to {@code to}, if any. */
    Optional<FriendRequest> findPending(UserId from, UserId to);

    void updateStatus(FriendRequestId id, FriendRequestStatus status);

    /** Pending requests to ({@code incoming}) or from {@code user}, newest first. */
    List<FriendRequest> listPending(UserId user, boolean incoming);

    /** Stores both directions of a friendship; {@code remarkOfA} is what {@code a} calls {@code b}. */
    void befriend(UserId a, UserId b, String remarkOfA, String remarkOfB, Instant since);

    Optional<Friendship> find(UserId owner, UserId friend);

    boolean areFriends(UserId a, UserId b);

    List<Friendship> list(UserId owner);

    void updateRemark(UserId owner, UserId friend, String remark);

    /** Ends both directions; returns false when they were not friends. */
    boolean unfriend(UserId a, UserId b);
}
