package io.jim.application.service.friend;

import io.jim.application.port.in.friend.ListFriendRequestsUseCase;
import io.jim.application.port.out.FriendRepository;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/** Lists the pending friend requests to (incoming) or from the caller, newest first. */
public final class ListFriendRequestsService implements ListFriendRequestsUseCase {

    private final FriendRepository friends;

    public ListFriendRequestsService(FriendRepository friends) {
        this.friends = Objects.requireNonNull(friends, "friends");
    }

    @Override
    public List<FriendRequest> list(UserId caller, boolean incoming) {
        return friends.listPending(caller, incoming);
    }
}
