package io.jim.application.service.friend;

import io.jim.application.port.out.FriendRepository;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;

/** Loads a request for a decision: someone who is neither its sender nor its receiver cannot see it. */
final class FriendRequestDecisions {

    private FriendRequestDecisions() {
    }

    static FriendRequest decidable(FriendRepository friends, FriendRequestId id, UserId caller) {
        FriendRequest seen = visible(friends, id, caller);
        // Lock the pair, then read again: a concurrent decision or crossing request may have changed it.
        friends.lockPair(seen.from(), seen.to());
        FriendRequest request = visible(friends, id, caller);
        request.checkDecidableBy(caller);
        return request;
    }

    private static FriendRequest visible(FriendRepository friends, FriendRequestId id, UserId caller) {
        return friends.findRequest(id)
                .filter(r -> r.from().equals(caller) || r.to().equals(caller))
                .orElseThrow(() -> DomainException.notFound("friend request " + id + " not found"));
    }
}
